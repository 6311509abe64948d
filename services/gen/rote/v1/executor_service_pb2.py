"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import descriptor_pool as _descriptor_pool
from google.protobuf import runtime_version as _runtime_version
from google.protobuf import symbol_database as _symbol_database
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(_runtime_version.Domain.PUBLIC, 7, 35, 1, '', 'rote/v1/executor_service.proto')
_sym_db = _symbol_database.Default()
from ...buf.validate import validate_pb2 as buf_dot_validate_dot_validate__pb2
from ...rote.v1 import run_pb2 as rote_dot_v1_dot_run__pb2
from ...rote.v1 import trace_pb2 as rote_dot_v1_dot_trace__pb2
from ...rote.v1 import workflow_pb2 as rote_dot_v1_dot_workflow__pb2
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\n\x1erote/v1/executor_service.proto\x12\x07rote.v1\x1a\x1bbuf/validate/validate.proto\x1a\x11rote/v1/run.proto\x1a\x13rote/v1/trace.proto\x1a\x16rote/v1/workflow.proto"\xd8\x02\n\x12RunWorkflowRequest\x12#\n\x08workflow\x18\x01 \x01(\x0b2\x11.rote.v1.Workflow\x122\n\x0bworkflow_id\x18\x02 \x01(\tB\x1d\xbaH\x1ar\x15\x18\x80\x012\x10^[A-Za-z0-9_-]+$\xd8\x01\x01\x12]\n\nparameters\x18\x03 \x03(\x0b2+.rote.v1.RunWorkflowRequest.ParametersEntryB\x1c\xbaH\x19\x9a\x01\x13\x10\xc8\x01"\x06r\x04\x18\x80\x80\x04*\x06r\x04\x18\x80\x80\x04\xd8\x01\x01\x12/\n\x08run_with\x18\x04 \x01(\x0e2\x10.rote.v1.RunWithB\x0b\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01\x12&\n\x0ftimeout_seconds\x18\x05 \x01(\x05B\r\xbaH\n\x1a\x05\x18\x90\x1c(\x00\xd8\x01\x01\x1a1\n\x0fParametersEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01"\x9e\x01\n\nRunStarted\x12\x0e\n\x06run_id\x18\x01 \x01(\t\x12\x13\n\x0bworkflow_id\x18\x02 \x01(\t\x12\x18\n\x10workflow_version\x18\x03 \x01(\x05\x12\x16\n\x0escript_version\x18\x04 \x01(\x05\x12\x11\n\tcache_key\x18\x05 \x01(\t\x12\x15\n\rcached_labels\x18\x06 \x03(\t\x12\x0f\n\x07warning\x18\x07 \x01(\t"a\n\x0cBlockStarted\x12\r\n\x05label\x18\x01 \x01(\t\x12 \n\x04type\x18\x02 \x01(\x0e2\x12.rote.v1.BlockType\x12 \n\x04mode\x18\x03 \x01(\x0e2\x12.rote.v1.BlockMode"n\n\nActionDone\x12\r\n\x05label\x18\x01 \x01(\t\x12\x1f\n\x06action\x18\x02 \x01(\x0b2\x0f.rote.v1.Action\x12 \n\x04mode\x18\x03 \x01(\x0e2\x12.rote.v1.BlockMode\x12\x0e\n\x06healed\x18\x04 \x01(\x08"5\n\rBlockFinished\x12$\n\x05block\x18\x01 \x01(\x0b2\x15.rote.v1.BlockSummary"3\n\x0bRunFinished\x12$\n\x07summary\x18\x01 \x01(\x0b2\x13.rote.v1.RunSummary"\x86\x02\n\x13RunWorkflowResponse\x12*\n\x0brun_started\x18\x01 \x01(\x0b2\x13.rote.v1.RunStartedH\x00\x12.\n\rblock_started\x18\x02 \x01(\x0b2\x15.rote.v1.BlockStartedH\x00\x12*\n\x0baction_done\x18\x03 \x01(\x0b2\x13.rote.v1.ActionDoneH\x00\x120\n\x0eblock_finished\x18\x04 \x01(\x0b2\x16.rote.v1.BlockFinishedH\x00\x12,\n\x0crun_finished\x18\x05 \x01(\x0b2\x14.rote.v1.RunFinishedH\x00B\x07\n\x05event2]\n\x0fExecutorService\x12J\n\x0bRunWorkflow\x12\x1b.rote.v1.RunWorkflowRequest\x1a\x1c.rote.v1.RunWorkflowResponse0\x01b\x06proto3')
_globals = globals()
_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)
_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'rote.v1.executor_service_pb2', _globals)
if not _descriptor._USE_C_DESCRIPTORS:
    DESCRIPTOR._loaded_options = None
    _globals['_RUNWORKFLOWREQUEST_PARAMETERSENTRY']._loaded_options = None
    _globals['_RUNWORKFLOWREQUEST_PARAMETERSENTRY']._serialized_options = b'8\x01'
    _globals['_RUNWORKFLOWREQUEST'].fields_by_name['workflow_id']._loaded_options = None
    _globals['_RUNWORKFLOWREQUEST'].fields_by_name['workflow_id']._serialized_options = b'\xbaH\x1ar\x15\x18\x80\x012\x10^[A-Za-z0-9_-]+$\xd8\x01\x01'
    _globals['_RUNWORKFLOWREQUEST'].fields_by_name['parameters']._loaded_options = None
    _globals['_RUNWORKFLOWREQUEST'].fields_by_name['parameters']._serialized_options = b'\xbaH\x19\x9a\x01\x13\x10\xc8\x01"\x06r\x04\x18\x80\x80\x04*\x06r\x04\x18\x80\x80\x04\xd8\x01\x01'
    _globals['_RUNWORKFLOWREQUEST'].fields_by_name['run_with']._loaded_options = None
    _globals['_RUNWORKFLOWREQUEST'].fields_by_name['run_with']._serialized_options = b'\xbaH\x08\x82\x01\x02\x10\x01\xd8\x01\x01'
    _globals['_RUNWORKFLOWREQUEST'].fields_by_name['timeout_seconds']._loaded_options = None
    _globals['_RUNWORKFLOWREQUEST'].fields_by_name['timeout_seconds']._serialized_options = b'\xbaH\n\x1a\x05\x18\x90\x1c(\x00\xd8\x01\x01'
    _globals['_RUNWORKFLOWREQUEST']._serialized_start = 137
    _globals['_RUNWORKFLOWREQUEST']._serialized_end = 481
    _globals['_RUNWORKFLOWREQUEST_PARAMETERSENTRY']._serialized_start = 432
    _globals['_RUNWORKFLOWREQUEST_PARAMETERSENTRY']._serialized_end = 481
    _globals['_RUNSTARTED']._serialized_start = 484
    _globals['_RUNSTARTED']._serialized_end = 642
    _globals['_BLOCKSTARTED']._serialized_start = 644
    _globals['_BLOCKSTARTED']._serialized_end = 741
    _globals['_ACTIONDONE']._serialized_start = 743
    _globals['_ACTIONDONE']._serialized_end = 853
    _globals['_BLOCKFINISHED']._serialized_start = 855
    _globals['_BLOCKFINISHED']._serialized_end = 908
    _globals['_RUNFINISHED']._serialized_start = 910
    _globals['_RUNFINISHED']._serialized_end = 961
    _globals['_RUNWORKFLOWRESPONSE']._serialized_start = 964
    _globals['_RUNWORKFLOWRESPONSE']._serialized_end = 1226
    _globals['_EXECUTORSERVICE']._serialized_start = 1228
    _globals['_EXECUTORSERVICE']._serialized_end = 1321