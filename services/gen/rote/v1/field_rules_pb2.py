"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import descriptor_pool as _descriptor_pool
from google.protobuf import runtime_version as _runtime_version
from google.protobuf import symbol_database as _symbol_database
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(_runtime_version.Domain.PUBLIC, 7, 35, 1, '', 'rote/v1/field_rules.proto')
_sym_db = _symbol_database.Default()
from google.protobuf import descriptor_pb2 as google_dot_protobuf_dot_descriptor__pb2
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\n\x19rote/v1/field_rules.proto\x12\x07rote.v1\x1a google/protobuf/descriptor.proto"\xf0\x01\n\nFieldRules\x12\x10\n\x08required\x18\x01 \x01(\x08\x12\x0f\n\x07min_len\x18\x02 \x01(\r\x12\x0f\n\x07max_len\x18\x03 \x01(\r\x12\x0f\n\x07pattern\x18\x04 \x01(\t\x12\x10\n\x03gte\x18\x05 \x01(\x01H\x00\x88\x01\x01\x12\x10\n\x03lte\x18\x06 \x01(\x01H\x01\x88\x01\x01\x12\x11\n\tmax_items\x18\x07 \x01(\r\x12\x11\n\tmax_depth\x18\x08 \x01(\r\x12\x16\n\x0emax_tree_items\x18\t \x01(\r\x12\x15\n\rmax_entry_len\x18\n \x01(\r\x12\x14\n\x0cdefined_only\x18\x0b \x01(\x08B\x06\n\x04_gteB\x06\n\x04_lte:C\n\x05rules\x12\x1d.google.protobuf.FieldOptions\x18\x80\x90\x03 \x01(\x0b2\x13.rote.v1.FieldRulesb\x06proto3')
_globals = globals()
_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)
_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'rote.v1.field_rules_pb2', _globals)
if not _descriptor._USE_C_DESCRIPTORS:
    DESCRIPTOR._loaded_options = None
    _globals['_FIELDRULES']._serialized_start = 73
    _globals['_FIELDRULES']._serialized_end = 313