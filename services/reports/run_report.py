"""Builds the HTML report of one run from its records (GetRun), screenshots and the code of each block."""

from __future__ import annotations

import base64
from collections.abc import Mapping

from jinja2 import Environment, PackageLoader, select_autoescape

from services.enum_labels import enum_label
from services.gen.rote.v1 import run_pb2, trace_pb2

_ENV = Environment(loader=PackageLoader("services.reports", "."), autoescape=select_autoescape(["html", "j2"]))


def render_run_report(
    summary: run_pb2.RunSummary,
    block_runs: list[run_pb2.BlockRun],
    *,
    screenshots: Mapping[str, bytes] | None = None,
    unavailable: Mapping[str, str] | None = None,
    code: Mapping[str, str] | None = None,
) -> str:
    """A self-contained HTML page (styles inline, screenshots as data URIs); secret values are never recorded.

    A block whose run recorded a screenshot that is not in ``screenshots`` says so, with the reason from
    ``unavailable`` (keyed like ``screenshots``) when there is one: a screenshot is never dropped silently.
    """
    screenshots = screenshots or {}
    unavailable = unavailable or {}
    code = code or {}
    blocks = []
    for record in sorted(block_runs, key=lambda r: r.sequence):
        shot = screenshots.get(record.screenshot_key) if record.screenshot_key else None
        blocks.append(
            {
                "label": record.label,
                "mode": enum_label(run_pb2.BlockMode, record.mode, "BLOCK_MODE_"),
                "status": enum_label(run_pb2.BlockStatus, record.status, "BLOCK_STATUS_"),
                "reason": record.reason,
                "duration_ms": record.duration_ms,
                "agent_steps": record.agent_steps,
                "healed_actions": record.healed_actions,
                "actions": [
                    {
                        "kind": enum_label(trace_pb2.ActionType, action.type, "ACTION_TYPE_"),
                        "intent": action.intent,
                        "value": action.value or (f"{{{{ {action.parameter_key} }}}}" if action.parameter_key else ""),
                        "check": _postcondition_text(action),
                        "verified": action.postcondition.verified or not action.HasField("postcondition"),
                    }
                    for action in record.trace.actions
                ],
                "screenshot": base64.b64encode(shot).decode() if shot else "",
                "screenshot_missing": (
                    unavailable.get(record.screenshot_key) or "it could not be read"
                    if record.screenshot_key and not shot
                    else ""
                ),
                "screenshot_key": record.screenshot_key,
                "code": code.get(record.label, ""),
            }
        )
    return _ENV.get_template("run_report.html.j2").render(
        summary=summary, blocks=blocks, status=enum_label(run_pb2.RunStatus, summary.status, "RUN_STATUS_")
    )


def _postcondition_text(action: trace_pb2.Action) -> str:
    """The action's postcondition in words (issue 13): the effect seen, or what was expected and what showed."""
    if not action.HasField("postcondition"):
        return ""
    post = action.postcondition
    effect = enum_label(trace_pb2.ClickEffect, post.effect, "CLICK_EFFECT_") if post.effect else ""
    if post.verified:
        return f"verified{' (' + effect + ')' if effect else ''}"
    return f"not verified: expected {post.expected or 'an effect'}, saw {post.observed or effect or 'nothing'}"
