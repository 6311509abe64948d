"""The completion/termination criterion grammar: ``url:``, ``text:``, ``selector:``, ``absent:``, ``value:``."""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("url", "text", "selector", "absent", "value")
_PREFIX = re.compile(r"^\s*(url|text|selector|absent|value)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Criterion:
    """One parsed criterion. ``target`` is the regex, text or CSS selector; ``expected`` the value for ``value:``;
    ``plain`` when it was written without a prefix: a statement, shown literally or said in the page's words."""

    kind: str
    target: str
    expected: str = ""
    plain: bool = False

    def describe(self) -> str:
        if self.kind == "value":
            return f"value of {self.target!r} is {self.expected!r}"
        return {
            "url": f"url matches {self.target!r}",
            "text": f"text {self.target!r} is visible",
            "selector": f"{self.target!r} is present and visible",
            "absent": f"{self.target!r} is gone",
        }[self.kind]


def parse_criterion(text: str) -> Criterion | None:
    """The criterion ``text`` declares (plain text is a ``text:`` marked ``plain``: a statement the executor also
    accepts in the page's own words, ``executor_service/browser/statements.py``); None when empty.

    ``value:<css>=<expected>`` splits at the first ``=`` that is outside square brackets, so attribute selectors
    such as ``input[name=zip]=12345`` work.
    """
    text = text.strip()
    if not text:
        return None
    match = _PREFIX.match(text)
    if match is None:
        return Criterion("text", text, plain=True)
    kind, rest = match.group(1).lower(), text[match.end():].strip()
    if kind != "value":
        return Criterion(kind, rest)
    depth = 0
    for index, char in enumerate(rest):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char == "=" and depth == 0:
            return Criterion("value", rest[:index].strip(), rest[index + 1:].strip())
    return Criterion("value", rest, "")


def criterion_problem(text: str, where: str) -> str:
    """What is wrong with a declared criterion ('' when nothing, or when it is a template rendered at run time)."""
    if "{{" in text or "{%" in text:
        return ""
    criterion = parse_criterion(text)
    if criterion is None:
        return ""
    if not criterion.target:
        return f"{where} {criterion.kind}: has nothing after the colon"
    if criterion.kind == "url":
        try:
            re.compile(criterion.target)
        except re.error as exc:
            return f"{where} url: {criterion.target!r} is not a valid regular expression ({exc})"
    if criterion.kind == "value" and "=" not in text.split(":", 1)[1]:
        return f"{where} value: must be value:<css selector>=<expected value>"
    return ""
