from services.gen.buf.validate import validate_pb2 as _validate_pb2
from services.gen.rote.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
DESCRIPTOR: _descriptor.FileDescriptor

class ActionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTION_TYPE_UNSPECIFIED: _ClassVar[ActionType]
    ACTION_TYPE_GOTO: _ClassVar[ActionType]
    ACTION_TYPE_CLICK: _ClassVar[ActionType]
    ACTION_TYPE_TYPE: _ClassVar[ActionType]
    ACTION_TYPE_SELECT_OPTION: _ClassVar[ActionType]
    ACTION_TYPE_CHECK: _ClassVar[ActionType]
    ACTION_TYPE_UNCHECK: _ClassVar[ActionType]
    ACTION_TYPE_UPLOAD_FILE: _ClassVar[ActionType]
    ACTION_TYPE_PRESS_KEY: _ClassVar[ActionType]
    ACTION_TYPE_HOVER: _ClassVar[ActionType]
    ACTION_TYPE_SCROLL: _ClassVar[ActionType]
    ACTION_TYPE_WAIT: _ClassVar[ActionType]
    ACTION_TYPE_DOWNLOAD: _ClassVar[ActionType]
    ACTION_TYPE_EXTRACT: _ClassVar[ActionType]
    ACTION_TYPE_PICK_DATE: _ClassVar[ActionType]
    ACTION_TYPE_FILL_ROWS: _ClassVar[ActionType]

class LocatorKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOCATOR_KIND_UNSPECIFIED: _ClassVar[LocatorKind]
    LOCATOR_KIND_TEST_ID: _ClassVar[LocatorKind]
    LOCATOR_KIND_ROLE: _ClassVar[LocatorKind]
    LOCATOR_KIND_LABEL: _ClassVar[LocatorKind]
    LOCATOR_KIND_PLACEHOLDER: _ClassVar[LocatorKind]
    LOCATOR_KIND_TEXT: _ClassVar[LocatorKind]
    LOCATOR_KIND_ID: _ClassVar[LocatorKind]
    LOCATOR_KIND_CSS: _ClassVar[LocatorKind]
    LOCATOR_KIND_XPATH: _ClassVar[LocatorKind]

