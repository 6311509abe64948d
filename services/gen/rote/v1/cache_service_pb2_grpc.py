"""Client and server classes corresponding to protobuf-defined services."""
import grpc
import warnings
from ...rote.v1 import cache_service_pb2 as rote_dot_v1_dot_cache__service__pb2
GRPC_GENERATED_VERSION = '1.85.1'
GRPC_VERSION = grpc.__version__
_version_not_supported = False
try:
    from grpc._utilities import first_version_is_lower
    _version_not_supported = first_version_is_lower(GRPC_VERSION, GRPC_GENERATED_VERSION)
except ImportError:
    _version_not_supported = True
if _version_not_supported:
    raise RuntimeError(f'The grpc package installed is at version {GRPC_VERSION},' + ' but the generated code in rote/v1/cache_service_pb2_grpc.py depends on' + f' grpcio>={GRPC_GENERATED_VERSION}.' + f' Please upgrade your grpc module to grpcio>={GRPC_GENERATED_VERSION}' + f' or downgrade your generated code using grpcio-tools<={GRPC_VERSION}.')

class CacheServiceStub:
    """CacheService owns workflows, runs and scripts, and makes every caching decision.
    """

    def __init__(self, channel):
        """Constructor.

        Args:
            channel: A grpc.Channel.
        """
        self.PutWorkflow = channel.unary_unary('/rote.v1.CacheService/PutWorkflow', request_serializer=rote_dot_v1_dot_cache__service__pb2.PutWorkflowRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.PutWorkflowResponse.FromString, _registered_method=True)
        self.GetWorkflow = channel.unary_unary('/rote.v1.CacheService/GetWorkflow', request_serializer=rote_dot_v1_dot_cache__service__pb2.GetWorkflowRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.GetWorkflowResponse.FromString, _registered_method=True)
        self.ListWorkflows = channel.unary_unary('/rote.v1.CacheService/ListWorkflows', request_serializer=rote_dot_v1_dot_cache__service__pb2.ListWorkflowsRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.ListWorkflowsResponse.FromString, _registered_method=True)
        self.StartRun = channel.unary_unary('/rote.v1.CacheService/StartRun', request_serializer=rote_dot_v1_dot_cache__service__pb2.StartRunRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.StartRunResponse.FromString, _registered_method=True)
        self.ResolveScript = channel.unary_unary('/rote.v1.CacheService/ResolveScript', request_serializer=rote_dot_v1_dot_cache__service__pb2.ResolveScriptRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.ResolveScriptResponse.FromString, _registered_method=True)
        self.RecordBlockRun = channel.unary_unary('/rote.v1.CacheService/RecordBlockRun', request_serializer=rote_dot_v1_dot_cache__service__pb2.RecordBlockRunRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.RecordBlockRunResponse.FromString, _registered_method=True)
        self.FinishRun = channel.unary_unary('/rote.v1.CacheService/FinishRun', request_serializer=rote_dot_v1_dot_cache__service__pb2.FinishRunRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.FinishRunResponse.FromString, _registered_method=True)
        self.GetRun = channel.unary_unary('/rote.v1.CacheService/GetRun', request_serializer=rote_dot_v1_dot_cache__service__pb2.GetRunRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.GetRunResponse.FromString, _registered_method=True)
        self.ListRuns = channel.unary_unary('/rote.v1.CacheService/ListRuns', request_serializer=rote_dot_v1_dot_cache__service__pb2.ListRunsRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.ListRunsResponse.FromString, _registered_method=True)
        self.ListScripts = channel.unary_unary('/rote.v1.CacheService/ListScripts', request_serializer=rote_dot_v1_dot_cache__service__pb2.ListScriptsRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.ListScriptsResponse.FromString, _registered_method=True)
        self.ListScriptVersions = channel.unary_unary('/rote.v1.CacheService/ListScriptVersions', request_serializer=rote_dot_v1_dot_cache__service__pb2.ListScriptVersionsRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.ListScriptVersionsResponse.FromString, _registered_method=True)
        self.GetScriptVersion = channel.unary_unary('/rote.v1.CacheService/GetScriptVersion', request_serializer=rote_dot_v1_dot_cache__service__pb2.GetScriptVersionRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.GetScriptVersionResponse.FromString, _registered_method=True)
        self.DiffScriptVersions = channel.unary_unary('/rote.v1.CacheService/DiffScriptVersions', request_serializer=rote_dot_v1_dot_cache__service__pb2.DiffScriptVersionsRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.DiffScriptVersionsResponse.FromString, _registered_method=True)
        self.PinScriptVersion = channel.unary_unary('/rote.v1.CacheService/PinScriptVersion', request_serializer=rote_dot_v1_dot_cache__service__pb2.PinScriptVersionRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.PinScriptVersionResponse.FromString, _registered_method=True)
        self.UnpinScriptVersion = channel.unary_unary('/rote.v1.CacheService/UnpinScriptVersion', request_serializer=rote_dot_v1_dot_cache__service__pb2.UnpinScriptVersionRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.UnpinScriptVersionResponse.FromString, _registered_method=True)
        self.RollbackScript = channel.unary_unary('/rote.v1.CacheService/RollbackScript', request_serializer=rote_dot_v1_dot_cache__service__pb2.RollbackScriptRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.RollbackScriptResponse.FromString, _registered_method=True)
        self.GetCoverage = channel.unary_unary('/rote.v1.CacheService/GetCoverage', request_serializer=rote_dot_v1_dot_cache__service__pb2.GetCoverageRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.GetCoverageResponse.FromString, _registered_method=True)
        self.ReadRunArtifact = channel.unary_stream('/rote.v1.CacheService/ReadRunArtifact', request_serializer=rote_dot_v1_dot_cache__service__pb2.ReadRunArtifactRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_cache__service__pb2.ReadRunArtifactResponse.FromString, _registered_method=True)

