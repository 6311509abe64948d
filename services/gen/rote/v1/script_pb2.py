"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import descriptor_pool as _descriptor_pool
from google.protobuf import runtime_version as _runtime_version
from google.protobuf import symbol_database as _symbol_database
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(_runtime_version.Domain.PUBLIC, 7, 35, 1, '', 'rote/v1/script.proto')
_sym_db = _symbol_database.Default()
from ...buf.validate import validate_pb2 as buf_dot_validate_dot_validate__pb2
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\n\x14rote/v1/script.proto\x12\x07rote.v1\x1a\x1bbuf/validate/validate.proto"\x87\x01\n\nScriptFile\x12\x19\n\x04path\x18\x01 \x01(\tB\x0b\xbaH\x08r\x03\x18\x80\x02\xd8\x01\x01\x12(\n\x06sha256\x18\x02 \x01(\tB\x18\xbaH\x15r\x102\x0e^[0-9a-f]{64}$\xd8\x01\x01\x12\x12\n\nsize_bytes\x18\x03 \x01(\x03\x12 \n\x0bstorage_key\x18\x04 \x01(\tB\x0b\xbaH\x08r\x03\x18\x80\x08\xd8\x01\x01"\xa8\x01\n\x0bCachedBlock\x12\r\n\x05label\x18\x01 \x01(\t\x12\x15\n\rrun_signature\x18\x02 \x01(\t\x12!\n\x04file\x18\x03 \x01(\x0b2\x13.rote.v1.ScriptFile\x12\x17\n\x0fparameter_names\x18\x04 \x03(\t\x12\x19\n\x11cached_in_version\x18\x05 \x01(\x05\x12\x1c\n\x14recorded_agent_steps\x18\x06 \x01(\x05".\n\rUncachedBlock\x12\r\n\x05label\x18\x01 \x01(\t\x12\x0e\n\x06reason\x18\x02 \x01(\t"\xcc\x01\n\x10ScriptResolution\x12\x11\n\tscript_id\x18\x01 \x01(\t\x12\x0f\n\x07version\x18\x02 \x01(\x05\x12\x11\n\tcache_key\x18\x03 \x01(\t\x12#\n\x06module\x18\x04 \x01(\x0b2\x13.rote.v1.ScriptFile\x12+\n\rcached_blocks\x18\x05 \x03(\x0b2\x14.rote.v1.CachedBlock\x12/\n\x0funcached_blocks\x18\x06 \x03(\x0b2\x16.rote.v1.UncachedBlockb\x06proto3')
_globals = globals()
_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)
_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'rote.v1.script_pb2', _globals)
if not _descriptor._USE_C_DESCRIPTORS:
    DESCRIPTOR._loaded_options = None
    _globals['_SCRIPTFILE'].fields_by_name['path']._loaded_options = None
    _globals['_SCRIPTFILE'].fields_by_name['path']._serialized_options = b'\xbaH\x08r\x03\x18\x80\x02\xd8\x01\x01'
    _globals['_SCRIPTFILE'].fields_by_name['sha256']._loaded_options = None
    _globals['_SCRIPTFILE'].fields_by_name['sha256']._serialized_options = b'\xbaH\x15r\x102\x0e^[0-9a-f]{64}$\xd8\x01\x01'
    _globals['_SCRIPTFILE'].fields_by_name['storage_key']._loaded_options = None
    _globals['_SCRIPTFILE'].fields_by_name['storage_key']._serialized_options = b'\xbaH\x08r\x03\x18\x80\x08\xd8\x01\x01'
    _globals['_SCRIPTFILE']._serialized_start = 63
    _globals['_SCRIPTFILE']._serialized_end = 198
    _globals['_CACHEDBLOCK']._serialized_start = 201
    _globals['_CACHEDBLOCK']._serialized_end = 369
    _globals['_UNCACHEDBLOCK']._serialized_start = 371
    _globals['_UNCACHEDBLOCK']._serialized_end = 417
    _globals['_SCRIPTRESOLUTION']._serialized_start = 420
    _globals['_SCRIPTRESOLUTION']._serialized_end = 624