class ClickEffect(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLICK_EFFECT_UNSPECIFIED: _ClassVar[ClickEffect]
    CLICK_EFFECT_NONE: _ClassVar[ClickEffect]
    CLICK_EFFECT_NAVIGATION: _ClassVar[ClickEffect]
    CLICK_EFFECT_DOM_CHANGE: _ClassVar[ClickEffect]
    CLICK_EFFECT_DISAPPEARED: _ClassVar[ClickEffect]
    CLICK_EFFECT_DISABLED: _ClassVar[ClickEffect]
    CLICK_EFFECT_DIALOG: _ClassVar[ClickEffect]
    CLICK_EFFECT_DOWNLOAD: _ClassVar[ClickEffect]
    CLICK_EFFECT_POPUP: _ClassVar[ClickEffect]
ACTION_TYPE_UNSPECIFIED: ActionType
ACTION_TYPE_GOTO: ActionType
ACTION_TYPE_CLICK: ActionType
ACTION_TYPE_TYPE: ActionType
ACTION_TYPE_SELECT_OPTION: ActionType
ACTION_TYPE_CHECK: ActionType
ACTION_TYPE_UNCHECK: ActionType
ACTION_TYPE_UPLOAD_FILE: ActionType
ACTION_TYPE_PRESS_KEY: ActionType
ACTION_TYPE_HOVER: ActionType
ACTION_TYPE_SCROLL: ActionType
ACTION_TYPE_WAIT: ActionType
ACTION_TYPE_DOWNLOAD: ActionType
ACTION_TYPE_EXTRACT: ActionType
ACTION_TYPE_PICK_DATE: ActionType
ACTION_TYPE_FILL_ROWS: ActionType
LOCATOR_KIND_UNSPECIFIED: LocatorKind
LOCATOR_KIND_TEST_ID: LocatorKind
LOCATOR_KIND_ROLE: LocatorKind
LOCATOR_KIND_LABEL: LocatorKind
LOCATOR_KIND_PLACEHOLDER: LocatorKind
LOCATOR_KIND_TEXT: LocatorKind
LOCATOR_KIND_ID: LocatorKind
LOCATOR_KIND_CSS: LocatorKind
LOCATOR_KIND_XPATH: LocatorKind
CLICK_EFFECT_UNSPECIFIED: ClickEffect
CLICK_EFFECT_NONE: ClickEffect
CLICK_EFFECT_NAVIGATION: ClickEffect
CLICK_EFFECT_DOM_CHANGE: ClickEffect
CLICK_EFFECT_DISAPPEARED: ClickEffect
CLICK_EFFECT_DISABLED: ClickEffect
CLICK_EFFECT_DIALOG: ClickEffect
CLICK_EFFECT_DOWNLOAD: ClickEffect
CLICK_EFFECT_POPUP: ClickEffect

class Locator(_message.Message):
    __slots__ = ('kind', 'value', 'name')
    KIND_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    kind: LocatorKind
    value: str
    name: str

    def __init__(self, kind: _Optional[_Union[LocatorKind, str]]=..., value: _Optional[str]=..., name: _Optional[str]=...) -> None:
        ...

class ElementFingerprint(_message.Message):
    __slots__ = ('locators', 'tag', 'role', 'accessible_name', 'label', 'text', 'attributes', 'caption')

    class AttributesEntry(_message.Message):
        __slots__ = ('key', 'value')
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str

        def __init__(self, key: _Optional[str]=..., value: _Optional[str]=...) -> None:
            ...
    LOCATORS_FIELD_NUMBER: _ClassVar[int]
    TAG_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ACCESSIBLE_NAME_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    locators: _containers.RepeatedCompositeFieldContainer[Locator]
    tag: str
    role: str
    accessible_name: str
    label: str
    text: str
    attributes: _containers.ScalarMap[str, str]
    caption: str

    def __init__(self, locators: _Optional[_Iterable[_Union[Locator, _Mapping]]]=..., tag: _Optional[str]=..., role: _Optional[str]=..., accessible_name: _Optional[str]=..., label: _Optional[str]=..., text: _Optional[str]=..., attributes: _Optional[_Mapping[str, str]]=..., caption: _Optional[str]=...) -> None:
        ...

class ExtractField(_message.Message):
    __slots__ = ('name', 'element', 'columns')

    class ColumnsEntry(_message.Message):
        __slots__ = ('key', 'value')
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str

        def __init__(self, key: _Optional[str]=..., value: _Optional[str]=...) -> None:
            ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    ELEMENT_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    name: str
    element: ElementFingerprint
    columns: _containers.ScalarMap[str, str]

    def __init__(self, name: _Optional[str]=..., element: _Optional[_Union[ElementFingerprint, _Mapping]]=..., columns: _Optional[_Mapping[str, str]]=...) -> None:
        ...

class Action(_message.Message):
    __slots__ = ('type', 'element', 'value', 'parameter_key', 'intent', 'url', 'extract_fields', 'amount', 'irreversible', 'postcondition', 'payload_key', 'bindings', 'url_template', 'only_if_present', 'add_control', 'row_columns')
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ELEMENT_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_KEY_FIELD_NUMBER: _ClassVar[int]
    INTENT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    EXTRACT_FIELDS_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    IRREVERSIBLE_FIELD_NUMBER: _ClassVar[int]
    POSTCONDITION_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_KEY_FIELD_NUMBER: _ClassVar[int]
    BINDINGS_FIELD_NUMBER: _ClassVar[int]
    URL_TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    ONLY_IF_PRESENT_FIELD_NUMBER: _ClassVar[int]
    ADD_CONTROL_FIELD_NUMBER: _ClassVar[int]
    ROW_COLUMNS_FIELD_NUMBER: _ClassVar[int]
    type: ActionType
    element: ElementFingerprint
    value: str
    parameter_key: str
    intent: str
    url: str
    extract_fields: _containers.RepeatedCompositeFieldContainer[ExtractField]
    amount: float
    irreversible: bool
    postcondition: Postcondition
    payload_key: str
    bindings: _containers.RepeatedCompositeFieldContainer[Binding]
    url_template: str
    only_if_present: bool
    add_control: ElementFingerprint
    row_columns: _containers.RepeatedCompositeFieldContainer[RowColumn]

    def __init__(self, type: _Optional[_Union[ActionType, str]]=..., element: _Optional[_Union[ElementFingerprint, _Mapping]]=..., value: _Optional[str]=..., parameter_key: _Optional[str]=..., intent: _Optional[str]=..., url: _Optional[str]=..., extract_fields: _Optional[_Iterable[_Union[ExtractField, _Mapping]]]=..., amount: _Optional[float]=..., irreversible: _Optional[bool]=..., postcondition: _Optional[_Union[Postcondition, _Mapping]]=..., payload_key: _Optional[str]=..., bindings: _Optional[_Iterable[_Union[Binding, _Mapping]]]=..., url_template: _Optional[str]=..., only_if_present: _Optional[bool]=..., add_control: _Optional[_Union[ElementFingerprint, _Mapping]]=..., row_columns: _Optional[_Iterable[_Union[RowColumn, _Mapping]]]=...) -> None:
        ...

class RowColumn(_message.Message):
    __slots__ = ('position', 'caption')
    POSITION_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    position: int
    caption: str

    def __init__(self, position: _Optional[int]=..., caption: _Optional[str]=...) -> None:
        ...

class Binding(_message.Message):
    __slots__ = ('field', 'source', 'text', 'whole')
    FIELD_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    WHOLE_FIELD_NUMBER: _ClassVar[int]
    field: str
    source: str
    text: str
    whole: bool

    def __init__(self, field: _Optional[str]=..., source: _Optional[str]=..., text: _Optional[str]=..., whole: _Optional[bool]=...) -> None:
        ...

class Postcondition(_message.Message):
    __slots__ = ('verified', 'effect', 'expected', 'observed', 'typed_format', 'context')
    VERIFIED_FIELD_NUMBER: _ClassVar[int]
    EFFECT_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_FIELD_NUMBER: _ClassVar[int]
    OBSERVED_FIELD_NUMBER: _ClassVar[int]
    TYPED_FORMAT_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    verified: bool
    effect: ClickEffect
    expected: str
    observed: str
    typed_format: str
    context: str

    def __init__(self, verified: _Optional[bool]=..., effect: _Optional[_Union[ClickEffect, str]]=..., expected: _Optional[str]=..., observed: _Optional[str]=..., typed_format: _Optional[str]=..., context: _Optional[str]=...) -> None:
        ...

class EndState(_message.Message):
    __slots__ = ('url_pattern', 'landmark_text', 'url_changed', 'appeared_text')
    URL_PATTERN_FIELD_NUMBER: _ClassVar[int]
    LANDMARK_TEXT_FIELD_NUMBER: _ClassVar[int]
    URL_CHANGED_FIELD_NUMBER: _ClassVar[int]
    APPEARED_TEXT_FIELD_NUMBER: _ClassVar[int]
    url_pattern: str
    landmark_text: str
    url_changed: bool
    appeared_text: str

    def __init__(self, url_pattern: _Optional[str]=..., landmark_text: _Optional[str]=..., url_changed: _Optional[bool]=..., appeared_text: _Optional[str]=...) -> None:
        ...

class BlockTrace(_message.Message):
    __slots__ = ('label', 'type', 'actions', 'end_state', 'children', 'loop_item_json', 'said_no')
    LABEL_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    END_STATE_FIELD_NUMBER: _ClassVar[int]
    CHILDREN_FIELD_NUMBER: _ClassVar[int]
    LOOP_ITEM_JSON_FIELD_NUMBER: _ClassVar[int]
    SAID_NO_FIELD_NUMBER: _ClassVar[int]
    label: str
    type: _workflow_pb2.BlockType
    actions: _containers.RepeatedCompositeFieldContainer[Action]
    end_state: EndState
    children: _containers.RepeatedCompositeFieldContainer[BlockTrace]
    loop_item_json: str
    said_no: _containers.RepeatedScalarFieldContainer[str]

    def __init__(self, label: _Optional[str]=..., type: _Optional[_Union[_workflow_pb2.BlockType, str]]=..., actions: _Optional[_Iterable[_Union[Action, _Mapping]]]=..., end_state: _Optional[_Union[EndState, _Mapping]]=..., children: _Optional[_Iterable[_Union[BlockTrace, _Mapping]]]=..., loop_item_json: _Optional[str]=..., said_no: _Optional[_Iterable[str]]=...) -> None:
        ...