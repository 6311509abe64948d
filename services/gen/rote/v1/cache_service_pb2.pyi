from services.gen.rote.v1 import run_pb2 as _run_pb2
from services.gen.rote.v1 import script_pb2 as _script_pb2
from services.gen.rote.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
DESCRIPTOR: _descriptor.FileDescriptor

class PutWorkflowRequest(_message.Message):
    __slots__ = ('workflow',)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow

    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]]=...) -> None:
        ...

class PutWorkflowResponse(_message.Message):
    __slots__ = ('workflow_id', 'version', 'created')
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    version: int
    created: bool

    def __init__(self, workflow_id: _Optional[str]=..., version: _Optional[int]=..., created: _Optional[bool]=...) -> None:
        ...

class GetWorkflowRequest(_message.Message):
    __slots__ = ('workflow_id', 'version')
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    version: int

    def __init__(self, workflow_id: _Optional[str]=..., version: _Optional[int]=...) -> None:
        ...

class GetWorkflowResponse(_message.Message):
    __slots__ = ('workflow',)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow

    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]]=...) -> None:
        ...

class StartRunRequest(_message.Message):
    __slots__ = ('workflow_id', 'workflow_version', 'parameters', 'secret_parameters', 'run_with', 'lease_seconds')

    class ParametersEntry(_message.Message):
        __slots__ = ('key', 'value')
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str

        def __init__(self, key: _Optional[str]=..., value: _Optional[str]=...) -> None:
            ...
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_VERSION_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    SECRET_PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    RUN_WITH_FIELD_NUMBER: _ClassVar[int]
    LEASE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    workflow_version: int
    parameters: _containers.ScalarMap[str, str]
    secret_parameters: _containers.RepeatedScalarFieldContainer[str]
    run_with: _run_pb2.RunWith
    lease_seconds: int

    def __init__(self, workflow_id: _Optional[str]=..., workflow_version: _Optional[int]=..., parameters: _Optional[_Mapping[str, str]]=..., secret_parameters: _Optional[_Iterable[str]]=..., run_with: _Optional[_Union[_run_pb2.RunWith, str]]=..., lease_seconds: _Optional[int]=...) -> None:
        ...

class StartRunResponse(_message.Message):
    __slots__ = ('run_id', 'workflow', 'resolution')
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    workflow: _workflow_pb2.Workflow
    resolution: _script_pb2.ScriptResolution

    def __init__(self, run_id: _Optional[str]=..., workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]]=..., resolution: _Optional[_Union[_script_pb2.ScriptResolution, _Mapping]]=...) -> None:
        ...

class ResolveScriptRequest(_message.Message):
    __slots__ = ('workflow_id', 'parameters')

    class ParametersEntry(_message.Message):
        __slots__ = ('key', 'value')
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str

        def __init__(self, key: _Optional[str]=..., value: _Optional[str]=...) -> None:
            ...
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    parameters: _containers.ScalarMap[str, str]

    def __init__(self, workflow_id: _Optional[str]=..., parameters: _Optional[_Mapping[str, str]]=...) -> None:
        ...

class ResolveScriptResponse(_message.Message):
    __slots__ = ('resolution',)
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    resolution: _script_pb2.ScriptResolution

    def __init__(self, resolution: _Optional[_Union[_script_pb2.ScriptResolution, _Mapping]]=...) -> None:
        ...

class RecordBlockRunRequest(_message.Message):
    __slots__ = ('run_id', 'block_run')
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    BLOCK_RUN_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    block_run: _run_pb2.BlockRun

    def __init__(self, run_id: _Optional[str]=..., block_run: _Optional[_Union[_run_pb2.BlockRun, _Mapping]]=...) -> None:
        ...

class RecordBlockRunResponse(_message.Message):
    __slots__ = ('marked_for_update',)
    MARKED_FOR_UPDATE_FIELD_NUMBER: _ClassVar[int]
    marked_for_update: bool

    def __init__(self, marked_for_update: _Optional[bool]=...) -> None:
        ...

class FinishRunRequest(_message.Message):
    __slots__ = ('run_id', 'status', 'error', 'wall_ms', 'force_regenerate')
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    WALL_MS_FIELD_NUMBER: _ClassVar[int]
    FORCE_REGENERATE_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    status: _run_pb2.RunStatus
    error: str
    wall_ms: int
    force_regenerate: bool

    def __init__(self, run_id: _Optional[str]=..., status: _Optional[_Union[_run_pb2.RunStatus, str]]=..., error: _Optional[str]=..., wall_ms: _Optional[int]=..., force_regenerate: _Optional[bool]=...) -> None:
        ...

class RegenerationDecision(_message.Message):
    __slots__ = ('regenerate', 'blocks_to_update', 'missing_labels', 'reasons')
    REGENERATE_FIELD_NUMBER: _ClassVar[int]
    BLOCKS_TO_UPDATE_FIELD_NUMBER: _ClassVar[int]
    MISSING_LABELS_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    regenerate: bool
    blocks_to_update: _containers.RepeatedScalarFieldContainer[str]
    missing_labels: _containers.RepeatedScalarFieldContainer[str]
    reasons: _containers.RepeatedScalarFieldContainer[str]

    def __init__(self, regenerate: _Optional[bool]=..., blocks_to_update: _Optional[_Iterable[str]]=..., missing_labels: _Optional[_Iterable[str]]=..., reasons: _Optional[_Iterable[str]]=...) -> None:
        ...

class FinishRunResponse(_message.Message):
    __slots__ = ('decision', 'published_version', 'script_id')
    DECISION_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_VERSION_FIELD_NUMBER: _ClassVar[int]
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    decision: RegenerationDecision
    published_version: int
    script_id: str

    def __init__(self, decision: _Optional[_Union[RegenerationDecision, _Mapping]]=..., published_version: _Optional[int]=..., script_id: _Optional[str]=...) -> None:
        ...

class GetRunRequest(_message.Message):
    __slots__ = ('run_id',)
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    run_id: str

    def __init__(self, run_id: _Optional[str]=...) -> None:
        ...

class GetRunResponse(_message.Message):
    __slots__ = ('summary', 'block_runs')
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    BLOCK_RUNS_FIELD_NUMBER: _ClassVar[int]
    summary: _run_pb2.RunSummary
    block_runs: _containers.RepeatedCompositeFieldContainer[_run_pb2.BlockRun]

    def __init__(self, summary: _Optional[_Union[_run_pb2.RunSummary, _Mapping]]=..., block_runs: _Optional[_Iterable[_Union[_run_pb2.BlockRun, _Mapping]]]=...) -> None:
        ...