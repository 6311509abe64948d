"""What a recorded action and a replay message keep of a value: the literal or its parameter key, never a secret."""

from __future__ import annotations

from executor_service.runtime.context import RunContext


def value_fields(ctx: RunContext, value: object) -> tuple[str, str]:
    """(literal, parameter_key) for a recorded value; secret values are never kept."""
    key = getattr(value, "key", "")
    text = str(value)
    if key:
        return ("" if key in ctx.secret_keys else text), key
    for secret_key in ctx.secret_keys:
        secret = ctx.parameters.get(secret_key, "")
        if secret and secret in text:
            return "", (secret_key if secret == text else "")
    return text, ""


def is_secret(ctx: RunContext, value: object) -> bool:
    """Whether a value is (or holds) one of the run's secrets."""
    return not value_fields(ctx, value)[0] and bool(str(value))


def shown_value(ctx: RunContext, value: object) -> str:
    """A value as a message may show it: quoted, or "a secret value"."""
    return "a secret value" if is_secret(ctx, value) else repr(str(value))


def without_secrets(ctx: RunContext, text: str) -> str:
    """``text``, or nothing when it holds one of the run's secrets: a secret never reaches a record."""
    secrets = (ctx.parameters.get(key, "") for key in ctx.secret_keys)
    return "" if any(secret and secret in text for secret in secrets) else text
