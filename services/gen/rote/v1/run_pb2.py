"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import descriptor_pool as _descriptor_pool
from google.protobuf import runtime_version as _runtime_version
from google.protobuf import symbol_database as _symbol_database
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(_runtime_version.Domain.PUBLIC, 7, 35, 1, '', 'rote/v1/run.proto')
_sym_db = _symbol_database.Default()
from ...buf.validate import validate_pb2 as buf_dot_validate_dot_validate__pb2
from ...rote.v1 import trace_pb2 as rote_dot_v1_dot_trace__pb2
from ...rote.v1 import workflow_pb2 as rote_dot_v1_dot_workflow__pb2
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\n\x11rote/v1/run.proto\x12\x07rote.v1\x1a\x1bbuf/validate/validate.proto\x1a\x13rote/v1/trace.proto\x1a\x16rote/v1/workflow.proto"\x8b\x03\n\x08BlockRun\x12\x1a\n\x05label\x18\x01 \x01(\tB\x0b\xbaH\x08r\x03\x18\x80\x01\xc8\x01\x01\x12-\n\x04type\x18\x02 \x01(\x0e2\x12.rote.v1.BlockTypeB\x0b\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01\x12-\n\x04mode\x18\x03 \x01(\x0e2\x12.rote.v1.BlockModeB\x0b\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01\x121\n\x06status\x18\x04 \x01(\x0e2\x14.rote.v1.BlockStatusB\x0b\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01\x12\x0e\n\x06reason\x18\x05 \x01(\t\x12\x13\n\x0bagent_steps\x18\x06 \x01(\x05\x12\x11\n\tllm_calls\x18\x07 \x01(\x05\x12"\n\x05trace\x18\x08 \x01(\x0b2\x13.rote.v1.BlockTrace\x12\x13\n\x0boutput_json\x18\t \x01(\t\x12\x13\n\x0bduration_ms\x18\n \x01(\x03\x12\x1c\n\x08sequence\x18\x0b \x01(\x05B\n\xbaH\x07\x1a\x02(\x00\xd8\x01\x01\x12\x16\n\x0ehealed_actions\x18\x0c \x01(\x05\x12\x16\n\x0escreenshot_key\x18\r \x01(\t"\xcf\x01\n\x0cBlockSummary\x12\r\n\x05label\x18\x01 \x01(\t\x12 \n\x04mode\x18\x02 \x01(\x0e2\x12.rote.v1.BlockMode\x12$\n\x06status\x18\x03 \x01(\x0e2\x14.rote.v1.BlockStatus\x12\x13\n\x0bagent_steps\x18\x04 \x01(\x05\x12\x0e\n\x06reason\x18\x05 \x01(\t\x12\x13\n\x0bduration_ms\x18\x06 \x01(\x03\x12\x16\n\x0ehealed_actions\x18\x07 \x01(\x05\x12\x16\n\x0escreenshot_key\x18\x08 \x01(\t"\x9f\x03\n\nRunSummary\x12\x0e\n\x06run_id\x18\x01 \x01(\t\x12\x13\n\x0bworkflow_id\x18\x02 \x01(\t\x12"\n\x06status\x18\x03 \x01(\x0e2\x12.rote.v1.RunStatus\x12\x16\n\x0escript_version\x18\x04 \x01(\x05\x12\x19\n\x11published_version\x18\x05 \x01(\x05\x12\x13\n\x0bagent_steps\x18\x06 \x01(\x05\x12\x11\n\tllm_calls\x18\x07 \x01(\x05\x12\x0f\n\x07wall_ms\x18\x08 \x01(\x03\x12%\n\x06blocks\x18\t \x03(\x0b2\x15.rote.v1.BlockSummary\x12\r\n\x05error\x18\n \x01(\t\x12\x11\n\tcache_key\x18\x0b \x01(\t\x12:\n\x0coutputs_json\x18\x0c \x03(\x0b2$.rote.v1.RunSummary.OutputsJsonEntry\x12\x10\n\x08recorded\x18\r \x01(\x08\x12\x11\n\tscript_id\x18\x0e \x01(\t\x1a2\n\x10OutputsJsonEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01*u\n\x07RunWith\x12\x18\n\x14RUN_WITH_UNSPECIFIED\x10\x00\x12\x12\n\x0eRUN_WITH_AGENT\x10\x01\x12\x11\n\rRUN_WITH_CODE\x10\x02\x12\x11\n\rRUN_WITH_AUTO\x10\x03\x12\x16\n\x12RUN_WITH_CODE_ONLY\x10\x04*\xd9\x01\n\tRunStatus\x12\x1a\n\x16RUN_STATUS_UNSPECIFIED\x10\x00\x12\x16\n\x12RUN_STATUS_RUNNING\x10\x01\x12\x18\n\x14RUN_STATUS_COMPLETED\x10\x02\x12\x15\n\x11RUN_STATUS_FAILED\x10\x03\x12\x18\n\x14RUN_STATUS_CANCELLED\x10\x04\x12\x18\n\x14RUN_STATUS_TIMED_OUT\x10\x05\x12\x18\n\x14RUN_STATUS_ABANDONED\x10\x06\x12\x19\n\x15RUN_STATUS_UNVERIFIED\x10\x07*\x80\x01\n\tBlockMode\x12\x1a\n\x16BLOCK_MODE_UNSPECIFIED\x10\x00\x12\x14\n\x10BLOCK_MODE_AGENT\x10\x01\x12\x13\n\x0fBLOCK_MODE_CODE\x10\x02\x12\x17\n\x13BLOCK_MODE_FALLBACK\x10\x03\x12\x13\n\x0fBLOCK_MODE_LIVE\x10\x04*\x97\x01\n\x0bBlockStatus\x12\x1c\n\x18BLOCK_STATUS_UNSPECIFIED\x10\x00\x12\x1a\n\x16BLOCK_STATUS_COMPLETED\x10\x01\x12\x17\n\x13BLOCK_STATUS_FAILED\x10\x02\x12\x18\n\x14BLOCK_STATUS_SKIPPED\x10\x03\x12\x1b\n\x17BLOCK_STATUS_UNVERIFIED\x10\x04b\x06proto3')
_globals = globals()
_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)
_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'rote.v1.run_pb2', _globals)
if not _descriptor._USE_C_DESCRIPTORS:
    DESCRIPTOR._loaded_options = None
    _globals['_BLOCKRUN'].fields_by_name['label']._loaded_options = None
    _globals['_BLOCKRUN'].fields_by_name['label']._serialized_options = b'\xbaH\x08r\x03\x18\x80\x01\xc8\x01\x01'
    _globals['_BLOCKRUN'].fields_by_name['type']._loaded_options = None
    _globals['_BLOCKRUN'].fields_by_name['type']._serialized_options = b'\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01'
    _globals['_BLOCKRUN'].fields_by_name['mode']._loaded_options = None
    _globals['_BLOCKRUN'].fields_by_name['mode']._serialized_options = b'\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01'
    _globals['_BLOCKRUN'].fields_by_name['status']._loaded_options = None
    _globals['_BLOCKRUN'].fields_by_name['status']._serialized_options = b'\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01'
    _globals['_BLOCKRUN'].fields_by_name['sequence']._loaded_options = None
    _globals['_BLOCKRUN'].fields_by_name['sequence']._serialized_options = b'\xbaH\x07\x1a\x02(\x00\xd8\x01\x01'
    _globals['_RUNSUMMARY_OUTPUTSJSONENTRY']._loaded_options = None
    _globals['_RUNSUMMARY_OUTPUTSJSONENTRY']._serialized_options = b'8\x01'
    _globals['_RUNWITH']._serialized_start = 1130
    _globals['_RUNWITH']._serialized_end = 1247
    _globals['_RUNSTATUS']._serialized_start = 1250
    _globals['_RUNSTATUS']._serialized_end = 1467
    _globals['_BLOCKMODE']._serialized_start = 1470
    _globals['_BLOCKMODE']._serialized_end = 1598
    _globals['_BLOCKSTATUS']._serialized_start = 1601
    _globals['_BLOCKSTATUS']._serialized_end = 1752
    _globals['_BLOCKRUN']._serialized_start = 105
    _globals['_BLOCKRUN']._serialized_end = 500
    _globals['_BLOCKSUMMARY']._serialized_start = 503
    _globals['_BLOCKSUMMARY']._serialized_end = 710
    _globals['_RUNSUMMARY']._serialized_start = 713
    _globals['_RUNSUMMARY']._serialized_end = 1128
    _globals['_RUNSUMMARY_OUTPUTSJSONENTRY']._serialized_start = 1078
    _globals['_RUNSUMMARY_OUTPUTSJSONENTRY']._serialized_end = 1128