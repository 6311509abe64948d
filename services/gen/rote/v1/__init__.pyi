from . import cache_service_pb2
from . import codegen_service_pb2
from . import executor_service_pb2
from . import run_pb2
from . import script_pb2
from . import trace_pb2
from . import workflow_pb2
