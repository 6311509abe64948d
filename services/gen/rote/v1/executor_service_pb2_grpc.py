"""Client and server classes corresponding to protobuf-defined services."""
import grpc
import warnings
from ...rote.v1 import executor_service_pb2 as rote_dot_v1_dot_executor__service__pb2
GRPC_GENERATED_VERSION = '1.85.1'
GRPC_VERSION = grpc.__version__
_version_not_supported = False
try:
    from grpc._utilities import first_version_is_lower
    _version_not_supported = first_version_is_lower(GRPC_VERSION, GRPC_GENERATED_VERSION)
except ImportError:
    _version_not_supported = True
if _version_not_supported:
    raise RuntimeError(f'The grpc package installed is at version {GRPC_VERSION},' + ' but the generated code in rote/v1/executor_service_pb2_grpc.py depends on' + f' grpcio>={GRPC_GENERATED_VERSION}.' + f' Please upgrade your grpc module to grpcio>={GRPC_GENERATED_VERSION}' + f' or downgrade your generated code using grpcio-tools<={GRPC_VERSION}.')

class ExecutorServiceStub:
    """ExecutorService runs workflows in a browser, as code where cached.
    """

    def __init__(self, channel):
        """Constructor.

        Args:
            channel: A grpc.Channel.
        """
        self.RunWorkflow = channel.unary_stream('/rote.v1.ExecutorService/RunWorkflow', request_serializer=rote_dot_v1_dot_executor__service__pb2.RunWorkflowRequest.SerializeToString, response_deserializer=rote_dot_v1_dot_executor__service__pb2.RunWorkflowResponse.FromString, _registered_method=True)

class ExecutorServiceServicer:
    """ExecutorService runs workflows in a browser, as code where cached.
    """

    def RunWorkflow(self, request, context):
        """Run a workflow and stream its progress; the last event is run_finished.
        """
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details('Method not implemented!')
        raise NotImplementedError('Method not implemented!')

def add_ExecutorServiceServicer_to_server(servicer, server):
    rpc_method_handlers = {'RunWorkflow': grpc.unary_stream_rpc_method_handler(servicer.RunWorkflow, request_deserializer=rote_dot_v1_dot_executor__service__pb2.RunWorkflowRequest.FromString, response_serializer=rote_dot_v1_dot_executor__service__pb2.RunWorkflowResponse.SerializeToString)}
    generic_handler = grpc.method_handlers_generic_handler('rote.v1.ExecutorService', rpc_method_handlers)
    server.add_generic_rpc_handlers((generic_handler,))
    server.add_registered_method_handlers('rote.v1.ExecutorService', rpc_method_handlers)

class ExecutorService:
    """ExecutorService runs workflows in a browser, as code where cached.
    """

    @staticmethod
    def RunWorkflow(request, target, options=(), channel_credentials=None, call_credentials=None, insecure=False, compression=None, wait_for_ready=None, timeout=None, metadata=None):
        return grpc.experimental.unary_stream(request, target, '/rote.v1.ExecutorService/RunWorkflow', rote_dot_v1_dot_executor__service__pb2.RunWorkflowRequest.SerializeToString, rote_dot_v1_dot_executor__service__pb2.RunWorkflowResponse.FromString, options, channel_credentials, insecure, call_credentials, compression, wait_for_ready, timeout, metadata, _registered_method=True)