from services.gen.buf.validate import validate_pb2 as _validate_pb2
from services.gen.rote.v1 import run_pb2 as _run_pb2
from services.gen.rote.v1 import trace_pb2 as _trace_pb2
from services.gen.rote.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
DESCRIPTOR: _descriptor.FileDescriptor

class RunWorkflowRequest(_message.Message):
    __slots__ = ('workflow', 'workflow_id', 'parameters', 'run_with', 'timeout_seconds')

    class ParametersEntry(_message.Message):
        __slots__ = ('key', 'value')
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str

        def __init__(self, key: _Optional[str]=..., value: _Optional[str]=...) -> None:
            ...
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    RUN_WITH_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    workflow_id: str
    parameters: _containers.ScalarMap[str, str]
    run_with: _run_pb2.RunWith
    timeout_seconds: int

    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]]=..., workflow_id: _Optional[str]=..., parameters: _Optional[_Mapping[str, str]]=..., run_with: _Optional[_Union[_run_pb2.RunWith, str]]=..., timeout_seconds: _Optional[int]=...) -> None:
        ...

class RunStarted(_message.Message):
    __slots__ = ('run_id', 'workflow_id', 'workflow_version', 'script_version', 'cache_key', 'cached_labels', 'warning')
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_VERSION_FIELD_NUMBER: _ClassVar[int]
    SCRIPT_VERSION_FIELD_NUMBER: _ClassVar[int]
    CACHE_KEY_FIELD_NUMBER: _ClassVar[int]
    CACHED_LABELS_FIELD_NUMBER: _ClassVar[int]
    WARNING_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    workflow_id: str
    workflow_version: int
    script_version: int
    cache_key: str
    cached_labels: _containers.RepeatedScalarFieldContainer[str]
    warning: str

    def __init__(self, run_id: _Optional[str]=..., workflow_id: _Optional[str]=..., workflow_version: _Optional[int]=..., script_version: _Optional[int]=..., cache_key: _Optional[str]=..., cached_labels: _Optional[_Iterable[str]]=..., warning: _Optional[str]=...) -> None:
        ...

class BlockStarted(_message.Message):
    __slots__ = ('label', 'type', 'mode')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    label: str
    type: _workflow_pb2.BlockType
    mode: _run_pb2.BlockMode

    def __init__(self, label: _Optional[str]=..., type: _Optional[_Union[_workflow_pb2.BlockType, str]]=..., mode: _Optional[_Union[_run_pb2.BlockMode, str]]=...) -> None:
        ...

class ActionDone(_message.Message):
    __slots__ = ('label', 'action', 'mode', 'healed')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    HEALED_FIELD_NUMBER: _ClassVar[int]
    label: str
    action: _trace_pb2.Action
    mode: _run_pb2.BlockMode
    healed: bool

    def __init__(self, label: _Optional[str]=..., action: _Optional[_Union[_trace_pb2.Action, _Mapping]]=..., mode: _Optional[_Union[_run_pb2.BlockMode, str]]=..., healed: _Optional[bool]=...) -> None:
        ...

class BlockFinished(_message.Message):
    __slots__ = ('block',)
    BLOCK_FIELD_NUMBER: _ClassVar[int]
    block: _run_pb2.BlockSummary

    def __init__(self, block: _Optional[_Union[_run_pb2.BlockSummary, _Mapping]]=...) -> None:
        ...

class RunFinished(_message.Message):
    __slots__ = ('summary',)
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    summary: _run_pb2.RunSummary

    def __init__(self, summary: _Optional[_Union[_run_pb2.RunSummary, _Mapping]]=...) -> None:
        ...

class RunWorkflowResponse(_message.Message):
    __slots__ = ('run_started', 'block_started', 'action_done', 'block_finished', 'run_finished')
    RUN_STARTED_FIELD_NUMBER: _ClassVar[int]
    BLOCK_STARTED_FIELD_NUMBER: _ClassVar[int]
    ACTION_DONE_FIELD_NUMBER: _ClassVar[int]
    BLOCK_FINISHED_FIELD_NUMBER: _ClassVar[int]
    RUN_FINISHED_FIELD_NUMBER: _ClassVar[int]
    run_started: RunStarted
    block_started: BlockStarted
    action_done: ActionDone
    block_finished: BlockFinished
    run_finished: RunFinished

    def __init__(self, run_started: _Optional[_Union[RunStarted, _Mapping]]=..., block_started: _Optional[_Union[BlockStarted, _Mapping]]=..., action_done: _Optional[_Union[ActionDone, _Mapping]]=..., block_finished: _Optional[_Union[BlockFinished, _Mapping]]=..., run_finished: _Optional[_Union[RunFinished, _Mapping]]=...) -> None:
        ...