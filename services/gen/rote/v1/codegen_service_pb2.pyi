from services.gen.buf.validate import validate_pb2 as _validate_pb2
from services.gen.rote.v1 import script_pb2 as _script_pb2
from services.gen.rote.v1 import trace_pb2 as _trace_pb2
from services.gen.rote.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
DESCRIPTOR: _descriptor.FileDescriptor

class ReusedBlock(_message.Message):
    __slots__ = ('label', 'run_signature', 'file', 'parameter_names')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    RUN_SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_NAMES_FIELD_NUMBER: _ClassVar[int]
    label: str
    run_signature: str
    file: _script_pb2.ScriptFile
    parameter_names: _containers.RepeatedScalarFieldContainer[str]

    def __init__(self, label: _Optional[str]=..., run_signature: _Optional[str]=..., file: _Optional[_Union[_script_pb2.ScriptFile, _Mapping]]=..., parameter_names: _Optional[_Iterable[str]]=...) -> None:
        ...

class GenerateScriptRequest(_message.Message):
    __slots__ = ('script_id', 'version', 'source_run_id', 'workflow', 'traces', 'reused', 'parameter_values')

    class ParameterValuesEntry(_message.Message):
        __slots__ = ('key', 'value')
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str

        def __init__(self, key: _Optional[str]=..., value: _Optional[str]=...) -> None:
            ...
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_RUN_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    TRACES_FIELD_NUMBER: _ClassVar[int]
    REUSED_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_VALUES_FIELD_NUMBER: _ClassVar[int]
    script_id: str
    version: int
    source_run_id: str
    workflow: _workflow_pb2.Workflow
    traces: _containers.RepeatedCompositeFieldContainer[_trace_pb2.BlockTrace]
    reused: _containers.RepeatedCompositeFieldContainer[ReusedBlock]
    parameter_values: _containers.ScalarMap[str, str]

    def __init__(self, script_id: _Optional[str]=..., version: _Optional[int]=..., source_run_id: _Optional[str]=..., workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]]=..., traces: _Optional[_Iterable[_Union[_trace_pb2.BlockTrace, _Mapping]]]=..., reused: _Optional[_Iterable[_Union[ReusedBlock, _Mapping]]]=..., parameter_values: _Optional[_Mapping[str, str]]=...) -> None:
        ...

class GeneratedBlock(_message.Message):
    __slots__ = ('label', 'run_signature', 'file_path', 'parameter_names', 'reused')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    RUN_SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    FILE_PATH_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_NAMES_FIELD_NUMBER: _ClassVar[int]
    REUSED_FIELD_NUMBER: _ClassVar[int]
    label: str
    run_signature: str
    file_path: str
    parameter_names: _containers.RepeatedScalarFieldContainer[str]
    reused: bool

    def __init__(self, label: _Optional[str]=..., run_signature: _Optional[str]=..., file_path: _Optional[str]=..., parameter_names: _Optional[_Iterable[str]]=..., reused: _Optional[bool]=...) -> None:
        ...

class SkippedBlock(_message.Message):
    __slots__ = ('label', 'reason')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    label: str
    reason: str

    def __init__(self, label: _Optional[str]=..., reason: _Optional[str]=...) -> None:
        ...

class GenerateScriptResponse(_message.Message):
    __slots__ = ('files', 'blocks', 'skipped')
    FILES_FIELD_NUMBER: _ClassVar[int]
    BLOCKS_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    files: _containers.RepeatedCompositeFieldContainer[_script_pb2.ScriptFile]
    blocks: _containers.RepeatedCompositeFieldContainer[GeneratedBlock]
    skipped: _containers.RepeatedCompositeFieldContainer[SkippedBlock]

    def __init__(self, files: _Optional[_Iterable[_Union[_script_pb2.ScriptFile, _Mapping]]]=..., blocks: _Optional[_Iterable[_Union[GeneratedBlock, _Mapping]]]=..., skipped: _Optional[_Iterable[_Union[SkippedBlock, _Mapping]]]=...) -> None:
        ...