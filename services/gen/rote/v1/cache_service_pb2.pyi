import datetime
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from services.gen.buf.validate import validate_pb2 as _validate_pb2
from services.gen.rote.v1 import run_pb2 as _run_pb2
from services.gen.rote.v1 import script_pb2 as _script_pb2
from services.gen.rote.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
DESCRIPTOR: _descriptor.FileDescriptor

class BlockChange(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BLOCK_CHANGE_UNSPECIFIED: _ClassVar[BlockChange]
    BLOCK_CHANGE_UNCHANGED: _ClassVar[BlockChange]
    BLOCK_CHANGE_ADDED: _ClassVar[BlockChange]
    BLOCK_CHANGE_REMOVED: _ClassVar[BlockChange]
    BLOCK_CHANGE_MODIFIED: _ClassVar[BlockChange]
BLOCK_CHANGE_UNSPECIFIED: BlockChange
BLOCK_CHANGE_UNCHANGED: BlockChange
BLOCK_CHANGE_ADDED: BlockChange
BLOCK_CHANGE_REMOVED: BlockChange
BLOCK_CHANGE_MODIFIED: BlockChange

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

class ListWorkflowsRequest(_message.Message):
    __slots__ = ()

    def __init__(self) -> None:
        ...

class WorkflowListEntry(_message.Message):
    __slots__ = ('workflow_id', 'title', 'latest_version', 'block_count')
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LATEST_VERSION_FIELD_NUMBER: _ClassVar[int]
    BLOCK_COUNT_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    title: str
    latest_version: int
    block_count: int

    def __init__(self, workflow_id: _Optional[str]=..., title: _Optional[str]=..., latest_version: _Optional[int]=..., block_count: _Optional[int]=...) -> None:
        ...

class ListWorkflowsResponse(_message.Message):
    __slots__ = ('workflows',)
    WORKFLOWS_FIELD_NUMBER: _ClassVar[int]
    workflows: _containers.RepeatedCompositeFieldContainer[WorkflowListEntry]

    def __init__(self, workflows: _Optional[_Iterable[_Union[WorkflowListEntry, _Mapping]]]=...) -> None:
        ...

class StartRunRequest(_message.Message):
    __slots__ = ('workflow_id', 'workflow_version', 'parameters', 'secret_parameters', 'run_with', 'lease_seconds', 'workflow')

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
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    workflow_version: int
    parameters: _containers.ScalarMap[str, str]
    secret_parameters: _containers.RepeatedScalarFieldContainer[str]
    run_with: _run_pb2.RunWith
    lease_seconds: int
    workflow: _workflow_pb2.Workflow

    def __init__(self, workflow_id: _Optional[str]=..., workflow_version: _Optional[int]=..., parameters: _Optional[_Mapping[str, str]]=..., secret_parameters: _Optional[_Iterable[str]]=..., run_with: _Optional[_Union[_run_pb2.RunWith, str]]=..., lease_seconds: _Optional[int]=..., workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]]=...) -> None:
        ...

