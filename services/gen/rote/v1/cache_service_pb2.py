"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import descriptor_pool as _descriptor_pool
from google.protobuf import runtime_version as _runtime_version
from google.protobuf import symbol_database as _symbol_database
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(_runtime_version.Domain.PUBLIC, 7, 35, 1, '', 'rote/v1/cache_service.proto')
_sym_db = _symbol_database.Default()
from google.protobuf import timestamp_pb2 as google_dot_protobuf_dot_timestamp__pb2
from ...rote.v1 import run_pb2 as rote_dot_v1_dot_run__pb2
from ...rote.v1 import script_pb2 as rote_dot_v1_dot_script__pb2
from ...rote.v1 import workflow_pb2 as rote_dot_v1_dot_workflow__pb2
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\n\x1brote/v1/cache_service.proto\x12\x07rote.v1\x1a\x1fgoogle/protobuf/timestamp.proto\x1a\x11rote/v1/run.proto\x1a\x14rote/v1/script.proto\x1a\x16rote/v1/workflow.proto"9\n\x12PutWorkflowRequest\x12#\n\x08workflow\x18\x01 \x01(\x0b2\x11.rote.v1.Workflow"L\n\x13PutWorkflowResponse\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12\x0f\n\x07version\x18\x02 \x01(\x05\x12\x0f\n\x07created\x18\x03 \x01(\x08":\n\x12GetWorkflowRequest\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12\x0f\n\x07version\x18\x02 \x01(\x05":\n\x13GetWorkflowResponse\x12#\n\x08workflow\x18\x01 \x01(\x0b2\x11.rote.v1.Workflow"\x16\n\x14ListWorkflowsRequest"d\n\x11WorkflowListEntry\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12\r\n\x05title\x18\x02 \x01(\t\x12\x16\n\x0elatest_version\x18\x03 \x01(\x05\x12\x13\n\x0bblock_count\x18\x04 \x01(\x05"F\n\x15ListWorkflowsResponse\x12-\n\tworkflows\x18\x01 \x03(\x0b2\x1a.rote.v1.WorkflowListEntry"\x87\x02\n\x0fStartRunRequest\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12\x18\n\x10workflow_version\x18\x02 \x01(\x05\x12<\n\nparameters\x18\x03 \x03(\x0b2(.rote.v1.StartRunRequest.ParametersEntry\x12\x19\n\x11secret_parameters\x18\x04 \x03(\t\x12"\n\x08run_with\x18\x05 \x01(\x0e2\x10.rote.v1.RunWith\x12\x15\n\rlease_seconds\x18\x06 \x01(\x05\x1a1\n\x0fParametersEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01"v\n\x10StartRunResponse\x12\x0e\n\x06run_id\x18\x01 \x01(\t\x12#\n\x08workflow\x18\x02 \x01(\x0b2\x11.rote.v1.Workflow\x12-\n\nresolution\x18\x03 \x01(\x0b2\x19.rote.v1.ScriptResolution"\xa1\x01\n\x14ResolveScriptRequest\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12A\n\nparameters\x18\x02 \x03(\x0b2-.rote.v1.ResolveScriptRequest.ParametersEntry\x1a1\n\x0fParametersEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\t:\x028\x01"F\n\x15ResolveScriptResponse\x12-\n\nresolution\x18\x01 \x01(\x0b2\x19.rote.v1.ScriptResolution"M\n\x15RecordBlockRunRequest\x12\x0e\n\x06run_id\x18\x01 \x01(\t\x12$\n\tblock_run\x18\x02 \x01(\x0b2\x11.rote.v1.BlockRun"3\n\x16RecordBlockRunResponse\x12\x19\n\x11marked_for_update\x18\x01 \x01(\x08"\x80\x01\n\x10FinishRunRequest\x12\x0e\n\x06run_id\x18\x01 \x01(\t\x12"\n\x06status\x18\x02 \x01(\x0e2\x12.rote.v1.RunStatus\x12\r\n\x05error\x18\x03 \x01(\t\x12\x0f\n\x07wall_ms\x18\x04 \x01(\x03\x12\x18\n\x10force_regenerate\x18\x05 \x01(\x08"m\n\x14RegenerationDecision\x12\x12\n\nregenerate\x18\x01 \x01(\x08\x12\x18\n\x10blocks_to_update\x18\x02 \x03(\t\x12\x16\n\x0emissing_labels\x18\x03 \x03(\t\x12\x0f\n\x07reasons\x18\x04 \x03(\t"r\n\x11FinishRunResponse\x12/\n\x08decision\x18\x01 \x01(\x0b2\x1d.rote.v1.RegenerationDecision\x12\x19\n\x11published_version\x18\x02 \x01(\x05\x12\x11\n\tscript_id\x18\x03 \x01(\t"\x1f\n\rGetRunRequest\x12\x0e\n\x06run_id\x18\x01 \x01(\t"\xcb\x02\n\x0eGetRunResponse\x12$\n\x07summary\x18\x01 \x01(\x0b2\x13.rote.v1.RunSummary\x12%\n\nblock_runs\x18\x02 \x03(\x0b2\x11.rote.v1.BlockRun\x12 \n\x05draft\x18\x03 \x01(\x0b2\x11.rote.v1.RunDraft\x12=\n\x0bgenerations\x18\x04 \x03(\x0b2(.rote.v1.GetRunResponse.GenerationsEntry\x12!\n\x19max_generations_per_block\x18\x05 \x01(\x05\x124\n\x10lease_expires_at\x18\x06 \x01(\x0b2\x1a.google.protobuf.Timestamp\x1a2\n\x10GenerationsEntry\x12\x0b\n\x03key\x18\x01 \x01(\t\x12\r\n\x05value\x18\x02 \x01(\x05:\x028\x01"y\n\x08RunDraft\x12\x0e\n\x06number\x18\x01 \x01(\x05\x12$\n\x06blocks\x18\x02 \x03(\x0b2\x14.rote.v1.CachedBlock\x12\'\n\x07skipped\x18\x03 \x03(\x0b2\x16.rote.v1.UncachedBlock\x12\x0e\n\x06usable\x18\x04 \x01(\x08"Y\n\x0fListRunsRequest\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12\r\n\x05limit\x18\x02 \x01(\x05\x12"\n\x06status\x18\x03 \x01(\x0e2\x12.rote.v1.RunStatus"\xca\x03\n\x0cRunListEntry\x12\x0e\n\x06run_id\x18\x01 \x01(\t\x12\x13\n\x0bworkflow_id\x18\x02 \x01(\t\x12\x18\n\x10workflow_version\x18\x03 \x01(\x05\x12"\n\x06status\x18\x04 \x01(\x0e2\x12.rote.v1.RunStatus\x12\x11\n\tcache_key\x18\x05 \x01(\t\x12"\n\x08run_with\x18\x06 \x01(\x0e2\x10.rote.v1.RunWith\x12.\n\nstarted_at\x18\x07 \x01(\x0b2\x1a.google.protobuf.Timestamp\x12/\n\x0bfinished_at\x18\x08 \x01(\x0b2\x1a.google.protobuf.Timestamp\x12\x0f\n\x07wall_ms\x18\t \x01(\x03\x12\x16\n\x0escript_version\x18\n \x01(\x05\x12\x19\n\x11published_version\x18\x0b \x01(\x05\x12\x13\n\x0bcode_blocks\x18\x0c \x01(\x05\x12\x14\n\x0cagent_blocks\x18\r \x01(\x05\x12\x17\n\x0ffallback_blocks\x18\x0e \x01(\x05\x12\x13\n\x0blive_blocks\x18\x0f \x01(\x05\x12\x13\n\x0bagent_steps\x18\x10 \x01(\x05\x12\r\n\x05error\x18\x11 \x01(\t"7\n\x10ListRunsResponse\x12#\n\x04runs\x18\x01 \x03(\x0b2\x15.rote.v1.RunListEntry"\xd0\x01\n\x11ScriptVersionInfo\x12\x0f\n\x07version\x18\x01 \x01(\x05\x12\x15\n\rsource_run_id\x18\x02 \x01(\t\x12\x18\n\x10workflow_version\x18\x03 \x01(\x05\x12\x0e\n\x06pinned\x18\x04 \x01(\x08\x12\x0f\n\x07current\x18\x05 \x01(\x08\x12.\n\ncreated_at\x18\x06 \x01(\x0b2\x1a.google.protobuf.Timestamp\x12\x0e\n\x06labels\x18\x07 \x03(\t\x12\x18\n\x10rolled_back_from\x18\x08 \x01(\x05"\xd7\x01\n\nScriptInfo\x12\x11\n\tscript_id\x18\x01 \x01(\t\x12\x13\n\x0bworkflow_id\x18\x02 \x01(\t\x12\x11\n\tcache_key\x18\x03 \x01(\t\x12\x17\n\x0fcurrent_version\x18\x04 \x01(\x05\x12\x16\n\x0elatest_version\x18\x05 \x01(\x05\x12\x16\n\x0epinned_version\x18\x06 \x01(\x05\x12\x15\n\rversion_count\x18\x07 \x01(\x05\x12.\n\ncreated_at\x18\x08 \x01(\x0b2\x1a.google.protobuf.Timestamp")\n\x12ListScriptsRequest\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t";\n\x13ListScriptsResponse\x12$\n\x07scripts\x18\x01 \x03(\x0b2\x13.rote.v1.ScriptInfo".\n\x19ListScriptVersionsRequest\x12\x11\n\tscript_id\x18\x01 \x01(\t"o\n\x1aListScriptVersionsResponse\x12#\n\x06script\x18\x01 \x01(\x0b2\x13.rote.v1.ScriptInfo\x12,\n\x08versions\x18\x02 \x03(\x0b2\x1a.rote.v1.ScriptVersionInfo"}\n\tBlockCode\x12\r\n\x05label\x18\x01 \x01(\t\x12\x15\n\rrun_signature\x18\x02 \x01(\t\x12!\n\x04file\x18\x03 \x01(\x0b2\x13.rote.v1.ScriptFile\x12\x19\n\x11cached_in_version\x18\x04 \x01(\x05\x12\x0c\n\x04code\x18\x05 \x01(\t"=\n\x17GetScriptVersionRequest\x12\x11\n\tscript_id\x18\x01 \x01(\t\x12\x0f\n\x07version\x18\x02 \x01(\x05"\xa5\x01\n\x18GetScriptVersionResponse\x12+\n\x07version\x18\x01 \x01(\x0b2\x1a.rote.v1.ScriptVersionInfo\x12#\n\x06module\x18\x02 \x01(\x0b2\x13.rote.v1.ScriptFile\x12\x13\n\x0bmodule_code\x18\x03 \x01(\t\x12"\n\x06blocks\x18\x04 \x03(\x0b2\x12.rote.v1.BlockCode"\x94\x01\n\tBlockDiff\x12\r\n\x05label\x18\x01 \x01(\t\x12$\n\x06change\x18\x02 \x01(\x0e2\x14.rote.v1.BlockChange\x12\x14\n\x0cunified_diff\x18\x03 \x01(\t\x12\x1e\n\x16from_cached_in_version\x18\x04 \x01(\x05\x12\x1c\n\x14to_cached_in_version\x18\x05 \x01(\x05"X\n\x19DiffScriptVersionsRequest\x12\x11\n\tscript_id\x18\x01 \x01(\t\x12\x14\n\x0cfrom_version\x18\x02 \x01(\x05\x12\x12\n\nto_version\x18\x03 \x01(\x05"U\n\x1aDiffScriptVersionsResponse\x12"\n\x06blocks\x18\x01 \x03(\x0b2\x12.rote.v1.BlockDiff\x12\x13\n\x0bmodule_diff\x18\x02 \x01(\t"=\n\x17PinScriptVersionRequest\x12\x11\n\tscript_id\x18\x01 \x01(\t\x12\x0f\n\x07version\x18\x02 \x01(\x05"G\n\x18PinScriptVersionResponse\x12+\n\x07version\x18\x01 \x01(\x0b2\x1a.rote.v1.ScriptVersionInfo".\n\x19UnpinScriptVersionRequest\x12\x11\n\tscript_id\x18\x01 \x01(\t"O\n\x1aUnpinScriptVersionResponse\x12\x18\n\x10unpinned_version\x18\x01 \x01(\x05\x12\x17\n\x0fcurrent_version\x18\x02 \x01(\x05">\n\x15RollbackScriptRequest\x12\x11\n\tscript_id\x18\x01 \x01(\t\x12\x12\n\nto_version\x18\x02 \x01(\x05"E\n\x16RollbackScriptResponse\x12+\n\x07version\x18\x01 \x01(\x0b2\x1a.rote.v1.ScriptVersionInfo"\xbf\x01\n\rBlockCoverage\x12\r\n\x05label\x18\x01 \x01(\t\x12 \n\x04type\x18\x02 \x01(\x0e2\x12.rote.v1.BlockType\x12\x11\n\tcacheable\x18\x03 \x01(\x08\x12\x0e\n\x06cached\x18\x04 \x01(\x08\x12\x19\n\x11cached_in_version\x18\x05 \x01(\x05\x12\x0c\n\x04hits\x18\x06 \x01(\x05\x12\x0e\n\x06misses\x18\x07 \x01(\x05\x12\x11\n\tfallbacks\x18\x08 \x01(\x05\x12\x0e\n\x06reason\x18\t \x01(\t"q\n\x10CacheKeyCoverage\x12\x11\n\tcache_key\x18\x01 \x01(\t\x12\x11\n\tscript_id\x18\x02 \x01(\t\x12\x0f\n\x07version\x18\x03 \x01(\x05\x12&\n\x06blocks\x18\x04 \x03(\x0b2\x16.rote.v1.BlockCoverage"<\n\x12GetCoverageRequest\x12\x13\n\x0bworkflow_id\x18\x01 \x01(\t\x12\x11\n\tcache_key\x18\x02 \x01(\t"^\n\x13GetCoverageResponse\x12\x18\n\x10workflow_version\x18\x01 \x01(\x05\x12-\n\ncache_keys\x18\x02 \x03(\x0b2\x19.rote.v1.CacheKeyCoverage*\x94\x01\n\x0bBlockChange\x12\x1c\n\x18BLOCK_CHANGE_UNSPECIFIED\x10\x00\x12\x1a\n\x16BLOCK_CHANGE_UNCHANGED\x10\x01\x12\x16\n\x12BLOCK_CHANGE_ADDED\x10\x02\x12\x18\n\x14BLOCK_CHANGE_REMOVED\x10\x03\x12\x19\n\x15BLOCK_CHANGE_MODIFIED\x10\x042\xcc\n\n\x0cCacheService\x12H\n\x0bPutWorkflow\x12\x1b.rote.v1.PutWorkflowRequest\x1a\x1c.rote.v1.PutWorkflowResponse\x12H\n\x0bGetWorkflow\x12\x1b.rote.v1.GetWorkflowRequest\x1a\x1c.rote.v1.GetWorkflowResponse\x12N\n\rListWorkflows\x12\x1d.rote.v1.ListWorkflowsRequest\x1a\x1e.rote.v1.ListWorkflowsResponse\x12?\n\x08StartRun\x12\x18.rote.v1.StartRunRequest\x1a\x19.rote.v1.StartRunResponse\x12N\n\rResolveScript\x12\x1d.rote.v1.ResolveScriptRequest\x1a\x1e.rote.v1.ResolveScriptResponse\x12Q\n\x0eRecordBlockRun\x12\x1e.rote.v1.RecordBlockRunRequest\x1a\x1f.rote.v1.RecordBlockRunResponse\x12B\n\tFinishRun\x12\x19.rote.v1.FinishRunRequest\x1a\x1a.rote.v1.FinishRunResponse\x129\n\x06GetRun\x12\x16.rote.v1.GetRunRequest\x1a\x17.rote.v1.GetRunResponse\x12?\n\x08ListRuns\x12\x18.rote.v1.ListRunsRequest\x1a\x19.rote.v1.ListRunsResponse\x12H\n\x0bListScripts\x12\x1b.rote.v1.ListScriptsRequest\x1a\x1c.rote.v1.ListScriptsResponse\x12]\n\x12ListScriptVersions\x12".rote.v1.ListScriptVersionsRequest\x1a#.rote.v1.ListScriptVersionsResponse\x12W\n\x10GetScriptVersion\x12 .rote.v1.GetScriptVersionRequest\x1a!.rote.v1.GetScriptVersionResponse\x12]\n\x12DiffScriptVersions\x12".rote.v1.DiffScriptVersionsRequest\x1a#.rote.v1.DiffScriptVersionsResponse\x12W\n\x10PinScriptVersion\x12 .rote.v1.PinScriptVersionRequest\x1a!.rote.v1.PinScriptVersionResponse\x12]\n\x12UnpinScriptVersion\x12".rote.v1.UnpinScriptVersionRequest\x1a#.rote.v1.UnpinScriptVersionResponse\x12Q\n\x0eRollbackScript\x12\x1e.rote.v1.RollbackScriptRequest\x1a\x1f.rote.v1.RollbackScriptResponse\x12H\n\x0bGetCoverage\x12\x1b.rote.v1.GetCoverageRequest\x1a\x1c.rote.v1.GetCoverageResponseb\x06proto3')
_globals = globals()
_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)
_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'rote.v1.cache_service_pb2', _globals)
if not _descriptor._USE_C_DESCRIPTORS:
    DESCRIPTOR._loaded_options = None
    _globals['_STARTRUNREQUEST_PARAMETERSENTRY']._loaded_options = None
    _globals['_STARTRUNREQUEST_PARAMETERSENTRY']._serialized_options = b'8\x01'
    _globals['_RESOLVESCRIPTREQUEST_PARAMETERSENTRY']._loaded_options = None
    _globals['_RESOLVESCRIPTREQUEST_PARAMETERSENTRY']._serialized_options = b'8\x01'
    _globals['_GETRUNRESPONSE_GENERATIONSENTRY']._loaded_options = None
    _globals['_GETRUNRESPONSE_GENERATIONSENTRY']._serialized_options = b'8\x01'
    _globals['_BLOCKCHANGE']._serialized_start = 5052
    _globals['_BLOCKCHANGE']._serialized_end = 5200
    _globals['_PUTWORKFLOWREQUEST']._serialized_start = 138
    _globals['_PUTWORKFLOWREQUEST']._serialized_end = 195
    _globals['_PUTWORKFLOWRESPONSE']._serialized_start = 197
    _globals['_PUTWORKFLOWRESPONSE']._serialized_end = 273
    _globals['_GETWORKFLOWREQUEST']._serialized_start = 275
    _globals['_GETWORKFLOWREQUEST']._serialized_end = 333
    _globals['_GETWORKFLOWRESPONSE']._serialized_start = 335
    _globals['_GETWORKFLOWRESPONSE']._serialized_end = 393
    _globals['_LISTWORKFLOWSREQUEST']._serialized_start = 395
    _globals['_LISTWORKFLOWSREQUEST']._serialized_end = 417
    _globals['_WORKFLOWLISTENTRY']._serialized_start = 419
    _globals['_WORKFLOWLISTENTRY']._serialized_end = 519
    _globals['_LISTWORKFLOWSRESPONSE']._serialized_start = 521
    _globals['_LISTWORKFLOWSRESPONSE']._serialized_end = 591
    _globals['_STARTRUNREQUEST']._serialized_start = 594
    _globals['_STARTRUNREQUEST']._serialized_end = 857
    _globals['_STARTRUNREQUEST_PARAMETERSENTRY']._serialized_start = 808
    _globals['_STARTRUNREQUEST_PARAMETERSENTRY']._serialized_end = 857
    _globals['_STARTRUNRESPONSE']._serialized_start = 859
    _globals['_STARTRUNRESPONSE']._serialized_end = 977
    _globals['_RESOLVESCRIPTREQUEST']._serialized_start = 980
    _globals['_RESOLVESCRIPTREQUEST']._serialized_end = 1141
    _globals['_RESOLVESCRIPTREQUEST_PARAMETERSENTRY']._serialized_start = 808
    _globals['_RESOLVESCRIPTREQUEST_PARAMETERSENTRY']._serialized_end = 857
    _globals['_RESOLVESCRIPTRESPONSE']._serialized_start = 1143
    _globals['_RESOLVESCRIPTRESPONSE']._serialized_end = 1213
    _globals['_RECORDBLOCKRUNREQUEST']._serialized_start = 1215
    _globals['_RECORDBLOCKRUNREQUEST']._serialized_end = 1292
    _globals['_RECORDBLOCKRUNRESPONSE']._serialized_start = 1294
    _globals['_RECORDBLOCKRUNRESPONSE']._serialized_end = 1345
    _globals['_FINISHRUNREQUEST']._serialized_start = 1348
    _globals['_FINISHRUNREQUEST']._serialized_end = 1476
    _globals['_REGENERATIONDECISION']._serialized_start = 1478
    _globals['_REGENERATIONDECISION']._serialized_end = 1587
    _globals['_FINISHRUNRESPONSE']._serialized_start = 1589
    _globals['_FINISHRUNRESPONSE']._serialized_end = 1703
    _globals['_GETRUNREQUEST']._serialized_start = 1705
    _globals['_GETRUNREQUEST']._serialized_end = 1736
    _globals['_GETRUNRESPONSE']._serialized_start = 1739
    _globals['_GETRUNRESPONSE']._serialized_end = 2070
    _globals['_GETRUNRESPONSE_GENERATIONSENTRY']._serialized_start = 2020
    _globals['_GETRUNRESPONSE_GENERATIONSENTRY']._serialized_end = 2070
    _globals['_RUNDRAFT']._serialized_start = 2072
    _globals['_RUNDRAFT']._serialized_end = 2193
    _globals['_LISTRUNSREQUEST']._serialized_start = 2195
    _globals['_LISTRUNSREQUEST']._serialized_end = 2284
    _globals['_RUNLISTENTRY']._serialized_start = 2287
    _globals['_RUNLISTENTRY']._serialized_end = 2745
    _globals['_LISTRUNSRESPONSE']._serialized_start = 2747
    _globals['_LISTRUNSRESPONSE']._serialized_end = 2802
    _globals['_SCRIPTVERSIONINFO']._serialized_start = 2805
    _globals['_SCRIPTVERSIONINFO']._serialized_end = 3013
    _globals['_SCRIPTINFO']._serialized_start = 3016
    _globals['_SCRIPTINFO']._serialized_end = 3231
    _globals['_LISTSCRIPTSREQUEST']._serialized_start = 3233
    _globals['_LISTSCRIPTSREQUEST']._serialized_end = 3274
    _globals['_LISTSCRIPTSRESPONSE']._serialized_start = 3276
    _globals['_LISTSCRIPTSRESPONSE']._serialized_end = 3335
    _globals['_LISTSCRIPTVERSIONSREQUEST']._serialized_start = 3337
    _globals['_LISTSCRIPTVERSIONSREQUEST']._serialized_end = 3383
    _globals['_LISTSCRIPTVERSIONSRESPONSE']._serialized_start = 3385
    _globals['_LISTSCRIPTVERSIONSRESPONSE']._serialized_end = 3496
    _globals['_BLOCKCODE']._serialized_start = 3498
    _globals['_BLOCKCODE']._serialized_end = 3623
    _globals['_GETSCRIPTVERSIONREQUEST']._serialized_start = 3625
    _globals['_GETSCRIPTVERSIONREQUEST']._serialized_end = 3686
    _globals['_GETSCRIPTVERSIONRESPONSE']._serialized_start = 3689
    _globals['_GETSCRIPTVERSIONRESPONSE']._serialized_end = 3854
    _globals['_BLOCKDIFF']._serialized_start = 3857
    _globals['_BLOCKDIFF']._serialized_end = 4005
    _globals['_DIFFSCRIPTVERSIONSREQUEST']._serialized_start = 4007
    _globals['_DIFFSCRIPTVERSIONSREQUEST']._serialized_end = 4095
    _globals['_DIFFSCRIPTVERSIONSRESPONSE']._serialized_start = 4097
    _globals['_DIFFSCRIPTVERSIONSRESPONSE']._serialized_end = 4182
    _globals['_PINSCRIPTVERSIONREQUEST']._serialized_start = 4184
    _globals['_PINSCRIPTVERSIONREQUEST']._serialized_end = 4245
    _globals['_PINSCRIPTVERSIONRESPONSE']._serialized_start = 4247
    _globals['_PINSCRIPTVERSIONRESPONSE']._serialized_end = 4318
    _globals['_UNPINSCRIPTVERSIONREQUEST']._serialized_start = 4320
    _globals['_UNPINSCRIPTVERSIONREQUEST']._serialized_end = 4366
    _globals['_UNPINSCRIPTVERSIONRESPONSE']._serialized_start = 4368
    _globals['_UNPINSCRIPTVERSIONRESPONSE']._serialized_end = 4447
    _globals['_ROLLBACKSCRIPTREQUEST']._serialized_start = 4449
    _globals['_ROLLBACKSCRIPTREQUEST']._serialized_end = 4511
    _globals['_ROLLBACKSCRIPTRESPONSE']._serialized_start = 4513
    _globals['_ROLLBACKSCRIPTRESPONSE']._serialized_end = 4582
    _globals['_BLOCKCOVERAGE']._serialized_start = 4585
    _globals['_BLOCKCOVERAGE']._serialized_end = 4776
    _globals['_CACHEKEYCOVERAGE']._serialized_start = 4778
    _globals['_CACHEKEYCOVERAGE']._serialized_end = 4891
    _globals['_GETCOVERAGEREQUEST']._serialized_start = 4893
    _globals['_GETCOVERAGEREQUEST']._serialized_end = 4953
    _globals['_GETCOVERAGERESPONSE']._serialized_start = 4955
    _globals['_GETCOVERAGERESPONSE']._serialized_end = 5049
    _globals['_CACHESERVICE']._serialized_start = 5203
    _globals['_CACHESERVICE']._serialized_end = 6559