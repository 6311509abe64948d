"""The one redaction point for what leaves the executor: secret parameter values (and values derived from them,
such as the items of a loop over a secret list) are replaced by ``{{ key }}`` in every string of every event,
record, error and output, in the forms they travel in (plain, URL-encoded, JSON-escaped, quoted, HTML-escaped).

Also a process-wide log record factory, so no log line of any logger carries a running run's secret.
"""

from __future__ import annotations

import html
import json
import logging
import threading
import weakref
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote, quote_plus

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

M = TypeVar("M", bound=Message)

# Substrings shorter than this are only redacted where a whole field equals them: redacting a one- or
# two-character secret inside every text would garble the records without hiding anything.
MIN_SUBSTRING = 3
# Identity fields: they name things (a label, a parameter key, an object key), never hold typed values, and the
# cache service matches them exactly.
IDENTITY_FIELDS = frozenset(
    {
        "label", "run_id", "workflow_id", "script_id", "parameter_key", "screenshot_key", "storage_key", "sha256",
        "cache_key", "next_block_label", "source_run_id", "run_signature", "path", "file_path", "key",
    }
)

# Lengths at which error messages commonly cut what they quote; only secrets longer than the shortest are cut.
PREFIX_LENGTHS = (40, 50, 60, 77, 80, 100, 200)
# Fields dropped whole when they hold a secret: a loop item from a secret list is not kept at all.
DROPPED_WHEN_SECRET = frozenset({"loop_item_json"})


def _forms(value: str) -> set[str]:
    """The spellings a value takes on its way out: as typed, in a URL, in JSON, in a repr, in HTML."""
    return {
        value,
        quote(value, safe=""),
        quote(value),
        quote_plus(value),
        json.dumps(value)[1:-1],
        json.dumps(value, ensure_ascii=False)[1:-1],
        repr(value)[1:-1],
        html.escape(value),
    }


class Redactor:
    """Knows one run's secrets (by parameter key) and removes them from strings, JSON values and messages."""

    def __init__(self, secrets: Mapping[str, str]) -> None:
        self._exact: dict[str, str] = {}
        self._substrings: list[tuple[str, str]] = []
        for key, value in secrets.items():
            self.add(key, value)
        _ACTIVE.add(self)

    def add(self, key: str, value: str) -> None:
        """Redact ``value`` too (a value derived from secret ``key``), in every form it travels in."""
        if not value:
            return
        placeholder = "{{ " + key + " }}"
        # A long secret is also removed where a message quotes only its start (``value[:80]!r`` and the like).
        prefixes = {value[:n] for n in PREFIX_LENGTHS if len(value) > n}
        for form in _forms(value) | prefixes:
            self._exact.setdefault(form, placeholder)
            if len(form) >= MIN_SUBSTRING and all(form != known for known, _ in self._substrings):
                self._substrings.append((form, placeholder))
        # Longest first, so a secret that contains another is replaced whole.
        self._substrings.sort(key=lambda pair: len(pair[0]), reverse=True)

    def add_derived(self, key: str, value: Any) -> None:
        """Redact every string (and number) inside a value computed from secret ``key`` (a loop item, say)."""
        if isinstance(value, Mapping):
            for inner in value.values():
                self.add_derived(key, inner)
        elif isinstance(value, list | tuple):
            for inner in value:
                self.add_derived(key, inner)
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            self.add(key, str(value))
            if not isinstance(value, str):
                return
            self.add(key, json.dumps(value))

    @property
    def active(self) -> bool:
        return bool(self._exact)

    def text(self, value: str) -> str:
        if not self._exact or not value:
            return value
        if value in self._exact:
            return self._exact[value]
        for secret, placeholder in self._substrings:
            if secret in value:
                value = value.replace(secret, placeholder)
        return value

    def data(self, value: Any) -> Any:
        """A JSON-like value with every string redacted (keys included)."""
        if isinstance(value, Mapping):
            return {self.text(str(k)): self.data(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def message(self, message: M) -> M:
        """Redact every string field of ``message`` in place (nested messages, lists and maps too); returns it."""
        if not self._exact:
            return message
        for field, value in message.ListFields():
            if field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type is not None:
                if field.message_type.GetOptions().map_entry:
                    self._map(field, value)
                elif field.is_repeated:
                    for inner in value:
                        self.message(inner)
                else:
                    self.message(value)
            elif field.type == FieldDescriptor.TYPE_STRING and field.name not in IDENTITY_FIELDS:
                if field.is_repeated:
                    value[:] = [self.text(v) for v in value]
                elif field.name in DROPPED_WHEN_SECRET and self.text(value) != value:
                    message.ClearField(field.name)
                else:
                    setattr(message, field.name, self.text(value))
        return message

    def _map(self, field: FieldDescriptor, value: Any) -> None:
        assert field.message_type is not None  # a map field's entry type
        value_field = field.message_type.fields_by_name["value"]
        if value_field.type == FieldDescriptor.TYPE_MESSAGE:
            for inner in value.values():
                self.message(inner)
        elif value_field.type == FieldDescriptor.TYPE_STRING:
            for map_key in list(value.keys()):
                value[map_key] = self.text(value[map_key])

    def close(self) -> None:
        """The run is over: its secrets no longer need removing from log lines."""
        _ACTIVE.discard(self)


_ACTIVE: weakref.WeakSet[Redactor] = weakref.WeakSet()
_installed = threading.Lock()
_factory_installed = False


def redact_log_text(text: str) -> str:
    """``text`` with the secrets of every run in progress removed."""
    for redactor in list(_ACTIVE):
        text = redactor.text(text)
    return text


def install_log_redaction() -> None:
    """Make every log record (any logger, any handler) carry no secret of a run in progress; idempotent.

    The hook is ``Logger.makeRecord``: a record factory runs before ``extra`` fields are attached, and handler
    filters only guard the handlers they are added to.
    """
    global _factory_installed
    with _installed:
        if _factory_installed:
            return
        original = logging.Logger.makeRecord

        def make_record(self: logging.Logger, *args: Any, **kwargs: Any) -> logging.LogRecord:
            record = original(self, *args, **kwargs)
            if _ACTIVE:
                _redact_record(record)
            return record

        logging.Logger.makeRecord = make_record  # type: ignore[method-assign]
        _factory_installed = True


def _redact_record(record: logging.LogRecord) -> None:
    try:
        record.msg = redact_log_text(record.getMessage())
        record.args = None
    except (TypeError, ValueError):
        return  # a malformed format string: logging itself reports it
    for name, value in list(vars(record).items()):
        if name not in _STANDARD and isinstance(value, str):
            setattr(record, name, redact_log_text(value))
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = redact_log_text(logging.Formatter().formatException(record.exc_info))
        record.exc_info = None


_STANDARD = frozenset(vars(logging.LogRecord("x", 0, "x", 0, "x", None, None))) | {"message", "asctime"}


def secret_values(parameters: Mapping[str, str], secret_keys: Iterable[str]) -> dict[str, str]:
    return {key: parameters[key] for key in secret_keys if parameters.get(key)}