class StartRunResponse(_message.Message):
    __slots__ = ('run_id', 'workflow', 'resolution', 'definition_stored', 'takes_final_records')
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    DEFINITION_STORED_FIELD_NUMBER: _ClassVar[int]
    TAKES_FINAL_RECORDS_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    workflow: _workflow_pb2.Workflow
    resolution: _script_pb2.ScriptResolution
    definition_stored: bool
    takes_final_records: bool

    def __init__(self, run_id: _Optional[str]=..., workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]]=..., resolution: _Optional[_Union[_script_pb2.ScriptResolution, _Mapping]]=..., definition_stored: _Optional[bool]=..., takes_final_records: _Optional[bool]=...) -> None:
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
    __slots__ = ('run_id', 'status', 'error', 'wall_ms', 'force_regenerate', 'block_runs')
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    WALL_MS_FIELD_NUMBER: _ClassVar[int]
    FORCE_REGENERATE_FIELD_NUMBER: _ClassVar[int]
    BLOCK_RUNS_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    status: _run_pb2.RunStatus
    error: str
    wall_ms: int
    force_regenerate: bool
    block_runs: _containers.RepeatedCompositeFieldContainer[_run_pb2.BlockRun]

    def __init__(self, run_id: _Optional[str]=..., status: _Optional[_Union[_run_pb2.RunStatus, str]]=..., error: _Optional[str]=..., wall_ms: _Optional[int]=..., force_regenerate: _Optional[bool]=..., block_runs: _Optional[_Iterable[_Union[_run_pb2.BlockRun, _Mapping]]]=...) -> None:
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
    __slots__ = ('summary', 'block_runs', 'draft', 'generations', 'max_generations_per_block', 'lease_expires_at')

    class GenerationsEntry(_message.Message):
        __slots__ = ('key', 'value')
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int

        def __init__(self, key: _Optional[str]=..., value: _Optional[int]=...) -> None:
            ...
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    BLOCK_RUNS_FIELD_NUMBER: _ClassVar[int]
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    GENERATIONS_FIELD_NUMBER: _ClassVar[int]
    MAX_GENERATIONS_PER_BLOCK_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    summary: _run_pb2.RunSummary
    block_runs: _containers.RepeatedCompositeFieldContainer[_run_pb2.BlockRun]
    draft: RunDraft
    generations: _containers.ScalarMap[str, int]
    max_generations_per_block: int
    lease_expires_at: _timestamp_pb2.Timestamp

    def __init__(self, summary: _Optional[_Union[_run_pb2.RunSummary, _Mapping]]=..., block_runs: _Optional[_Iterable[_Union[_run_pb2.BlockRun, _Mapping]]]=..., draft: _Optional[_Union[RunDraft, _Mapping]]=..., generations: _Optional[_Mapping[str, int]]=..., max_generations_per_block: _Optional[int]=..., lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]]=...) -> None:
        ...

class RunDraft(_message.Message):
    __slots__ = ('number', 'blocks', 'skipped', 'usable')
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    BLOCKS_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    USABLE_FIELD_NUMBER: _ClassVar[int]
    number: int
    blocks: _containers.RepeatedCompositeFieldContainer[_script_pb2.CachedBlock]
    skipped: _containers.RepeatedCompositeFieldContainer[_script_pb2.UncachedBlock]
    usable: bool

    def __init__(self, number: _Optional[int]=..., blocks: _Optional[_Iterable[_Union[_script_pb2.CachedBlock, _Mapping]]]=..., skipped: _Optional[_Iterable[_Union[_script_pb2.UncachedBlock, _Mapping]]]=..., usable: _Optional[bool]=...) -> None:
        ...

class ListRunsRequest(_message.Message):
    __slots__ = ('workflow_id', 'limit', 'status')
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    limit: int
    status: _run_pb2.RunStatus

    def __init__(self, workflow_id: _Optional[str]=..., limit: _Optional[int]=..., status: _Optional[_Union[_run_pb2.RunStatus, str]]=...) -> None:
        ...

class RunListEntry(_message.Message):
    __slots__ = ('run_id', 'workflow_id', 'workflow_version', 'status', 'cache_key', 'run_with', 'started_at', 'finished_at', 'wall_ms', 'script_version', 'published_version', 'code_blocks', 'agent_blocks', 'fallback_blocks', 'live_blocks', 'agent_steps', 'error')
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_VERSION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CACHE_KEY_FIELD_NUMBER: _ClassVar[int]
    RUN_WITH_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    WALL_MS_FIELD_NUMBER: _ClassVar[int]
    SCRIPT_VERSION_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_VERSION_FIELD_NUMBER: _ClassVar[int]
    CODE_BLOCKS_FIELD_NUMBER: _ClassVar[int]
    AGENT_BLOCKS_FIELD_NUMBER: _ClassVar[int]
    FALLBACK_BLOCKS_FIELD_NUMBER: _ClassVar[int]
    LIVE_BLOCKS_FIELD_NUMBER: _ClassVar[int]
    AGENT_STEPS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    workflow_id: str
    workflow_version: int
    status: _run_pb2.RunStatus
    cache_key: str
    run_with: _run_pb2.RunWith
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    wall_ms: int
    script_version: int
    published_version: int
    code_blocks: int
    agent_blocks: int
    fallback_blocks: int
    live_blocks: int
    agent_steps: int
    error: str

    def __init__(self, run_id: _Optional[str]=..., workflow_id: _Optional[str]=..., workflow_version: _Optional[int]=..., status: _Optional[_Union[_run_pb2.RunStatus, str]]=..., cache_key: _Optional[str]=..., run_with: _Optional[_Union[_run_pb2.RunWith, str]]=..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]]=..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]]=..., wall_ms: _Optional[int]=..., script_version: _Optional[int]=..., published_version: _Optional[int]=..., code_blocks: _Optional[int]=..., agent_blocks: _Optional[int]=..., fallback_blocks: _Optional[int]=..., live_blocks: _Optional[int]=..., agent_steps: _Optional[int]=..., error: _Optional[str]=...) -> None:
        ...

