"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import descriptor_pool as _descriptor_pool
from google.protobuf import runtime_version as _runtime_version
from google.protobuf import symbol_database as _symbol_database
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(_runtime_version.Domain.PUBLIC, 7, 35, 1, '', 'rote/v1/codegen_service.proto')
_sym_db = _symbol_database.Default()
from ...buf.validate import validate_pb2 as buf_dot_validate_dot_validate__pb2
from ...rote.v1 import script_pb2 as rote_dot_v1_dot_script__pb2
from ...rote.v1 import trace_pb2 as rote_dot_v1_dot_trace__pb2
from ...rote.v1 import workflow_pb2 as rote_dot_v1_dot_workflow__pb2
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\n\x1drote/v1/codegen_service.proto\x12\x07rote.v1\x1a\x1bbuf/validate/validate.proto\x1a\x14rote/v1/script.proto\x1a\x13rote/v1/trace.proto\x1a\x16rote/v1/workflow.proto"\x89\x01\n\x0bReusedBlock\x12\x1a\n\x05label\x18\x01 \x01(\tB\x0b\xbaH\x08r\x03\x18\x80\x01\xd8\x01\x01\x12"\n\rrun_signature\x18\x02 \x01(\tB\x0b\xbaH\x08r\x03\x18\x80\x04\xd8\x01\x01\x12!\n\x04file\x18\x03 \x01(\x0b2\x13.rote.v1.ScriptFile\x12\x17\n\x0fparameter_names\x18\x04 \x03(\t"\xd0\x03\n\x15GenerateScriptRequest\x120\n\tscript_id\x18\x01 \x01(\tB\x1d\xbaH\x1ar\x15\x18@2\x11^[A-Za-z0-9_.-]+$\xc8\x01\x01\x12\x1f\n\x07version\x18\x02 \x01(\x05B\x0e\xbaH\x0b\x1a\x06\x18\xc0\x84=(\x01\xd8\x01\x01\x123\n\rsource_run_id\x18\x03 \x01(\tB\x1c\xbaH\x19r\x14\x18@2\x10^[A-Za-z0-9_-]+$\xd8\x01\x01\x12#\n\x08workflow\x18\x04 \x01(\x0b2\x11.rote.v1.Workflow\x121\n\x06traces\x18\x05 \x03(\x0b2\x13.rote.v1.BlockTraceB\x0c\xbaH\t\x92\x01\x03\x10\xf4\x03\xd8\x01\x01\x122\n\x06reused\x18\x06 \x03(\x0b2\x14.rote.v1.ReusedBlockB\x0c\xbaH\t\x92\x01\x03\x10\xf4\x03\xd8\x01\x01\x12k\n\x10parameter_values\x18\x07 \x03(\x0b23.rote.v1.GenerateScriptRequest.ParameterValuesEntryB\x1c\xbaH\x19\x9a\x01\x13\x10\xc8\x01"\x06r\x04\x18\x80\x80\x04*\x06r\x04\x18\x80\x80\x04\xd8\x01\x01\x1a6\n\x14ParameterValuesEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01"r\n\x0eGeneratedBlock\x12\r\n\x05label\x18\x01 \x01(\t\x12\x15\n\rrun_signature\x18\x02 \x01(\t\x12\x11\n\tfile_path\x18\x03 \x01(\t\x12\x17\n\x0fparameter_names\x18\x04 \x03(\t\x12\x0e\n\x06reused\x18\x05 \x01(\x08"-\n\x0cSkippedBlock\x12\r\n\x05label\x18\x01 \x01(\t\x12\x0e\n\x06reason\x18\x02 \x01(\t"\x8d\x01\n\x16GenerateScriptResponse\x12"\n\x05files\x18\x01 \x03(\x0b2\x13.rote.v1.ScriptFile\x12\'\n\x06blocks\x18\x02 \x03(\x0b2\x17.rote.v1.GeneratedBlock\x12&\n\x07skipped\x18\x03 \x03(\x0b2\x15.rote.v1.SkippedBlock2c\n\x0eCodegenService\x12Q\n\x0eGenerateScript\x12\x1e.rote.v1.GenerateScriptRequest\x1a\x1f.rote.v1.GenerateScriptResponseb\x06proto3')
_globals = globals()
_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)
_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'rote.v1.codegen_service_pb2', _globals)
if not _descriptor._USE_C_DESCRIPTORS:
    DESCRIPTOR._loaded_options = None
    _globals['_REUSEDBLOCK'].fields_by_name['label']._loaded_options = None
    _globals['_REUSEDBLOCK'].fields_by_name['label']._serialized_options = b'\xbaH\x08r\x03\x18\x80\x01\xd8\x01\x01'
    _globals['_REUSEDBLOCK'].fields_by_name['run_signature']._loaded_options = None
    _globals['_REUSEDBLOCK'].fields_by_name['run_signature']._serialized_options = b'\xbaH\x08r\x03\x18\x80\x04\xd8\x01\x01'
    _globals['_GENERATESCRIPTREQUEST_PARAMETERVALUESENTRY']._loaded_options = None
    _globals['_GENERATESCRIPTREQUEST_PARAMETERVALUESENTRY']._serialized_options = b'8\x01'
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['script_id']._loaded_options = None
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['script_id']._serialized_options = b'\xbaH\x1ar\x15\x18@2\x11^[A-Za-z0-9_.-]+$\xc8\x01\x01'
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['version']._loaded_options = None
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['version']._serialized_options = b'\xbaH\x0b\x1a\x06\x18\xc0\x84=(\x01\xd8\x01\x01'
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['source_run_id']._loaded_options = None
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['source_run_id']._serialized_options = b'\xbaH\x19r\x14\x18@2\x10^[A-Za-z0-9_-]+$\xd8\x01\x01'
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['traces']._loaded_options = None
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['traces']._serialized_options = b'\xbaH\t\x92\x01\x03\x10\xf4\x03\xd8\x01\x01'
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['reused']._loaded_options = None
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['reused']._serialized_options = b'\xbaH\t\x92\x01\x03\x10\xf4\x03\xd8\x01\x01'
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['parameter_values']._loaded_options = None
    _globals['_GENERATESCRIPTREQUEST'].fields_by_name['parameter_values']._serialized_options = b'\xbaH\x19\x9a\x01\x13\x10\xc8\x01"\x06r\x04\x18\x80\x80\x04*\x06r\x04\x18\x80\x80\x04\xd8\x01\x01'
    _globals['_REUSEDBLOCK']._serialized_start = 139
    _globals['_REUSEDBLOCK']._serialized_end = 276
    _globals['_GENERATESCRIPTREQUEST']._serialized_start = 279
    _globals['_GENERATESCRIPTREQUEST']._serialized_end = 743
    _globals['_GENERATESCRIPTREQUEST_PARAMETERVALUESENTRY']._serialized_start = 689
    _globals['_GENERATESCRIPTREQUEST_PARAMETERVALUESENTRY']._serialized_end = 743
    _globals['_GENERATEDBLOCK']._serialized_start = 745
    _globals['_GENERATEDBLOCK']._serialized_end = 859
    _globals['_SKIPPEDBLOCK']._serialized_start = 861
    _globals['_SKIPPEDBLOCK']._serialized_end = 906
    _globals['_GENERATESCRIPTRESPONSE']._serialized_start = 909
    _globals['_GENERATESCRIPTRESPONSE']._serialized_end = 1050
    _globals['_CODEGENSERVICE']._serialized_start = 1052
    _globals['_CODEGENSERVICE']._serialized_end = 1151