"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import descriptor_pool as _descriptor_pool
from google.protobuf import runtime_version as _runtime_version
from google.protobuf import symbol_database as _symbol_database
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(_runtime_version.Domain.PUBLIC, 7, 35, 1, '', 'rote/v1/cache_service.proto')
_sym_db = _symbol_database.Default()
from ...rote.v1 import run_pb2 as rote_dot_v1_dot_run__pb2
from ...rote.v1 import script_pb2 as rote_dot_v1_dot_script__pb2
from ...rote.v1 import workflow_pb2 as rote_dot_v1_dot_workflow__pb2
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\n\x1brote/v1/cache_service.proto\x12\x07rote.v1\x1a\x11rote/v1/run.proto\x1a\x14rote/v1/script.proto\x1a\x16rote/v1/workflow.proto"9\n\x12PutWorkflowRequest\x12#\n\x08workflow\x18\x01 \x01(\x0b2\x11.rote.v1.Workflow"L\n\x13PutWorkflowResponse\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12\x0f\n\x07version\x18\x02 \x01(\x05\x12\x0f\n\x07created\x18\x03 \x01(\x08":\n\x12GetWorkflowRequest\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12\x0f\n\x07version\x18\x02 \x01(\x05":\n\x13GetWorkflowResponse\x12#\n\x08workflow\x18\x01 \x01(\x0b2\x11.rote.v1.Workflow"\x87\x02\n\x0fStartRunRequest\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12\x18\n\x10workflow_version\x18\x02 \x01(\x05\x12<\n\nparameters\x18\x03 \x03(\x0b2(.rote.v1.StartRunRequest.ParametersEntry\x12\x19\n\x11secret_parameters\x18\x04 \x03(\t\x12"\n\x08run_with\x18\x05 \x01(\x0e2\x10.rote.v1.RunWith\x12\x15\n\rlease_seconds\x18\x06 \x01(\x05\x1a1\n\x0fParametersEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01"v\n\x10StartRunResponse\x12\x0e\n\x06run_id\x18\x01 \x01(\t\x12#\n\x08workflow\x18\x02 \x01(\x0b2\x11.rote.v1.Workflow\x12-\n\nresolution\x18\x03 \x01(\x0b2\x19.rote.v1.ScriptResolution"\xa1\x01\n\x14ResolveScriptRequest\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12A\n\nparameters\x18\x02 \x03(\x0b2-.rote.v1.ResolveScriptRequest.ParametersEntry\x1a1\n\x0fParametersEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01"F\n\x15ResolveScriptResponse\x12-\n\nresolution\x18\x01 \x01(\x0b2\x19.rote.v1.ScriptResolution"M\n\x15RecordBlockRunRequest\x12\x0e\n\x06run_id\x18\x01 \x01(\t\x12$\n\tblock_run\x18\x02 \x01(\x0b2\x11.rote.v1.BlockRun"3\n\x16RecordBlockRunResponse\x12\x19\n\x11marked_for_update\x18\x01 \x01(\x08"\x80\x01\n\x10FinishRunRequest\x12\x0e\n\x06run_id\x18\x01 \x01(\t\x12"\n\x06status\x18\x02 \x01(\x0e2\x12.rote.v1.RunStatus\x12\r\n\x05error\x18\x03 \x01(\t\x12\x0f\n\x07wall_ms\x18\x04 \x01(\x03\x12\x18\n\x10force_regenerate\x18\x05 \x01(\x08"m\n\x14RegenerationDecision\x12\x12\n\nregenerate\x18\x01 \x01(\x08\x12\x18\n\x10blocks_to_update\x18\x02 \x03(\t\x12\x16\n\x0emissing_labels\x18\x03 \x03(\t\x12\x0f\n\x07reasons\x18\x04 \x03(\t"r\n\x11FinishRunResponse\x12/\n\x08decision\x18\x01 \x01(\x0b2\x1d.rote.v1.RegenerationDecision\x12\x19\n\x11published_version\x18\x02 \x01(\x05\x12\x11\n\tscript_id\x18\x03 \x01(\t"\x1f\n\rGetRunRequest\x12\x0e\n\x06run_id\x18\x01 \x01(\t"]\n\x0eGetRunResponse\x12$\n\x07summary\x18\x01 \x01(\x0b2\x13.rote.v1.RunSummary\x12%\n\nblock_runs\x18\x02 \x03(\x0b2\x11.rote.v1.BlockRun2\x85\x04\n\x0cCacheService\x12H\n\x0bPutWorkflow\x12\x1b.rote.v1.PutWorkflowRequest\x1a\x1c.rote.v1.PutWorkflowResponse\x12H\n\x0bGetWorkflow\x12\x1b.rote.v1.GetWorkflowRequest\x1a\x1c.rote.v1.GetWorkflowResponse\x12?\n\x08StartRun\x12\x18.rote.v1.StartRunRequest\x1a\x19.rote.v1.StartRunResponse\x12N\n\rResolveScript\x12\x1d.rote.v1.ResolveScriptRequest\x1a\x1e.rote.v1.ResolveScriptResponse\x12Q\n\x0eRecordBlockRun\x12\x1e.rote.v1.RecordBlockRunRequest\x1a\x1f.rote.v1.RecordBlockRunResponse\x12B\n\tFinishRun\x12\x19.rote.v1.FinishRunRequest\x1a\x1a.rote.v1.FinishRunResponse\x129\n\x06GetRun\x12\x16.rote.v1.GetRunRequest\x1a\x17.rote.v1.GetRunResponseb\x06proto3')
_globals = globals()
_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)
_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'rote.v1.cache_service_pb2', _globals)
if not _descriptor._USE_C_DESCRIPTORS:
    DESCRIPTOR._loaded_options = None
    _globals['_STARTRUNREQUEST_PARAMETERSENTRY']._loaded_options = None
    _globals['_STARTRUNREQUEST_PARAMETERSENTRY']._serialized_options = b'8\x01'
    _globals['_RESOLVESCRIPTREQUEST_PARAMETERSENTRY']._loaded_options = None
    _globals['_RESOLVESCRIPTREQUEST_PARAMETERSENTRY']._serialized_options = b'8\x01'
    _globals['_PUTWORKFLOWREQUEST']._serialized_start = 105
    _globals['_PUTWORKFLOWREQUEST']._serialized_end = 162
    _globals['_PUTWORKFLOWRESPONSE']._serialized_start = 164
    _globals['_PUTWORKFLOWRESPONSE']._serialized_end = 240
    _globals['_GETWORKFLOWREQUEST']._serialized_start = 242
    _globals['_GETWORKFLOWREQUEST']._serialized_end = 300
    _globals['_GETWORKFLOWRESPONSE']._serialized_start = 302
    _globals['_GETWORKFLOWRESPONSE']._serialized_end = 360
    _globals['_STARTRUNREQUEST']._serialized_start = 363
    _globals['_STARTRUNREQUEST']._serialized_end = 626
    _globals['_STARTRUNREQUEST_PARAMETERSENTRY']._serialized_start = 577
    _globals['_STARTRUNREQUEST_PARAMETERSENTRY']._serialized_end = 626
    _globals['_STARTRUNRESPONSE']._serialized_start = 628
    _globals['_STARTRUNRESPONSE']._serialized_end = 746
    _globals['_RESOLVESCRIPTREQUEST']._serialized_start = 749
    _globals['_RESOLVESCRIPTREQUEST']._serialized_end = 910
    _globals['_RESOLVESCRIPTREQUEST_PARAMETERSENTRY']._serialized_start = 577
    _globals['_RESOLVESCRIPTREQUEST_PARAMETERSENTRY']._serialized_end = 626
    _globals['_RESOLVESCRIPTRESPONSE']._serialized_start = 912
    _globals['_RESOLVESCRIPTRESPONSE']._serialized_end = 982
    _globals['_RECORDBLOCKRUNREQUEST']._serialized_start = 984
    _globals['_RECORDBLOCKRUNREQUEST']._serialized_end = 1061
    _globals['_RECORDBLOCKRUNRESPONSE']._serialized_start = 1063
    _globals['_RECORDBLOCKRUNRESPONSE']._serialized_end = 1114
    _globals['_FINISHRUNREQUEST']._serialized_start = 1117
    _globals['_FINISHRUNREQUEST']._serialized_end = 1245
    _globals['_REGENERATIONDECISION']._serialized_start = 1247
    _globals['_REGENERATIONDECISION']._serialized_end = 1356
    _globals['_FINISHRUNRESPONSE']._serialized_start = 1358
    _globals['_FINISHRUNRESPONSE']._serialized_end = 1472
    _globals['_GETRUNREQUEST']._serialized_start = 1474
    _globals['_GETRUNREQUEST']._serialized_end = 1505
    _globals['_GETRUNRESPONSE']._serialized_start = 1507
    _globals['_GETRUNRESPONSE']._serialized_end = 1600
    _globals['_CACHESERVICE']._serialized_start = 1603
    _globals['_CACHESERVICE']._serialized_end = 2120