class ListRunsResponse(_message.Message):
    __slots__ = ('runs',)
    RUNS_FIELD_NUMBER: _ClassVar[int]
    runs: _containers.RepeatedCompositeFieldContainer[RunListEntry]

    def __init__(self, runs: _Optional[_Iterable[_Union[RunListEntry, _Mapping]]]=...) -> None:
        ...

class ScriptVersionInfo(_message.Message):
    __slots__ = ('version', 'source_run_id', 'workflow_version', 'pinned', 'current', 'created_at', 'labels', 'rolled_back_from')
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_RUN_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_VERSION_FIELD_NUMBER: _ClassVar[int]
    PINNED_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    ROLLED_BACK_FROM_FIELD_NUMBER: _ClassVar[int]
    version: int
    source_run_id: str
    workflow_version: int
    pinned: bool
    current: bool
    created_at: _timestamp_pb2.Timestamp
    labels: _containers.RepeatedScalarFieldContainer[str]
    rolled_back_from: int

    def __init__(self, version: _Optional[int]=..., source_run_id: _Optional[str]=..., workflow_version: _Optional[int]=..., pinned: _Optional[bool]=..., current: _Optional[bool]=..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]]=..., labels: _Optional[_Iterable[str]]=..., rolled_back_from: _Optional[int]=...) -> None:
        ...

class ScriptInfo(_message.Message):
    __slots__ = ('script_id', 'workflow_id', 'cache_key', 'current_version', 'latest_version', 'pinned_version', 'version_count', 'created_at')
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    CACHE_KEY_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    LATEST_VERSION_FIELD_NUMBER: _ClassVar[int]
    PINNED_VERSION_FIELD_NUMBER: _ClassVar[int]
    VERSION_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    script_id: str
    workflow_id: str
    cache_key: str
    current_version: int
    latest_version: int
    pinned_version: int
    version_count: int
    created_at: _timestamp_pb2.Timestamp

    def __init__(self, script_id: _Optional[str]=..., workflow_id: _Optional[str]=..., cache_key: _Optional[str]=..., current_version: _Optional[int]=..., latest_version: _Optional[int]=..., pinned_version: _Optional[int]=..., version_count: _Optional[int]=..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]]=...) -> None:
        ...

class ListScriptsRequest(_message.Message):
    __slots__ = ('workflow_id',)
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str

    def __init__(self, workflow_id: _Optional[str]=...) -> None:
        ...

class ListScriptsResponse(_message.Message):
    __slots__ = ('scripts',)
    SCRIPTS_FIELD_NUMBER: _ClassVar[int]
    scripts: _containers.RepeatedCompositeFieldContainer[ScriptInfo]

    def __init__(self, scripts: _Optional[_Iterable[_Union[ScriptInfo, _Mapping]]]=...) -> None:
        ...

class ListScriptVersionsRequest(_message.Message):
    __slots__ = ('script_id',)
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    script_id: str

    def __init__(self, script_id: _Optional[str]=...) -> None:
        ...

class ListScriptVersionsResponse(_message.Message):
    __slots__ = ('script', 'versions')
    SCRIPT_FIELD_NUMBER: _ClassVar[int]
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    script: ScriptInfo
    versions: _containers.RepeatedCompositeFieldContainer[ScriptVersionInfo]

    def __init__(self, script: _Optional[_Union[ScriptInfo, _Mapping]]=..., versions: _Optional[_Iterable[_Union[ScriptVersionInfo, _Mapping]]]=...) -> None:
        ...

