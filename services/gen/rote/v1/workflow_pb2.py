"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import descriptor_pool as _descriptor_pool
from google.protobuf import runtime_version as _runtime_version
from google.protobuf import symbol_database as _symbol_database
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(_runtime_version.Domain.PUBLIC, 7, 35, 1, '', 'rote/v1/workflow.proto')
_sym_db = _symbol_database.Default()
from ...buf.validate import validate_pb2 as buf_dot_validate_dot_validate__pb2
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\n\x16rote/v1/workflow.proto\x12\x07rote.v1\x1a\x1bbuf/validate/validate.proto"\xd5\x01\n\tParameter\x12\x17\n\x03key\x18\x01 \x01(\tB\n\xbaH\x07r\x02\x18@\xd8\x01\x01\x121\n\x04type\x18\x02 \x01(\x0e2\x16.rote.v1.ParameterTypeB\x0b\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01\x12 \n\x0bdescription\x18\x03 \x01(\tB\x0b\xbaH\x08r\x03\x18\xd0\x0f\xd8\x01\x01\x12\x0e\n\x06secret\x18\x04 \x01(\x08\x12\x10\n\x08required\x18\x05 \x01(\x08\x12#\n\rdefault_value\x18\x06 \x01(\tB\x0c\xbaH\tr\x04\x18\x80\x80\x04\xd8\x01\x01\x12\x13\n\x0bhas_default\x18\x07 \x01(\x08"[\n\x11ConditionalBranch\x12\x1f\n\nexpression\x18\x01 \x01(\tB\x0b\xbaH\x08r\x03\x18\xd0\x0f\xd8\x01\x01\x12%\n\x10next_block_label\x18\x02 \x01(\tB\x0b\xbaH\x08r\x03\x18\x80\x01\xd8\x01\x01"\xa9\x05\n\x05Block\x12\x1a\n\x05label\x18\x01 \x01(\tB\x0b\xbaH\x08r\x03\x18\x80\x01\xd8\x01\x01\x12-\n\x04type\x18\x02 \x01(\x0e2\x12.rote.v1.BlockTypeB\x0b\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01\x12\x18\n\x03url\x18\x03 \x01(\tB\x0b\xbaH\x08r\x03\x18\x80 \xd8\x01\x01\x12\x19\n\x04goal\x18\x04 \x01(\tB\x0b\xbaH\x08r\x03\x18\xc0>\xd8\x01\x01\x12I\n\x07payload\x18\x05 \x03(\x0b2\x1b.rote.v1.Block.PayloadEntryB\x1b\xbaH\x18\x9a\x01\x12\x10d"\x06r\x04\x18\x80\x80\x04*\x06r\x04\x18\x80\x80\x04\xd8\x01\x01\x12)\n\x14completion_criterion\x18\x06 \x01(\tB\x0b\xbaH\x08r\x03\x18\xd0\x0f\xd8\x01\x01\x12,\n\x16extraction_schema_json\x18\x07 \x01(\tB\x0c\xbaH\tr\x04\x18\x80\x80\x04\xd8\x01\x01\x12.\n\x08children\x18\x08 \x03(\x0b2\x0e.rote.v1.BlockB\x0c\xbaH\t\x92\x01\x03\x10\xc8\x01\xd8\x01\x01\x12\x1e\n\tloop_over\x18\t \x01(\tB\x0b\xbaH\x08r\x03\x18\xd0\x0f\xd8\x01\x01\x129\n\x08branches\x18\n \x03(\x0b2\x1a.rote.v1.ConditionalBranchB\x0b\xbaH\x08\x92\x01\x02\x102\xd8\x01\x01\x120\n\x0cwait_seconds\x18\x0b \x01(\x01B\x1a\xbaH\x17\x12\x12\x19\x00\x00\x00\x00\x00 \xac@)\x00\x00\x00\x00\x00\x00\x00\x00\xd8\x01\x01\x12\x1a\n\x04code\x18\x0c \x01(\tB\x0c\xbaH\tr\x04\x18\x80\x80\x04\xd8\x01\x01\x12%\n\x10next_block_label\x18\r \x01(\tB\x0b\xbaH\x08r\x03\x18\x80\x01\xd8\x01\x01\x12 \n\tmax_steps\x18\x0e \x01(\x05B\r\xbaH\n\x1a\x05\x18\xe8\x07(\x00\xd8\x01\x01\x12*\n\x15termination_criterion\x18\x0f \x01(\tB\x0b\xbaH\x08r\x03\x18\xd0\x0f\xd8\x01\x01\x1a.\n\x0cPayloadEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01"\xfa\x01\n\x08Workflow\x122\n\x0bworkflow_id\x18\x01 \x01(\tB\x1d\xbaH\x1ar\x15\x18\x80\x012\x10^[A-Za-z0-9_-]+$\xd8\x01\x01\x12\x1a\n\x05title\x18\x02 \x01(\tB\x0b\xbaH\x08r\x03\x18\xf4\x03\xd8\x01\x01\x123\n\nparameters\x18\x03 \x03(\x0b2\x12.rote.v1.ParameterB\x0b\xbaH\x08\x92\x01\x02\x10d\xd8\x01\x01\x12,\n\x06blocks\x18\x04 \x03(\x0b2\x0e.rote.v1.BlockB\x0c\xbaH\t\x92\x01\x03\x10\xc8\x01\xd8\x01\x01\x12\x1e\n\tcache_key\x18\x05 \x01(\tB\x0b\xbaH\x08r\x03\x18\x80\x04\xd8\x01\x01\x12\x1b\n\x07version\x18\x06 \x01(\x05B\n\xbaH\x07\x1a\x02(\x00\xd8\x01\x01*\xcd\x02\n\tBlockType\x12\x1a\n\x16BLOCK_TYPE_UNSPECIFIED\x10\x00\x12\x19\n\x15BLOCK_TYPE_NAVIGATION\x10\x01\x12\x15\n\x11BLOCK_TYPE_ACTION\x10\x02\x12\x14\n\x10BLOCK_TYPE_LOGIN\x10\x03\x12\x19\n\x15BLOCK_TYPE_EXTRACTION\x10\x04\x12\x13\n\x0fBLOCK_TYPE_TASK\x10\x05\x12\x16\n\x12BLOCK_TYPE_TASK_V2\x10\x06\x12\x1c\n\x18BLOCK_TYPE_FILE_DOWNLOAD\x10\x07\x12\x17\n\x13BLOCK_TYPE_FOR_LOOP\x10\x08\x12\x1a\n\x16BLOCK_TYPE_CONDITIONAL\x10\t\x12\x13\n\x0fBLOCK_TYPE_WAIT\x10\n\x12\x13\n\x0fBLOCK_TYPE_CODE\x10\x0b\x12\x17\n\x13BLOCK_TYPE_GOTO_URL\x10\x0c*\x9b\x01\n\rParameterType\x12\x1e\n\x1aPARAMETER_TYPE_UNSPECIFIED\x10\x00\x12\x19\n\x15PARAMETER_TYPE_STRING\x10\x01\x12\x1a\n\x16PARAMETER_TYPE_INTEGER\x10\x02\x12\x1a\n\x16PARAMETER_TYPE_BOOLEAN\x10\x03\x12\x17\n\x13PARAMETER_TYPE_JSON\x10\x04b\x06proto3')
_globals = globals()
_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)
_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'rote.v1.workflow_pb2', _globals)
if not _descriptor._USE_C_DESCRIPTORS:
    DESCRIPTOR._loaded_options = None
    _globals['_PARAMETER'].fields_by_name['key']._loaded_options = None
    _globals['_PARAMETER'].fields_by_name['key']._serialized_options = b'\xbaH\x07r\x02\x18@\xd8\x01\x01'
    _globals['_PARAMETER'].fields_by_name['type']._loaded_options = None
    _globals['_PARAMETER'].fields_by_name['type']._serialized_options = b'\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01'
    _globals['_PARAMETER'].fields_by_name['description']._loaded_options = None
    _globals['_PARAMETER'].fields_by_name['description']._serialized_options = b'\xbaH\x08r\x03\x18\xd0\x0f\xd8\x01\x01'
    _globals['_PARAMETER'].fields_by_name['default_value']._loaded_options = None
    _globals['_PARAMETER'].fields_by_name['default_value']._serialized_options = b'\xbaH\tr\x04\x18\x80\x80\x04\xd8\x01\x01'
    _globals['_CONDITIONALBRANCH'].fields_by_name['expression']._loaded_options = None
    _globals['_CONDITIONALBRANCH'].fields_by_name['expression']._serialized_options = b'\xbaH\x08r\x03\x18\xd0\x0f\xd8\x01\x01'
    _globals['_CONDITIONALBRANCH'].fields_by_name['next_block_label']._loaded_options = None
    _globals['_CONDITIONALBRANCH'].fields_by_name['next_block_label']._serialized_options = b'\xbaH\x08r\x03\x18\x80\x01\xd8\x01\x01'
    _globals['_BLOCK_PAYLOADENTRY']._loaded_options = None
    _globals['_BLOCK_PAYLOADENTRY']._serialized_options = b'8\x01'
    _globals['_BLOCK'].fields_by_name['label']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['label']._serialized_options = b'\xbaH\x08r\x03\x18\x80\x01\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['type']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['type']._serialized_options = b'\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['url']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['url']._serialized_options = b'\xbaH\x08r\x03\x18\x80 \xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['goal']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['goal']._serialized_options = b'\xbaH\x08r\x03\x18\xc0>\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['payload']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['payload']._serialized_options = b'\xbaH\x18\x9a\x01\x12\x10d"\x06r\x04\x18\x80\x80\x04*\x06r\x04\x18\x80\x80\x04\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['completion_criterion']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['completion_criterion']._serialized_options = b'\xbaH\x08r\x03\x18\xd0\x0f\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['extraction_schema_json']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['extraction_schema_json']._serialized_options = b'\xbaH\tr\x04\x18\x80\x80\x04\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['children']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['children']._serialized_options = b'\xbaH\t\x92\x01\x03\x10\xc8\x01\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['loop_over']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['loop_over']._serialized_options = b'\xbaH\x08r\x03\x18\xd0\x0f\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['branches']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['branches']._serialized_options = b'\xbaH\x08\x92\x01\x02\x102\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['wait_seconds']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['wait_seconds']._serialized_options = b'\xbaH\x17\x12\x12\x19\x00\x00\x00\x00\x00 \xac@)\x00\x00\x00\x00\x00\x00\x00\x00\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['code']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['code']._serialized_options = b'\xbaH\tr\x04\x18\x80\x80\x04\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['next_block_label']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['next_block_label']._serialized_options = b'\xbaH\x08r\x03\x18\x80\x01\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['max_steps']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['max_steps']._serialized_options = b'\xbaH\n\x1a\x05\x18\xe8\x07(\x00\xd8\x01\x01'
    _globals['_BLOCK'].fields_by_name['termination_criterion']._loaded_options = None
    _globals['_BLOCK'].fields_by_name['termination_criterion']._serialized_options = b'\xbaH\x08r\x03\x18\xd0\x0f\xd8\x01\x01'
    _globals['_WORKFLOW'].fields_by_name['workflow_id']._loaded_options = None
    _globals['_WORKFLOW'].fields_by_name['workflow_id']._serialized_options = b'\xbaH\x1ar\x15\x18\x80\x012\x10^[A-Za-z0-9_-]+$\xd8\x01\x01'
    _globals['_WORKFLOW'].fields_by_name['title']._loaded_options = None
    _globals['_WORKFLOW'].fields_by_name['title']._serialized_options = b'\xbaH\x08r\x03\x18\xf4\x03\xd8\x01\x01'
    _globals['_WORKFLOW'].fields_by_name['parameters']._loaded_options = None
    _globals['_WORKFLOW'].fields_by_name['parameters']._serialized_options = b'\xbaH\x08\x92\x01\x02\x10d\xd8\x01\x01'
    _globals['_WORKFLOW'].fields_by_name['blocks']._loaded_options = None
    _globals['_WORKFLOW'].fields_by_name['blocks']._serialized_options = b'\xbaH\t\x92\x01\x03\x10\xc8\x01\xd8\x01\x01'
    _globals['_WORKFLOW'].fields_by_name['cache_key']._loaded_options = None
    _globals['_WORKFLOW'].fields_by_name['cache_key']._serialized_options = b'\xbaH\x08r\x03\x18\x80\x04\xd8\x01\x01'
    _globals['_WORKFLOW'].fields_by_name['version']._loaded_options = None
    _globals['_WORKFLOW'].fields_by_name['version']._serialized_options = b'\xbaH\x07\x1a\x02(\x00\xd8\x01\x01'
    _globals['_BLOCKTYPE']._serialized_start = 1311
    _globals['_BLOCKTYPE']._serialized_end = 1644
    _globals['_PARAMETERTYPE']._serialized_start = 1647
    _globals['_PARAMETERTYPE']._serialized_end = 1802
    _globals['_PARAMETER']._serialized_start = 65
    _globals['_PARAMETER']._serialized_end = 278
    _globals['_CONDITIONALBRANCH']._serialized_start = 280
    _globals['_CONDITIONALBRANCH']._serialized_end = 371
    _globals['_BLOCK']._serialized_start = 374
    _globals['_BLOCK']._serialized_end = 1055
    _globals['_BLOCK_PAYLOADENTRY']._serialized_start = 1009
    _globals['_BLOCK_PAYLOADENTRY']._serialized_end = 1055
    _globals['_WORKFLOW']._serialized_start = 1058
    _globals['_WORKFLOW']._serialized_end = 1308