class CacheServiceServicer:
    """CacheService owns workflows, runs and scripts, and makes every caching decision.
    """

    def PutWorkflow(self, request, context):
        """Store a workflow definition; an unchanged definition keeps its version.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def GetWorkflow(self, request, context):
        """Read a workflow definition (latest version unless one is given).
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def ListWorkflows(self, request, context):
        """List the caller's workflows with their latest version.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def StartRun(self, request, context):
        """Start a run: validate parameters, render the cache key, say what is cached.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def ResolveScript(self, request, context):
        """Say which blocks can run as code for a workflow and parameters, without starting a run.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def RecordBlockRun(self, request, context):
        """Record one finished block of a running run, with its actions.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def FinishRun(self, request, context):
        """Finish a run: decide whether to regenerate, and publish the new version if so.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def GetRun(self, request, context):
        """Read a run with its block runs, its pending draft and its code generation counts.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def ListRuns(self, request, context):
        """List recent runs of a workflow (or of every workflow), newest first, with per-mode block counts.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def ListScripts(self, request, context):
        """List the scripts of a workflow (one per cache key) with their current and pinned versions.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def ListScriptVersions(self, request, context):
        """List every version of a script, newest first.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def GetScriptVersion(self, request, context):
        """Show one version of a script: its module and each block's code, read from object storage.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def DiffScriptVersions(self, request, context):
        """Compare two versions of a script block by block, as unified diffs.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def PinScriptVersion(self, request, context):
        """Pin a version: runs use it and regeneration never replaces it until it is unpinned.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def UnpinScriptVersion(self, request, context):
        """Unpin a script: runs use its newest published version again and regeneration resumes.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def RollbackScript(self, request, context):
        """Roll back: publish version N+1 whose blocks and files are those of an earlier version.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def GetCoverage(self, request, context):
        """Say, per block and cache key, whether it is cached and how often it hit, missed and fell back.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

    def ReadRunArtifact(self, request, context):
        """Read one file a run left in object storage (a screenshot, a downloaded file, a large output), in chunks.
        Only keys under "<caller's organisation>/runs/<run_id>/" of one of the caller's runs can be read.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