class BlockCode(_message.Message):
    __slots__ = ('label', 'run_signature', 'file', 'cached_in_version', 'code')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    RUN_SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    CACHED_IN_VERSION_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    label: str
    run_signature: str
    file: _script_pb2.ScriptFile
    cached_in_version: int
    code: str

    def __init__(self, label: _Optional[str]=..., run_signature: _Optional[str]=..., file: _Optional[_Union[_script_pb2.ScriptFile, _Mapping]]=..., cached_in_version: _Optional[int]=..., code: _Optional[str]=...) -> None:
        ...

class GetScriptVersionRequest(_message.Message):
    __slots__ = ('script_id', 'version')
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    script_id: str
    version: int

    def __init__(self, script_id: _Optional[str]=..., version: _Optional[int]=...) -> None:
        ...

class GetScriptVersionResponse(_message.Message):
    __slots__ = ('version', 'module', 'module_code', 'blocks')
    VERSION_FIELD_NUMBER: _ClassVar[int]
    MODULE_FIELD_NUMBER: _ClassVar[int]
    MODULE_CODE_FIELD_NUMBER: _ClassVar[int]
    BLOCKS_FIELD_NUMBER: _ClassVar[int]
    version: ScriptVersionInfo
    module: _script_pb2.ScriptFile
    module_code: str
    blocks: _containers.RepeatedCompositeFieldContainer[BlockCode]

    def __init__(self, version: _Optional[_Union[ScriptVersionInfo, _Mapping]]=..., module: _Optional[_Union[_script_pb2.ScriptFile, _Mapping]]=..., module_code: _Optional[str]=..., blocks: _Optional[_Iterable[_Union[BlockCode, _Mapping]]]=...) -> None:
        ...

class BlockDiff(_message.Message):
    __slots__ = ('label', 'change', 'unified_diff', 'from_cached_in_version', 'to_cached_in_version')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    UNIFIED_DIFF_FIELD_NUMBER: _ClassVar[int]
    FROM_CACHED_IN_VERSION_FIELD_NUMBER: _ClassVar[int]
    TO_CACHED_IN_VERSION_FIELD_NUMBER: _ClassVar[int]
    label: str
    change: BlockChange
    unified_diff: str
    from_cached_in_version: int
    to_cached_in_version: int

    def __init__(self, label: _Optional[str]=..., change: _Optional[_Union[BlockChange, str]]=..., unified_diff: _Optional[str]=..., from_cached_in_version: _Optional[int]=..., to_cached_in_version: _Optional[int]=...) -> None:
        ...

class DiffScriptVersionsRequest(_message.Message):
    __slots__ = ('script_id', 'from_version', 'to_version')
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_VERSION_FIELD_NUMBER: _ClassVar[int]
    TO_VERSION_FIELD_NUMBER: _ClassVar[int]
    script_id: str
    from_version: int
    to_version: int

    def __init__(self, script_id: _Optional[str]=..., from_version: _Optional[int]=..., to_version: _Optional[int]=...) -> None:
        ...

class DiffScriptVersionsResponse(_message.Message):
    __slots__ = ('blocks', 'module_diff')
    BLOCKS_FIELD_NUMBER: _ClassVar[int]
    MODULE_DIFF_FIELD_NUMBER: _ClassVar[int]
    blocks: _containers.RepeatedCompositeFieldContainer[BlockDiff]
    module_diff: str

    def __init__(self, blocks: _Optional[_Iterable[_Union[BlockDiff, _Mapping]]]=..., module_diff: _Optional[str]=...) -> None:
        ...

class PinScriptVersionRequest(_message.Message):
    __slots__ = ('script_id', 'version')
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    script_id: str
    version: int

    def __init__(self, script_id: _Optional[str]=..., version: _Optional[int]=...) -> None:
        ...

class PinScriptVersionResponse(_message.Message):
    __slots__ = ('version',)
    VERSION_FIELD_NUMBER: _ClassVar[int]
    version: ScriptVersionInfo

    def __init__(self, version: _Optional[_Union[ScriptVersionInfo, _Mapping]]=...) -> None:
        ...

class UnpinScriptVersionRequest(_message.Message):
    __slots__ = ('script_id',)
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    script_id: str

    def __init__(self, script_id: _Optional[str]=...) -> None:
        ...

