"""The native evaluator of the standard buf.validate rules reports what protovalidate reports, for every request
type of our services (a differential test over seeded random messages), and no request type falls back."""

from __future__ import annotations

import logging
import random

import pytest
from google.protobuf.descriptor import Descriptor

from services.gen.rote.v1 import cache_service_pb2, codegen_service_pb2, executor_service_pb2
from services.security import native_rules, protovalidate_runtime
from services.security.rule_kinds import python_regex, re2_search
from tests.kernel.rule_mutations import random_message

REQUEST_TYPES: list[Descriptor] = sorted(
    {
        method.input_type
        for module in (cache_service_pb2, codegen_service_pb2, executor_service_pb2)
        for service in module.DESCRIPTOR.services_by_name.values()
        for method in service.methods
    },
    key=lambda d: d.full_name,
)
# Enough to break every declared rule kind (asserted below); the comparison costs ~2.5 ms a case.
CASES_PER_TYPE = 40
# The rule kinds our protos declare: the generated cases must break each at least once, or they prove little.
DECLARED_RULE_IDS = {
    "required",
    "string.max_len",
    "string.pattern",
    "int32.gte",
    "int32.gt",
    "int32.gte_lte",
    "int64.gte",
    "double.gte_lte",
    "enum.defined_only",
    "repeated.max_items",
    "map.max_pairs",
}


def _key(violation: object) -> tuple[str, str, str, bool, bool, str]:
    v: object = violation
    return (
        str(v.field).replace("\n", " "),  # type: ignore[attr-defined]
        v.rule_id,  # type: ignore[attr-defined]
        v.message,  # type: ignore[attr-defined]
        v.for_key,  # type: ignore[attr-defined]
        v.HasField("for_key"),  # type: ignore[attr-defined]
        str(v.rule).replace("\n", " "),  # type: ignore[attr-defined]
    )


def test_no_request_type_falls_back_to_protovalidate() -> None:
    """A cel rule or a rule kind the native evaluator lacks sends its message type to protovalidate (about a
    millisecond a rule): correct, but it must be noticed and implemented, not found in a latency graph."""
    falling_back = {d.full_name: native_rules.fallbacks(d) for d in REQUEST_TYPES}
    assert all(not reasons for reasons in falling_back.values()), falling_back
    assert all(native_rules.is_native(d) for d in REQUEST_TYPES)


def test_native_violations_equal_protovalidate_for_random_requests() -> None:
    rng = random.Random(20260517)
    seen_rule_ids: set[str] = set()
    compared = 0
    for descriptor in REQUEST_TYPES:
        for case in range(CASES_PER_TYPE):
            message = random_message(descriptor, rng)
            expected = protovalidate_runtime.collect(message)
            got = native_rules.collect(message)
            # Same violations (field path, rule id, message, rule path), in the same order.
            assert [_key(v) for v in got] == [_key(v) for v in expected], (descriptor.full_name, case, message)
            seen_rule_ids.update(v.rule_id for v in expected)
            compared += 1
    assert compared == len(REQUEST_TYPES) * CASES_PER_TYPE
    assert DECLARED_RULE_IDS <= seen_rule_ids, DECLARED_RULE_IDS - seen_rule_ids


def test_protovalidate_logs_no_cel_trace_under_a_root_logger_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    """celpy traces every CEL step at DEBUG with the message's repr (megabytes a message): a service run at
    DEBUG, or a test session that left the root logger at DEBUG, must not log or keep that per validation."""
    rng = random.Random(7)
    with caplog.at_level(logging.DEBUG):
        for descriptor in REQUEST_TYPES:
            protovalidate_runtime.collect(random_message(descriptor, rng))
        logging.getLogger("services").debug("a debug record of our own still passes")
    assert [r.name for r in caplog.records if r.name.startswith("celpy")] == []
    assert "a debug record of our own still passes" in caplog.messages


@pytest.mark.parametrize(
    "pattern",
    [
        "^[A-Za-z0-9_-]+$", "^[A-Za-z0-9_.-]+$", "^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+$", "^[0-9a-f]{64}$", r"^\d{3}$",
        "a|b(c)?", "^[]a]$",
    ],
)
def test_patterns_translated_to_python_re_match_as_re2_does(pattern: str) -> None:
    import re2

    assert python_regex(pattern) is not None, "our protos' patterns should take the fast path"
    search = re2_search(pattern)
    for probe in [
        "run-1",
        "run-1\n",
        "\nrun-1",
        "a b",
        "",
        "0" * 64,
        "0" * 64 + "\n",
        "f" * 63,
        "٣٣٣",
        "123",
        "a",
        "c",
        "]",
        "ac",
        "é",
        "x.y-z_w",
        "acme/runs/r-1/screenshots/001-fill-fallback.png",
        "acme/runs/",
        "/acme/runs",
        "acme//runs",
        "acme/runs/a b.png",
        "acme/runs/x.png\n",
    ]:
        assert (search(probe) is None) == (re2.search(pattern, probe) is None), (pattern, probe)


@pytest.mark.parametrize("pattern", [r"^\w+$", "[[:alpha:]]", "(?i)abc", r"\bword", r"^\pL+$", "a{,3}"])
def test_patterns_with_differing_meaning_are_not_translated(pattern: str) -> None:
    assert python_regex(pattern) is None
