from services.gen.buf.validate import validate_pb2 as _validate_pb2
from services.gen.rote.v1 import trace_pb2 as _trace_pb2
from services.gen.rote.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
DESCRIPTOR: _descriptor.FileDescriptor

class RunWith(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RUN_WITH_UNSPECIFIED: _ClassVar[RunWith]
    RUN_WITH_AGENT: _ClassVar[RunWith]
    RUN_WITH_CODE: _ClassVar[RunWith]
    RUN_WITH_AUTO: _ClassVar[RunWith]
    RUN_WITH_CODE_ONLY: _ClassVar[RunWith]

class RunStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RUN_STATUS_UNSPECIFIED: _ClassVar[RunStatus]
    RUN_STATUS_RUNNING: _ClassVar[RunStatus]
    RUN_STATUS_COMPLETED: _ClassVar[RunStatus]
    RUN_STATUS_FAILED: _ClassVar[RunStatus]
    RUN_STATUS_CANCELLED: _ClassVar[RunStatus]
    RUN_STATUS_TIMED_OUT: _ClassVar[RunStatus]
    RUN_STATUS_ABANDONED: _ClassVar[RunStatus]
    RUN_STATUS_UNVERIFIED: _ClassVar[RunStatus]

class BlockMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BLOCK_MODE_UNSPECIFIED: _ClassVar[BlockMode]
    BLOCK_MODE_AGENT: _ClassVar[BlockMode]
    BLOCK_MODE_CODE: _ClassVar[BlockMode]
    BLOCK_MODE_FALLBACK: _ClassVar[BlockMode]
    BLOCK_MODE_LIVE: _ClassVar[BlockMode]

class BlockStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BLOCK_STATUS_UNSPECIFIED: _ClassVar[BlockStatus]
    BLOCK_STATUS_COMPLETED: _ClassVar[BlockStatus]
    BLOCK_STATUS_FAILED: _ClassVar[BlockStatus]
    BLOCK_STATUS_SKIPPED: _ClassVar[BlockStatus]
    BLOCK_STATUS_UNVERIFIED: _ClassVar[BlockStatus]
RUN_WITH_UNSPECIFIED: RunWith
RUN_WITH_AGENT: RunWith
RUN_WITH_CODE: RunWith
RUN_WITH_AUTO: RunWith
RUN_WITH_CODE_ONLY: RunWith
RUN_STATUS_UNSPECIFIED: RunStatus
RUN_STATUS_RUNNING: RunStatus
RUN_STATUS_COMPLETED: RunStatus
RUN_STATUS_FAILED: RunStatus
RUN_STATUS_CANCELLED: RunStatus
RUN_STATUS_TIMED_OUT: RunStatus
RUN_STATUS_ABANDONED: RunStatus
RUN_STATUS_UNVERIFIED: RunStatus
BLOCK_MODE_UNSPECIFIED: BlockMode
BLOCK_MODE_AGENT: BlockMode
BLOCK_MODE_CODE: BlockMode
BLOCK_MODE_FALLBACK: BlockMode
BLOCK_MODE_LIVE: BlockMode
BLOCK_STATUS_UNSPECIFIED: BlockStatus
BLOCK_STATUS_COMPLETED: BlockStatus
BLOCK_STATUS_FAILED: BlockStatus
BLOCK_STATUS_SKIPPED: BlockStatus
BLOCK_STATUS_UNVERIFIED: BlockStatus

class BlockRun(_message.Message):
    __slots__ = ('label', 'type', 'mode', 'status', 'reason', 'agent_steps', 'llm_calls', 'trace', 'output_json', 'duration_ms', 'sequence', 'healed_actions', 'screenshot_key')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    AGENT_STEPS_FIELD_NUMBER: _ClassVar[int]
    LLM_CALLS_FIELD_NUMBER: _ClassVar[int]
    TRACE_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_JSON_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    HEALED_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    SCREENSHOT_KEY_FIELD_NUMBER: _ClassVar[int]
    label: str
    type: _workflow_pb2.BlockType
    mode: BlockMode
    status: BlockStatus
    reason: str
    agent_steps: int
    llm_calls: int
    trace: _trace_pb2.BlockTrace
    output_json: str
    duration_ms: int
    sequence: int
    healed_actions: int
    screenshot_key: str

    def __init__(self, label: _Optional[str]=..., type: _Optional[_Union[_workflow_pb2.BlockType, str]]=..., mode: _Optional[_Union[BlockMode, str]]=..., status: _Optional[_Union[BlockStatus, str]]=..., reason: _Optional[str]=..., agent_steps: _Optional[int]=..., llm_calls: _Optional[int]=..., trace: _Optional[_Union[_trace_pb2.BlockTrace, _Mapping]]=..., output_json: _Optional[str]=..., duration_ms: _Optional[int]=..., sequence: _Optional[int]=..., healed_actions: _Optional[int]=..., screenshot_key: _Optional[str]=...) -> None:
        ...

class BlockSummary(_message.Message):
    __slots__ = ('label', 'mode', 'status', 'agent_steps', 'reason', 'duration_ms', 'healed_actions', 'screenshot_key')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AGENT_STEPS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    HEALED_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    SCREENSHOT_KEY_FIELD_NUMBER: _ClassVar[int]
    label: str
    mode: BlockMode
    status: BlockStatus
    agent_steps: int
    reason: str
    duration_ms: int
    healed_actions: int
    screenshot_key: str

    def __init__(self, label: _Optional[str]=..., mode: _Optional[_Union[BlockMode, str]]=..., status: _Optional[_Union[BlockStatus, str]]=..., agent_steps: _Optional[int]=..., reason: _Optional[str]=..., duration_ms: _Optional[int]=..., healed_actions: _Optional[int]=..., screenshot_key: _Optional[str]=...) -> None:
        ...

class RunSummary(_message.Message):
    __slots__ = ('run_id', 'workflow_id', 'status', 'script_version', 'published_version', 'agent_steps', 'llm_calls', 'wall_ms', 'blocks', 'error', 'cache_key', 'outputs_json', 'recorded', 'script_id')

    class OutputsJsonEntry(_message.Message):
        __slots__ = ('key', 'value')
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str

        def __init__(self, key: _Optional[str]=..., value: _Optional[str]=...) -> None:
            ...
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SCRIPT_VERSION_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_VERSION_FIELD_NUMBER: _ClassVar[int]
    AGENT_STEPS_FIELD_NUMBER: _ClassVar[int]
    LLM_CALLS_FIELD_NUMBER: _ClassVar[int]
    WALL_MS_FIELD_NUMBER: _ClassVar[int]
    BLOCKS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CACHE_KEY_FIELD_NUMBER: _ClassVar[int]
    OUTPUTS_JSON_FIELD_NUMBER: _ClassVar[int]
    RECORDED_FIELD_NUMBER: _ClassVar[int]
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    workflow_id: str
    status: RunStatus
    script_version: int
    published_version: int
    agent_steps: int
    llm_calls: int
    wall_ms: int
    blocks: _containers.RepeatedCompositeFieldContainer[BlockSummary]
    error: str
    cache_key: str
    outputs_json: _containers.ScalarMap[str, str]
    recorded: bool
    script_id: str

    def __init__(self, run_id: _Optional[str]=..., workflow_id: _Optional[str]=..., status: _Optional[_Union[RunStatus, str]]=..., script_version: _Optional[int]=..., published_version: _Optional[int]=..., agent_steps: _Optional[int]=..., llm_calls: _Optional[int]=..., wall_ms: _Optional[int]=..., blocks: _Optional[_Iterable[_Union[BlockSummary, _Mapping]]]=..., error: _Optional[str]=..., cache_key: _Optional[str]=..., outputs_json: _Optional[_Mapping[str, str]]=..., recorded: _Optional[bool]=..., script_id: _Optional[str]=...) -> None:
        ...