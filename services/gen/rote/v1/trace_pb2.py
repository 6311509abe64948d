"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import descriptor_pool as _descriptor_pool
from google.protobuf import runtime_version as _runtime_version
from google.protobuf import symbol_database as _symbol_database
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(_runtime_version.Domain.PUBLIC, 7, 35, 1, '', 'rote/v1/trace.proto')
_sym_db = _symbol_database.Default()
from ...buf.validate import validate_pb2 as buf_dot_validate_dot_validate__pb2
from ...rote.v1 import workflow_pb2 as rote_dot_v1_dot_workflow__pb2
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\n\x13rote/v1/trace.proto\x12\x07rote.v1\x1a\x1bbuf/validate/validate.proto\x1a\x16rote/v1/workflow.proto"J\n\x07Locator\x12"\n\x04kind\x18\x01 \x01(\x0e2\x14.rote.v1.LocatorKind\x12\r\n\x05value\x18\x02 \x01(\t\x12\x0c\n\x04name\x18\x03 \x01(\t"\x8e\x02\n\x12ElementFingerprint\x12"\n\x08locators\x18\x01 \x03(\x0b2\x10.rote.v1.Locator\x12\x0b\n\x03tag\x18\x02 \x01(\t\x12\x0c\n\x04role\x18\x03 \x01(\t\x12\x17\n\x0faccessible_name\x18\x04 \x01(\t\x12\r\n\x05label\x18\x05 \x01(\t\x12\x0c\n\x04text\x18\x06 \x01(\t\x12?\n\nattributes\x18\x07 \x03(\x0b2+.rote.v1.ElementFingerprint.AttributesEntry\x12\x0f\n\x07caption\x18\x08 \x01(\t\x1a1\n\x0fAttributesEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01"\xaf\x01\n\x0cExtractField\x12\x0c\n\x04name\x18\x01 \x01(\t\x12,\n\x07element\x18\x02 \x01(\x0b2\x1b.rote.v1.ElementFingerprint\x123\n\x07columns\x18\x03 \x03(\x0b2".rote.v1.ExtractField.ColumnsEntry\x1a.\n\x0cColumnsEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01"\xe3\x03\n\x06Action\x12!\n\x04type\x18\x01 \x01(\x0e2\x13.rote.v1.ActionType\x12,\n\x07element\x18\x02 \x01(\x0b2\x1b.rote.v1.ElementFingerprint\x12\r\n\x05value\x18\x03 \x01(\t\x12\x15\n\rparameter_key\x18\x04 \x01(\t\x12\x0e\n\x06intent\x18\x05 \x01(\t\x12\x0b\n\x03url\x18\x06 \x01(\t\x12-\n\x0eextract_fields\x18\x07 \x03(\x0b2\x15.rote.v1.ExtractField\x12\x0e\n\x06amount\x18\x08 \x01(\x01\x12\x14\n\x0cirreversible\x18\t \x01(\x08\x12-\n\rpostcondition\x18\n \x01(\x0b2\x16.rote.v1.Postcondition\x12\x13\n\x0bpayload_key\x18\x0b \x01(\t\x12"\n\x08bindings\x18\x14 \x03(\x0b2\x10.rote.v1.Binding\x12\x14\n\x0curl_template\x18\x15 \x01(\t\x12\x17\n\x0fonly_if_present\x18\x16 \x01(\x08\x120\n\x0badd_control\x18\x17 \x01(\x0b2\x1b.rote.v1.ElementFingerprint\x12\'\n\x0brow_columns\x18\x18 \x03(\x0b2\x12.rote.v1.RowColumn".\n\tRowColumn\x12\x10\n\x08position\x18\x01 \x01(\x05\x12\x0f\n\x07caption\x18\x02 \x01(\t"E\n\x07Binding\x12\r\n\x05field\x18\x01 \x01(\t\x12\x0e\n\x06source\x18\x02 \x01(\t\x12\x0c\n\x04text\x18\x03 \x01(\t\x12\r\n\x05whole\x18\x04 \x01(\x08"\x92\x01\n\rPostcondition\x12\x10\n\x08verified\x18\x01 \x01(\x08\x12$\n\x06effect\x18\x02 \x01(\x0e2\x14.rote.v1.ClickEffect\x12\x10\n\x08expected\x18\x03 \x01(\t\x12\x10\n\x08observed\x18\x04 \x01(\t\x12\x14\n\x0ctyped_format\x18\x05 \x01(\t\x12\x0f\n\x07context\x18\x06 \x01(\t"b\n\x08EndState\x12\x13\n\x0burl_pattern\x18\x01 \x01(\t\x12\x15\n\rlandmark_text\x18\x02 \x01(\t\x12\x13\n\x0burl_changed\x18\x03 \x01(\x08\x12\x15\n\rappeared_text\x18\x04 \x01(\t"\x80\x02\n\nBlockTrace\x12\x1a\n\x05label\x18\x01 \x01(\tB\x0b\xbaH\x08r\x03\x18\x80\x01\xd8\x01\x01\x12-\n\x04type\x18\x02 \x01(\x0e2\x12.rote.v1.BlockTypeB\x0b\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01\x12 \n\x07actions\x18\x03 \x03(\x0b2\x0f.rote.v1.Action\x12$\n\tend_state\x18\x04 \x01(\x0b2\x11.rote.v1.EndState\x12%\n\x08children\x18\x05 \x03(\x0b2\x13.rote.v1.BlockTrace\x12\x16\n\x0eloop_item_json\x18\x06 \x01(\t\x12 \n\x07said_no\x18\x07 \x03(\tB\x0f\xbaH\x0c\x92\x01\t\x10@"\x05r\x03\x18\x80\x01*\xa1\x03\n\nActionType\x12\x1b\n\x17ACTION_TYPE_UNSPECIFIED\x10\x00\x12\x14\n\x10ACTION_TYPE_GOTO\x10\x01\x12\x15\n\x11ACTION_TYPE_CLICK\x10\x02\x12\x14\n\x10ACTION_TYPE_TYPE\x10\x03\x12\x1d\n\x19ACTION_TYPE_SELECT_OPTION\x10\x04\x12\x15\n\x11ACTION_TYPE_CHECK\x10\x05\x12\x17\n\x13ACTION_TYPE_UNCHECK\x10\x06\x12\x1b\n\x17ACTION_TYPE_UPLOAD_FILE\x10\x07\x12\x19\n\x15ACTION_TYPE_PRESS_KEY\x10\x08\x12\x15\n\x11ACTION_TYPE_HOVER\x10\t\x12\x16\n\x12ACTION_TYPE_SCROLL\x10\n\x12\x14\n\x10ACTION_TYPE_WAIT\x10\x0b\x12\x18\n\x14ACTION_TYPE_DOWNLOAD\x10\x0c\x12\x17\n\x13ACTION_TYPE_EXTRACT\x10\r\x12\x19\n\x15ACTION_TYPE_PICK_DATE\x10\x0e\x12\x19\n\x15ACTION_TYPE_FILL_ROWS\x10\x0f*\xec\x01\n\x0bLocatorKind\x12\x1c\n\x18LOCATOR_KIND_UNSPECIFIED\x10\x00\x12\x18\n\x14LOCATOR_KIND_TEST_ID\x10\x01\x12\x15\n\x11LOCATOR_KIND_ROLE\x10\x02\x12\x16\n\x12LOCATOR_KIND_LABEL\x10\x03\x12\x1c\n\x18LOCATOR_KIND_PLACEHOLDER\x10\x04\x12\x15\n\x11LOCATOR_KIND_TEXT\x10\x05\x12\x13\n\x0fLOCATOR_KIND_ID\x10\x06\x12\x14\n\x10LOCATOR_KIND_CSS\x10\x07\x12\x16\n\x12LOCATOR_KIND_XPATH\x10\x08*\x81\x02\n\x0bClickEffect\x12\x1c\n\x18CLICK_EFFECT_UNSPECIFIED\x10\x00\x12\x15\n\x11CLICK_EFFECT_NONE\x10\x01\x12\x1b\n\x17CLICK_EFFECT_NAVIGATION\x10\x02\x12\x1b\n\x17CLICK_EFFECT_DOM_CHANGE\x10\x03\x12\x1c\n\x18CLICK_EFFECT_DISAPPEARED\x10\x04\x12\x19\n\x15CLICK_EFFECT_DISABLED\x10\x05\x12\x17\n\x13CLICK_EFFECT_DIALOG\x10\x06\x12\x19\n\x15CLICK_EFFECT_DOWNLOAD\x10\x07\x12\x16\n\x12CLICK_EFFECT_POPUP\x10\x08b\x06proto3')
_globals = globals()
_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)
_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'rote.v1.trace_pb2', _globals)
if not _descriptor._USE_C_DESCRIPTORS:
    DESCRIPTOR._loaded_options = None
    _globals['_ELEMENTFINGERPRINT_ATTRIBUTESENTRY']._loaded_options = None
    _globals['_ELEMENTFINGERPRINT_ATTRIBUTESENTRY']._serialized_options = b'8\x01'
    _globals['_EXTRACTFIELD_COLUMNSENTRY']._loaded_options = None
    _globals['_EXTRACTFIELD_COLUMNSENTRY']._serialized_options = b'8\x01'
    _globals['_BLOCKTRACE'].fields_by_name['label']._loaded_options = None
    _globals['_BLOCKTRACE'].fields_by_name['label']._serialized_options = b'\xbaH\x08r\x03\x18\x80\x01\xd8\x01\x01'
    _globals['_BLOCKTRACE'].fields_by_name['type']._loaded_options = None
    _globals['_BLOCKTRACE'].fields_by_name['type']._serialized_options = b'\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01'
    _globals['_BLOCKTRACE'].fields_by_name['said_no']._loaded_options = None
    _globals['_BLOCKTRACE'].fields_by_name['said_no']._serialized_options = b'\xbaH\x0c\x92\x01\t\x10@"\x05r\x03\x18\x80\x01'
    _globals['_ACTIONTYPE']._serialized_start = 1726
    _globals['_ACTIONTYPE']._serialized_end = 2143
    _globals['_LOCATORKIND']._serialized_start = 2146
    _globals['_LOCATORKIND']._serialized_end = 2382
    _globals['_CLICKEFFECT']._serialized_start = 2385
    _globals['_CLICKEFFECT']._serialized_end = 2642
    _globals['_LOCATOR']._serialized_start = 85
    _globals['_LOCATOR']._serialized_end = 159
    _globals['_ELEMENTFINGERPRINT']._serialized_start = 162
    _globals['_ELEMENTFINGERPRINT']._serialized_end = 432
    _globals['_ELEMENTFINGERPRINT_ATTRIBUTESENTRY']._serialized_start = 383
    _globals['_ELEMENTFINGERPRINT_ATTRIBUTESENTRY']._serialized_end = 432
    _globals['_EXTRACTFIELD']._serialized_start = 435
    _globals['_EXTRACTFIELD']._serialized_end = 610
    _globals['_EXTRACTFIELD_COLUMNSENTRY']._serialized_start = 564
    _globals['_EXTRACTFIELD_COLUMNSENTRY']._serialized_end = 610
    _globals['_ACTION']._serialized_start = 613
    _globals['_ACTION']._serialized_end = 1096
    _globals['_ROWCOLUMN']._serialized_start = 1098
    _globals['_ROWCOLUMN']._serialized_end = 1144
    _globals['_BINDING']._serialized_start = 1146
    _globals['_BINDING']._serialized_end = 1215
    _globals['_POSTCONDITION']._serialized_start = 1218
    _globals['_POSTCONDITION']._serialized_end = 1364
    _globals['_ENDSTATE']._serialized_start = 1366
    _globals['_ENDSTATE']._serialized_end = 1464
    _globals['_BLOCKTRACE']._serialized_start = 1467
    _globals['_BLOCKTRACE']._serialized_end = 1723