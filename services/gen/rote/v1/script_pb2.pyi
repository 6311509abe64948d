from services.gen.buf.validate import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
DESCRIPTOR: _descriptor.FileDescriptor

class ScriptFile(_message.Message):
    __slots__ = ('path', 'sha256', 'size_bytes', 'storage_key')
    PATH_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    STORAGE_KEY_FIELD_NUMBER: _ClassVar[int]
    path: str
    sha256: str
    size_bytes: int
    storage_key: str

    def __init__(self, path: _Optional[str]=..., sha256: _Optional[str]=..., size_bytes: _Optional[int]=..., storage_key: _Optional[str]=...) -> None:
        ...

class CachedBlock(_message.Message):
    __slots__ = ('label', 'run_signature', 'file', 'parameter_names', 'cached_in_version', 'recorded_agent_steps')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    RUN_SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_NAMES_FIELD_NUMBER: _ClassVar[int]
    CACHED_IN_VERSION_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AGENT_STEPS_FIELD_NUMBER: _ClassVar[int]
    label: str
    run_signature: str
    file: ScriptFile
    parameter_names: _containers.RepeatedScalarFieldContainer[str]
    cached_in_version: int
    recorded_agent_steps: int

    def __init__(self, label: _Optional[str]=..., run_signature: _Optional[str]=..., file: _Optional[_Union[ScriptFile, _Mapping]]=..., parameter_names: _Optional[_Iterable[str]]=..., cached_in_version: _Optional[int]=..., recorded_agent_steps: _Optional[int]=...) -> None:
        ...

class UncachedBlock(_message.Message):
    __slots__ = ('label', 'reason')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    label: str
    reason: str

    def __init__(self, label: _Optional[str]=..., reason: _Optional[str]=...) -> None:
        ...

class ScriptResolution(_message.Message):
    __slots__ = ('script_id', 'version', 'cache_key', 'module', 'cached_blocks', 'uncached_blocks')
    SCRIPT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CACHE_KEY_FIELD_NUMBER: _ClassVar[int]
    MODULE_FIELD_NUMBER: _ClassVar[int]
    CACHED_BLOCKS_FIELD_NUMBER: _ClassVar[int]
    UNCACHED_BLOCKS_FIELD_NUMBER: _ClassVar[int]
    script_id: str
    version: int
    cache_key: str
    module: ScriptFile
    cached_blocks: _containers.RepeatedCompositeFieldContainer[CachedBlock]
    uncached_blocks: _containers.RepeatedCompositeFieldContainer[UncachedBlock]

    def __init__(self, script_id: _Optional[str]=..., version: _Optional[int]=..., cache_key: _Optional[str]=..., module: _Optional[_Union[ScriptFile, _Mapping]]=..., cached_blocks: _Optional[_Iterable[_Union[CachedBlock, _Mapping]]]=..., uncached_blocks: _Optional[_Iterable[_Union[UncachedBlock, _Mapping]]]=...) -> None:
        ...