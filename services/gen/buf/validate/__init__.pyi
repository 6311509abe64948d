from . import validate_pb2
