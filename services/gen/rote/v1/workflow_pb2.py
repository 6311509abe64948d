"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import descriptor_pool as _descriptor_pool
from google.protobuf import runtime_version as _runtime_version
from google.protobuf import symbol_database as _symbol_database
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(_runtime_version.Domain.PUBLIC, 7, 35, 1, '', 'rote/v1/workflow.proto')
_sym_db = _symbol_database.Default()
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\n\x16rote/v1/workflow.proto\x12\x07rote.v1"\xa1\x01\n\tParameter\x12\x0b\n\x03key\x18\x01 \x01(\t\x12$\n\x04type\x18\x02 \x01(\x0e2\x16.rote.v1.ParameterType\x12\x13\n\x0bdescription\x18\x03 \x01(\t\x12\x0e\n\x06secret\x18\x04 \x01(\x08\x12\x10\n\x08required\x18\x05 \x01(\x08\x12\x15\n\rdefault_value\x18\x06 \x01(\t\x12\x13\n\x0bhas_default\x18\x07 \x01(\x08"A\n\x11ConditionalBranch\x12\x12\n\nexpression\x18\x01 \x01(\t\x12\x18\n\x10next_block_label\x18\x02 \x01(\t"\xa3\x03\n\x05Block\x12\r\n\x05label\x18\x01 \x01(\t\x12 \n\x04type\x18\x02 \x01(\x0e2\x12.rote.v1.BlockType\x12\x0b\n\x03url\x18\x03 \x01(\t\x12\x0c\n\x04goal\x18\x04 \x01(\t\x12,\n\x07payload\x18\x05 \x03(\x0b2\x1b.rote.v1.Block.PayloadEntry\x12\x1c\n\x14completion_criterion\x18\x06 \x01(\t\x12\x1e\n\x16extraction_schema_json\x18\x07 \x01(\t\x12 \n\x08children\x18\x08 \x03(\x0b2\x0e.rote.v1.Block\x12\x11\n\tloop_over\x18\t \x01(\t\x12,\n\x08branches\x18\n \x03(\x0b2\x1a.rote.v1.ConditionalBranch\x12\x14\n\x0cwait_seconds\x18\x0b \x01(\x01\x12\x0c\n\x04code\x18\x0c \x01(\t\x12\x18\n\x10next_block_label\x18\r \x01(\t\x12\x11\n\tmax_steps\x18\x0e \x01(\x05\x1a.\n\x0cPayloadEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01"\x9a\x01\n\x08Workflow\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12\r\n\x05title\x18\x02 \x01(\t\x12&\n\nparameters\x18\x03 \x03(\x0b2\x12.rote.v1.Parameter\x12\x1e\n\x06blocks\x18\x04 \x03(\x0b2\x0e.rote.v1.Block\x12\x11\n\tcache_key\x18\x05 \x01(\t\x12\x0f\n\x07version\x18\x06 \x01(\x05*\xcd\x02\n\tBlockType\x12\x1a\n\x16BLOCK_TYPE_UNSPECIFIED\x10\x00\x12\x19\n\x15BLOCK_TYPE_NAVIGATION\x10\x01\x12\x15\n\x11BLOCK_TYPE_ACTION\x10\x02\x12\x14\n\x10BLOCK_TYPE_LOGIN\x10\x03\x12\x19\n\x15BLOCK_TYPE_EXTRACTION\x10\x04\x12\x13\n\x0fBLOCK_TYPE_TASK\x10\x05\x12\x16\n\x12BLOCK_TYPE_TASK_V2\x10\x06\x12\x1c\n\x18BLOCK_TYPE_FILE_DOWNLOAD\x10\x07\x12\x17\n\x13BLOCK_TYPE_FOR_LOOP\x10\x08\x12\x1a\n\x16BLOCK_TYPE_CONDITIONAL\x10\t\x12\x13\n\x0fBLOCK_TYPE_WAIT\x10\n\x12\x13\n\x0fBLOCK_TYPE_CODE\x10\x0b\x12\x17\n\x13BLOCK_TYPE_GOTO_URL\x10\x0c*\x9b\x01\n\rParameterType\x12\x1e\n\x1aPARAMETER_TYPE_UNSPECIFIED\x10\x00\x12\x19\n\x15PARAMETER_TYPE_STRING\x10\x01\x12\x1a\n\x16PARAMETER_TYPE_INTEGER\x10\x02\x12\x1a\n\x16PARAMETER_TYPE_BOOLEAN\x10\x03\x12\x17\n\x13PARAMETER_TYPE_JSON\x10\x04b\x06proto3')
_globals = globals()
_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)
_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'rote.v1.workflow_pb2', _globals)
if not _descriptor._USE_C_DESCRIPTORS:
    DESCRIPTOR._loaded_options = None
    _globals['_BLOCK_PAYLOADENTRY']._loaded_options = None
    _globals['_BLOCK_PAYLOADENTRY']._serialized_options = b'8\x01'
    _globals['_BLOCKTYPE']._serialized_start = 846
    _globals['_BLOCKTYPE']._serialized_end = 1179
    _globals['_PARAMETERTYPE']._serialized_start = 1182
    _globals['_PARAMETERTYPE']._serialized_end = 1337
    _globals['_PARAMETER']._serialized_start = 36
    _globals['_PARAMETER']._serialized_end = 197
    _globals['_CONDITIONALBRANCH']._serialized_start = 199
    _globals['_CONDITIONALBRANCH']._serialized_end = 264
    _globals['_BLOCK']._serialized_start = 267
    _globals['_BLOCK']._serialized_end = 686
    _globals['_BLOCK_PAYLOADENTRY']._serialized_start = 640
    _globals['_BLOCK_PAYLOADENTRY']._serialized_end = 686
    _globals['_WORKFLOW']._serialized_start = 689
    _globals['_WORKFLOW']._serialized_end = 843