def add_CacheServiceServicer_to_server(servicer, server):
    rpc_method_handlers = {'PutWorkflow': grpc.unary_unary_rpc_method_handler(servicer.PutWorkflow, request_deserializer=rote_dot_v1_dot_cache__service__pb2.PutWorkflowRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.PutWorkflowResponse.SerializeToString), 'GetWorkflow': grpc.unary_unary_rpc_method_handler(servicer.GetWorkflow, request_deserializer=rote_dot_v1_dot_cache__service__pb2.GetWorkflowRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.GetWorkflowResponse.SerializeToString), 'ListWorkflows': grpc.unary_unary_rpc_method_handler(servicer.ListWorkflows, request_deserializer=rote_dot_v1_dot_cache__service__pb2.ListWorkflowsRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.ListWorkflowsResponse.SerializeToString), 'StartRun': grpc.unary_unary_rpc_method_handler(servicer.StartRun, request_deserializer=rote_dot_v1_dot_cache__service__pb2.StartRunRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.StartRunResponse.SerializeToString), 'ResolveScript': grpc.unary_unary_rpc_method_handler(servicer.ResolveScript, request_deserializer=rote_dot_v1_dot_cache__service__pb2.ResolveScriptRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.ResolveScriptResponse.SerializeToString), 'RecordBlockRun': grpc.unary_unary_rpc_method_handler(servicer.RecordBlockRun, request_deserializer=rote_dot_v1_dot_cache__service__pb2.RecordBlockRunRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.RecordBlockRunResponse.SerializeToString), 'FinishRun': grpc.unary_unary_rpc_method_handler(servicer.FinishRun, request_deserializer=rote_dot_v1_dot_cache__service__pb2.FinishRunRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.FinishRunResponse.SerializeToString), 'GetRun': grpc.unary_unary_rpc_method_handler(servicer.GetRun, request_deserializer=rote_dot_v1_dot_cache__service__pb2.GetRunRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.GetRunResponse.SerializeToString), 'ListRuns': grpc.unary_unary_rpc_method_handler(servicer.ListRuns, request_deserializer=rote_dot_v1_dot_cache__service__pb2.ListRunsRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.ListRunsResponse.SerializeToString), 'ListScripts': grpc.unary_unary_rpc_method_handler(servicer.ListScripts, request_deserializer=rote_dot_v1_dot_cache__service__pb2.ListScriptsRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.ListScriptsResponse.SerializeToString), 'ListScriptVersions': grpc.unary_unary_rpc_method_handler(servicer.ListScriptVersions, request_deserializer=rote_dot_v1_dot_cache__service__pb2.ListScriptVersionsRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.ListScriptVersionsResponse.SerializeToString), 'GetScriptVersion': grpc.unary_unary_rpc_method_handler(servicer.GetScriptVersion, request_deserializer=rote_dot_v1_dot_cache__service__pb2.GetScriptVersionRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.GetScriptVersionResponse.SerializeToString), 'DiffScriptVersions': grpc.unary_unary_rpc_method_handler(servicer.DiffScriptVersions, request_deserializer=rote_dot_v1_dot_cache__service__pb2.DiffScriptVersionsRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.DiffScriptVersionsResponse.SerializeToString), 'PinScriptVersion': grpc.unary_unary_rpc_method_handler(servicer.PinScriptVersion, request_deserializer=rote_dot_v1_dot_cache__service__pb2.PinScriptVersionRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.PinScriptVersionResponse.SerializeToString), 'UnpinScriptVersion': grpc.unary_unary_rpc_method_handler(servicer.UnpinScriptVersion, request_deserializer=rote_dot_v1_dot_cache__service__pb2.UnpinScriptVersionRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.UnpinScriptVersionResponse.SerializeToString), 'RollbackScript': grpc.unary_unary_rpc_method_handler(servicer.RollbackScript, request_deserializer=rote_dot_v1_dot_cache__service__pb2.RollbackScriptRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.RollbackScriptResponse.SerializeToString), 'GetCoverage': grpc.unary_unary_rpc_method_handler(servicer.GetCoverage, request_deserializer=rote_dot_v1_dot_cache__service__pb2.GetCoverageRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.GetCoverageResponse.SerializeToString), 'ReadRunArtifact': grpc.unary_stream_rpc_method_handler(servicer.ReadRunArtifact, request_deserializer=rote_dot_v1_dot_cache__service__pb2.ReadRunArtifactRequest.FromString, response_serializer=rote_dot_v1_dot_cache__service__pb2.ReadRunArtifactResponse.SerializeToString)}
    generic_handler = grpc.method_handlers_generic_handler('rote.v1.CacheService', rpc_method_handlers)
    server.add_generic_rpc_handlers((generic_handler,))
    server.add_registered_method_handlers('rote.v1.CacheService', rpc_method_handlers)

