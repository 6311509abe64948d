"""protovalidate itself: the reference for the native evaluator and the path for rules it does not implement."""

from __future__ import annotations

import logging
import sys

from google.protobuf.message import Message

from services.gen import buf as _buf_package
from services.gen.buf import validate as _validate_package
from services.gen.buf.validate import validate_pb2

# protovalidate 1.x imports its rule messages as the top-level module buf.validate.validate_pb2, which its wheel
# does not ship. Ours is generated from the same vendored proto (protos/buf/validate); registering it under that
# name keeps one copy of buf/validate/validate.proto in the descriptor pool and needs no registry.
sys.modules.setdefault("buf", _buf_package)
sys.modules.setdefault("buf.validate", _validate_package)
sys.modules.setdefault("buf.validate.validate_pb2", validate_pb2)

import protovalidate  # noqa: E402 - needs the aliases above

# celpy, the CEL interpreter protovalidate runs, logs each evaluation step at DEBUG with the repr of its activation
# (the message being validated, values and all): about 800 records and 2 MB of text per message. Under a root
# logger at DEBUG (ROTE_LOG_LEVEL=DEBUG, or a test session that captured logs at DEBUG) that is megabytes of log
# per request, kept by any handler that keeps records, and request values in the log. Its warnings still pass.
logging.getLogger("celpy").setLevel(logging.WARNING)

_validator = protovalidate.Validator()


def collect(message: Message) -> list[validate_pb2.Violation]:
    """protovalidate's violations for ``message`` (every rule as a CEL program: about a millisecond each)."""
    return [violation.proto for violation in _validator.collect_violations(message)]
