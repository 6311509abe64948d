from services.gen.buf.validate import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
DESCRIPTOR: _descriptor.FileDescriptor

class BlockType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BLOCK_TYPE_UNSPECIFIED: _ClassVar[BlockType]
    BLOCK_TYPE_NAVIGATION: _ClassVar[BlockType]
    BLOCK_TYPE_ACTION: _ClassVar[BlockType]
    BLOCK_TYPE_LOGIN: _ClassVar[BlockType]
    BLOCK_TYPE_EXTRACTION: _ClassVar[BlockType]
    BLOCK_TYPE_TASK: _ClassVar[BlockType]
    BLOCK_TYPE_TASK_V2: _ClassVar[BlockType]
    BLOCK_TYPE_FILE_DOWNLOAD: _ClassVar[BlockType]
    BLOCK_TYPE_FOR_LOOP: _ClassVar[BlockType]
    BLOCK_TYPE_CONDITIONAL: _ClassVar[BlockType]
    BLOCK_TYPE_WAIT: _ClassVar[BlockType]
    BLOCK_TYPE_CODE: _ClassVar[BlockType]
    BLOCK_TYPE_GOTO_URL: _ClassVar[BlockType]

class ParameterType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PARAMETER_TYPE_UNSPECIFIED: _ClassVar[ParameterType]
    PARAMETER_TYPE_STRING: _ClassVar[ParameterType]
    PARAMETER_TYPE_INTEGER: _ClassVar[ParameterType]
    PARAMETER_TYPE_BOOLEAN: _ClassVar[ParameterType]
    PARAMETER_TYPE_JSON: _ClassVar[ParameterType]
BLOCK_TYPE_UNSPECIFIED: BlockType
BLOCK_TYPE_NAVIGATION: BlockType
BLOCK_TYPE_ACTION: BlockType
BLOCK_TYPE_LOGIN: BlockType
BLOCK_TYPE_EXTRACTION: BlockType
BLOCK_TYPE_TASK: BlockType
BLOCK_TYPE_TASK_V2: BlockType
BLOCK_TYPE_FILE_DOWNLOAD: BlockType
BLOCK_TYPE_FOR_LOOP: BlockType
BLOCK_TYPE_CONDITIONAL: BlockType
BLOCK_TYPE_WAIT: BlockType
BLOCK_TYPE_CODE: BlockType
BLOCK_TYPE_GOTO_URL: BlockType
PARAMETER_TYPE_UNSPECIFIED: ParameterType
PARAMETER_TYPE_STRING: ParameterType
PARAMETER_TYPE_INTEGER: ParameterType
PARAMETER_TYPE_BOOLEAN: ParameterType
PARAMETER_TYPE_JSON: ParameterType

class Parameter(_message.Message):
    __slots__ = ('key', 'type', 'description', 'secret', 'required', 'default_value', 'has_default')
    KEY_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    HAS_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    key: str
    type: ParameterType
    description: str
    secret: bool
    required: bool
    default_value: str
    has_default: bool

    def __init__(self, key: _Optional[str]=..., type: _Optional[_Union[ParameterType, str]]=..., description: _Optional[str]=..., secret: _Optional[bool]=..., required: _Optional[bool]=..., default_value: _Optional[str]=..., has_default: _Optional[bool]=...) -> None:
        ...

class ConditionalBranch(_message.Message):
    __slots__ = ('expression', 'next_block_label')
    EXPRESSION_FIELD_NUMBER: _ClassVar[int]
    NEXT_BLOCK_LABEL_FIELD_NUMBER: _ClassVar[int]
    expression: str
    next_block_label: str

    def __init__(self, expression: _Optional[str]=..., next_block_label: _Optional[str]=...) -> None:
        ...

class Block(_message.Message):
    __slots__ = ('label', 'type', 'url', 'goal', 'payload', 'completion_criterion', 'extraction_schema_json', 'children', 'loop_over', 'branches', 'wait_seconds', 'code', 'next_block_label', 'max_steps', 'termination_criterion')

    class PayloadEntry(_message.Message):
        __slots__ = ('key', 'value')
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str

        def __init__(self, key: _Optional[str]=..., value: _Optional[str]=...) -> None:
            ...
    LABEL_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    GOAL_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_CRITERION_FIELD_NUMBER: _ClassVar[int]
    EXTRACTION_SCHEMA_JSON_FIELD_NUMBER: _ClassVar[int]
    CHILDREN_FIELD_NUMBER: _ClassVar[int]
    LOOP_OVER_FIELD_NUMBER: _ClassVar[int]
    BRANCHES_FIELD_NUMBER: _ClassVar[int]
    WAIT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NEXT_BLOCK_LABEL_FIELD_NUMBER: _ClassVar[int]
    MAX_STEPS_FIELD_NUMBER: _ClassVar[int]
    TERMINATION_CRITERION_FIELD_NUMBER: _ClassVar[int]
    label: str
    type: BlockType
    url: str
    goal: str
    payload: _containers.ScalarMap[str, str]
    completion_criterion: str
    extraction_schema_json: str
    children: _containers.RepeatedCompositeFieldContainer[Block]
    loop_over: str
    branches: _containers.RepeatedCompositeFieldContainer[ConditionalBranch]
    wait_seconds: float
    code: str
    next_block_label: str
    max_steps: int
    termination_criterion: str

    def __init__(self, label: _Optional[str]=..., type: _Optional[_Union[BlockType, str]]=..., url: _Optional[str]=..., goal: _Optional[str]=..., payload: _Optional[_Mapping[str, str]]=..., completion_criterion: _Optional[str]=..., extraction_schema_json: _Optional[str]=..., children: _Optional[_Iterable[_Union[Block, _Mapping]]]=..., loop_over: _Optional[str]=..., branches: _Optional[_Iterable[_Union[ConditionalBranch, _Mapping]]]=..., wait_seconds: _Optional[float]=..., code: _Optional[str]=..., next_block_label: _Optional[str]=..., max_steps: _Optional[int]=..., termination_criterion: _Optional[str]=...) -> None:
        ...

class Workflow(_message.Message):
    __slots__ = ('workflow_id', 'title', 'parameters', 'blocks', 'cache_key', 'version')
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    BLOCKS_FIELD_NUMBER: _ClassVar[int]
    CACHE_KEY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    title: str
    parameters: _containers.RepeatedCompositeFieldContainer[Parameter]
    blocks: _containers.RepeatedCompositeFieldContainer[Block]
    cache_key: str
    version: int

    def __init__(self, workflow_id: _Optional[str]=..., title: _Optional[str]=..., parameters: _Optional[_Iterable[_Union[Parameter, _Mapping]]]=..., blocks: _Optional[_Iterable[_Union[Block, _Mapping]]]=..., cache_key: _Optional[str]=..., version: _Optional[int]=...) -> None:
        ...