from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional
DESCRIPTOR: _descriptor.FileDescriptor
RULES_FIELD_NUMBER: _ClassVar[int]
rules: _descriptor.FieldDescriptor

class FieldRules(_message.Message):
    __slots__ = ('required', 'min_len', 'max_len', 'pattern', 'gte', 'lte', 'max_items', 'max_depth', 'max_tree_items', 'max_entry_len', 'defined_only')
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    MIN_LEN_FIELD_NUMBER: _ClassVar[int]
    MAX_LEN_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    GTE_FIELD_NUMBER: _ClassVar[int]
    LTE_FIELD_NUMBER: _ClassVar[int]
    MAX_ITEMS_FIELD_NUMBER: _ClassVar[int]
    MAX_DEPTH_FIELD_NUMBER: _ClassVar[int]
    MAX_TREE_ITEMS_FIELD_NUMBER: _ClassVar[int]
    MAX_ENTRY_LEN_FIELD_NUMBER: _ClassVar[int]
    DEFINED_ONLY_FIELD_NUMBER: _ClassVar[int]
    required: bool
    min_len: int
    max_len: int
    pattern: str
    gte: float
    lte: float
    max_items: int
    max_depth: int
    max_tree_items: int
    max_entry_len: int
    defined_only: bool

    def __init__(self, required: _Optional[bool]=..., min_len: _Optional[int]=..., max_len: _Optional[int]=..., pattern: _Optional[str]=..., gte: _Optional[float]=..., lte: _Optional[float]=..., max_items: _Optional[int]=..., max_depth: _Optional[int]=..., max_tree_items: _Optional[int]=..., max_entry_len: _Optional[int]=..., defined_only: _Optional[bool]=...) -> None:
        ...