class UnpinScriptVersionResponse(_message.Message):
    __slots__ = ('unpinned_version', 'current_version')
    UNPINNED_VERSION_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    unpinned_version: int
    current_version: int

    def __init__(self, unpinned_version: _Optional[int]=..., current_version: _Optional[int]=...) -> None:
        ...

class RollbackScriptRequest(_message.Message):
    __slots__ = ('script_id', 'to_version')
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    TO_VERSION_FIELD_NUMBER: _ClassVar[int]
    script_id: str
    to_version: int

    def __init__(self, script_id: _Optional[str]=..., to_version: _Optional[int]=...) -> None:
        ...

class RollbackScriptResponse(_message.Message):
    __slots__ = ('version',)
    VERSION_FIELD_NUMBER: _ClassVar[int]
    version: ScriptVersionInfo

    def __init__(self, version: _Optional[_Union[ScriptVersionInfo, _Mapping]]=...) -> None:
        ...

class BlockCoverage(_message.Message):
    __slots__ = ('label', 'type', 'cacheable', 'cached', 'cached_in_version', 'hits', 'misses', 'fallbacks', 'reason')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CACHEABLE_FIELD_NUMBER: _ClassVar[int]
    CACHED_FIELD_NUMBER: _ClassVar[int]
    CACHED_IN_VERSION_FIELD_NUMBER: _ClassVar[int]
    HITS_FIELD_NUMBER: _ClassVar[int]
    MISSES_FIELD_NUMBER: _ClassVar[int]
    FALLBACKS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    label: str
    type: _workflow_pb2.BlockType
    cacheable: bool
    cached: bool
    cached_in_version: int
    hits: int
    misses: int
    fallbacks: int
    reason: str

    def __init__(self, label: _Optional[str]=..., type: _Optional[_Union[_workflow_pb2.BlockType, str]]=..., cacheable: _Optional[bool]=..., cached: _Optional[bool]=..., cached_in_version: _Optional[int]=..., hits: _Optional[int]=..., misses: _Optional[int]=..., fallbacks: _Optional[int]=..., reason: _Optional[str]=...) -> None:
        ...

class CacheKeyCoverage(_message.Message):
    __slots__ = ('cache_key', 'script_id', 'version', 'blocks')
    CACHE_KEY_FIELD_NUMBER: _ClassVar[int]
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BLOCKS_FIELD_NUMBER: _ClassVar[int]
    cache_key: str
    script_id: str
    version: int
    blocks: _containers.RepeatedCompositeFieldContainer[BlockCoverage]

    def __init__(self, cache_key: _Optional[str]=..., script_id: _Optional[str]=..., version: _Optional[int]=..., blocks: _Optional[_Iterable[_Union[BlockCoverage, _Mapping]]]=...) -> None:
        ...

class GetCoverageRequest(_message.Message):
    __slots__ = ('workflow_id', 'cache_key')
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    CACHE_KEY_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    cache_key: str

    def __init__(self, workflow_id: _Optional[str]=..., cache_key: _Optional[str]=...) -> None:
        ...

class GetCoverageResponse(_message.Message):
    __slots__ = ('workflow_version', 'cache_keys')
    WORKFLOW_VERSION_FIELD_NUMBER: _ClassVar[int]
    CACHE_KEYS_FIELD_NUMBER: _ClassVar[int]
    workflow_version: int
    cache_keys: _containers.RepeatedCompositeFieldContainer[CacheKeyCoverage]

    def __init__(self, workflow_version: _Optional[int]=..., cache_keys: _Optional[_Iterable[_Union[CacheKeyCoverage, _Mapping]]]=...) -> None:
        ...

class ReadRunArtifactRequest(_message.Message):
    __slots__ = ('run_id', 'key')
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    key: str

    def __init__(self, run_id: _Optional[str]=..., key: _Optional[str]=...) -> None:
        ...

class ReadRunArtifactResponse(_message.Message):
    __slots__ = ('size_bytes', 'content_type', 'chunk')
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    size_bytes: int
    content_type: str
    chunk: bytes

    def __init__(self, size_bytes: _Optional[int]=..., content_type: _Optional[str]=..., chunk: _Optional[bytes]=...) -> None:
        ...