class CacheService:
    """CacheService owns workflows, runs and scripts, and makes every caching decision.
    """

    @staticmethod
    def PutWorkflow(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/PutWorkflow', rote_dot_v1_dot_cache__service__pb2.PutWorkflowRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.PutWorkflowResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def GetWorkflow(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/GetWorkflow', rote_dot_v1_dot_cache__service__pb2.GetWorkflowRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.GetWorkflowResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def ListWorkflows(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/ListWorkflows', rote_dot_v1_dot_cache__service__pb2.ListWorkflowsRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.ListWorkflowsResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def StartRun(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/StartRun', rote_dot_v1_dot_cache__service__pb2.StartRunRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.StartRunResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def ResolveScript(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/ResolveScript', rote_dot_v1_dot_cache__service__pb2.ResolveScriptRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.ResolveScriptResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def RecordBlockRun(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/RecordBlockRun', rote_dot_v1_dot_cache__service__pb2.RecordBlockRunRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.RecordBlockRunResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def FinishRun(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/FinishRun', rote_dot_v1_dot_cache__service__pb2.FinishRunRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.FinishRunResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def GetRun(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/GetRun', rote_dot_v1_dot_cache__service__pb2.GetRunRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.GetRunResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def ListRuns(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/ListRuns', rote_dot_v1_dot_cache__service__pb2.ListRunsRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.ListRunsResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def ListScripts(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/ListScripts', rote_dot_v1_dot_cache__service__pb2.ListScriptsRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.ListScriptsResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def ListScriptVersions(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/ListScriptVersions', rote_dot_v1_dot_cache__service__pb2.ListScriptVersionsRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.ListScriptVersionsResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def GetScriptVersion(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/GetScriptVersion', rote_dot_v1_dot_cache__service__pb2.GetScriptVersionRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.GetScriptVersionResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def DiffScriptVersions(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/DiffScriptVersions', rote_dot_v1_dot_cache__service__pb2.DiffScriptVersionsRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.DiffScriptVersionsResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def PinScriptVersion(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/PinScriptVersion', rote_dot_v1_dot_cache__service__pb2.PinScriptVersionRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.PinScriptVersionResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def UnpinScriptVersion(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/UnpinScriptVersion', rote_dot_v1_dot_cache__service__pb2.UnpinScriptVersionRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.UnpinScriptVersionResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def RollbackScript(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/RollbackScript', rote_dot_v1_dot_cache__service__pb2.RollbackScriptRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.RollbackScriptResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def GetCoverage(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_unary(request, target, '/rote.v1.CacheService/GetCoverage', rote_dot_v1_dot_cache__service__pb2.GetCoverageRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.GetCoverageResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)

    @staticmethod
    def ReadRunArtifact(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_stream(request, target, '/rote.v1.CacheService/ReadRunArtifact', rote_dot_v1_dot_cache__service__pb2.ReadRunArtifactRequest.SerializeToString, rote_dot_v1_dot_cache__service__pb2.ReadRunArtifactResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)