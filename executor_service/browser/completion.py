"""Block completion (issue 13): declared criteria, visible validation errors, and the verdict on a finished block
(completed, failed or unverified), the same in agent mode and in code mode, with no model call."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Frame, Page
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from executor_service.browser.click_watch import CONCLUSIVE, appeared_texts, effect_name, watched_frame
from executor_service.browser.page_events import page_events
from executor_service.browser.value_checks import value_matches
from services.booleans import CHECKED_WORDS, FALSE_WORDS
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from services.workflows.criteria import Criterion, parse_criterion

AT = trace_pb2.ActionType
BT = workflow_pb2.BlockType
CE = trace_pb2.ClickEffect
# Frames a criterion is looked for in: the page and its first iframes (ads and trackers beyond do not matter).
_MAX_FRAMES = 12
# Actions that enter a value into the page (the one list: recording, replay and the agent use it too).
VALUE_ACTIONS = frozenset(
    {AT.ACTION_TYPE_TYPE, AT.ACTION_TYPE_SELECT_OPTION, AT.ACTION_TYPE_CHECK, AT.ACTION_TYPE_UNCHECK,
     AT.ACTION_TYPE_UPLOAD_FILE, AT.ACTION_TYPE_PICK_DATE}
)
# Actions after which the page is expected to show something new.
EFFECT_ACTIONS = frozenset({AT.ACTION_TYPE_CLICK, AT.ACTION_TYPE_PRESS_KEY, AT.ACTION_TYPE_DOWNLOAD,
                            AT.ACTION_TYPE_GOTO})
# Words of an error message a page shows next to a form it refused.
ERROR_WORDS = re.compile(
    r"\b(errors?|invalid|required|incorrect|failed|declined|denied|rejected|not valid|must be|must contain|"
    r"please (?:enter|fill|select|correct|provide|choose|check)|too (?:short|long)|does not match|"
    r"do not match|try again|unable to|wrong|missing)\b",
    re.IGNORECASE,
)

# Errors a page shows: aria-invalid fields, fields of the submitted form the browser finds :invalid (it then
# refused to submit), and alerts; each with its own text.
_ERRORS_JS = """
() => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const shown = (n) => { if (!n.isConnected) return false; const r = n.getBoundingClientRect();
    const s = getComputedStyle(n); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
  const state = window.__roteWatch;
  const touched = state ? state.touched : [];
  // On a document no click watch saw load (a form post answered with a new page) every message is new.
  const related = (n) => !state || touched.some((t) => t && (n.contains(t) || t.contains(n)));
  const name = (el) => norm((el.labels && el.labels[0] && el.labels[0].innerText) || el.getAttribute('aria-label')
    || el.name || el.id || el.tagName.toLowerCase());
  const out = [];
  // The document and the open shadow roots the clicked element sat in (a form inside a web component).
  const scopes = [document, ...((state && state.roots) || [])];
  const all = (sel) => scopes.flatMap((scope) => Array.from(scope.querySelectorAll(sel)));
  for (const el of all('[aria-invalid=true]')) {
    if (!shown(el)) continue;
    const ids = (el.getAttribute('aria-errormessage') || el.getAttribute('aria-describedby') || '').split(/\\s+/);
    const root = el.getRootNode();
    const msg = ids.map((id) => id && root.getElementById(id)).filter((n) => n && shown(n))
      .map((n) => norm(n.innerText)).join(' ');
    out.push(`${name(el)} is marked invalid${msg ? ': ' + msg : ''}`);
  }
  const form = state && state.form && state.form.isConnected ? state.form : null;
  if (form && shown(form)) {
    for (const el of form.querySelectorAll('input,select,textarea')) {
      if (shown(el) && el.willValidate && !el.checkValidity()) {
        out.push(`${name(el)}: ${el.validationMessage || 'invalid'}`);
      }
    }
  }
  // Alerts, and elements styled as errors (class names say error/danger/invalid), that are new.
  const errorish = '[role=alert],[aria-live=assertive],[class*="error" i],[class*="danger" i],.invalid-feedback';
  for (const el of all(errorish)) {
    if (/^(INPUT|SELECT|TEXTAREA|FORM|BODY|MAIN)$/.test(el.tagName)) continue;
    const text = norm(el.innerText);
    if (text && text.length <= 300 && shown(el) && related(el)) out.push(text);
  }
  return Array.from(new Set(out)).slice(0, 10);
}
"""
# An enabled, visible "next page" control: a table read from this page alone may be missing rows.
_NEXT_PAGE_JS = """
() => {
  const shown = (n) => { const r = n.getBoundingClientRect(); const s = getComputedStyle(n);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
  const off = (n) => n.disabled || n.getAttribute('aria-disabled') === 'true' || /disabled/i.test(n.className || '');
  // Words of a next-page control once arrows and punctuation are set aside ("Next ›", "» More", "Older posts").
  const words = /^(next|next page|more|load more|show more|see more|view more|older|older posts|more results)$/i;
  const arrows = /^[›»>→⟩❯]+$/;
  for (const n of document.querySelectorAll('a[rel~=next],a,button,[role=button],[role=link]')) {
    const name = (n.getAttribute('aria-label') || n.innerText || '').replace(/\\s+/g, ' ').trim();
    const bare = name.replace(/[^\\p{L}\\p{N} ]+/gu, ' ').replace(/\\s+/g, ' ').trim();
    const next = n.matches('a[rel~=next]') || words.test(bare) || arrows.test(name.replace(/\\s+/g, ''));
    if (next && shown(n) && !off(n)) return name || 'next';
  }
  return '';
}
"""
_VALUE_OF_JS = """
(sel) => { const el = document.querySelector(sel); if (!el) return null;
  return el.isContentEditable ? el.innerText : (el.value ?? el.innerText ?? ''); }
"""
_TEXT_OF_JS = """
(el) => { let n = el; for (let i = 0; i < 3 && n.parentElement && (n.innerText || '').length < 20; i++)
  n = n.parentElement; return (n.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 300); }
"""


async def validation_errors(page: Page) -> list[str]:
    """Validation errors visible now on the form last submitted (or anywhere, for aria-invalid fields), in the
    main document and in the frame of the last click (a form inside an iframe)."""
    errors: list[str] = []
    for frame in dict.fromkeys((page.main_frame, watched_frame(page))):
        try:
            errors.extend(str(e) for e in await frame.evaluate(_ERRORS_JS))
        except PlaywrightError:
            continue
    _, appeared = await appeared_texts(page)
    errors.extend(text for text in appeared if ERROR_WORDS.search(text) and len(text) <= 300)
    return list(dict.fromkeys(errors))[:10]


async def criterion_holds(page: Page, criterion: Criterion | str, *, wait_ms: float = 0) -> bool:
    """Whether the criterion holds now (or within ``wait_ms``, waiting on the page's own events)."""
    parsed = parse_criterion(criterion) if isinstance(criterion, str) else criterion
    if parsed is None:
        return True
    timeout = max(1.0, wait_ms)
    try:
        if parsed.kind == "url":
            pattern = re.compile(parsed.target)
            if pattern.search(page.url) or not wait_ms:
                return bool(pattern.search(page.url))
            await page.wait_for_url(pattern, timeout=timeout)
            return True
        if parsed.kind in ("text", "selector", "absent"):
            return await _shown_in_frames(page, parsed, wait_ms, timeout)
        if parsed.kind == "value":
            if not wait_ms:
                held = await page.evaluate(_VALUE_OF_JS, parsed.target)
                return held is not None and value_matches(parsed.expected, str(held))
            await page.wait_for_function(
                "([sel, want]) => { const el = document.querySelector(sel); if (!el) return false;"
                " const v = el.isContentEditable ? el.innerText : (el.value ?? el.innerText ?? '');"
                " return String(v).trim() === want.trim(); }",
                arg=[parsed.target, parsed.expected],
                timeout=timeout,
            )
            return True
    except PlaywrightTimeoutError:
        # A value:: criterion may hold up to normalisation (a mask, a date input's ISO value).
        if parsed.kind == "value":
            return await criterion_holds(page, parsed, wait_ms=0)
        return False
    except (PlaywrightError, re.error):
        return False
    return False


def _css_or_text(page: Page | Frame, target: str):  # type: ignore[no-untyped-def]
    """A selector: CSS when it parses as one the page accepts, else visible text (``absent:Loading...``)."""
    if re.search(r"[#.\[\]>:=]|^[a-z][a-z0-9-]*$", target):
        return page.locator(target)
    return page.get_by_text(target)


def _criterion_locator(where: Page | Frame, parsed: Criterion):  # type: ignore[no-untyped-def]
    return where.get_by_text(parsed.target) if parsed.kind == "text" else _css_or_text(where, parsed.target)


async def _shown_in_frames(page: Page, parsed: Criterion, wait_ms: float, limit_ms: float) -> bool:
    """text:/selector: hold when shown in any frame (a form inside an iframe says its thanks there); absent:
    holds when shown in none. With ``wait_ms``, the frames' own waits race each other."""
    frames = [f for f in page.frames if not f.is_detached()][:_MAX_FRAMES]
    locators = [_criterion_locator(frame, parsed).first for frame in frames]
    if not wait_ms:
        visible = False
        for locator in locators:
            try:
                visible = await locator.is_visible()
            except PlaywrightError:
                continue
            if visible:
                break
        return not visible if parsed.kind == "absent" else visible
    state: Literal["hidden", "visible"] = "hidden" if parsed.kind == "absent" else "visible"
    if parsed.kind == "absent":  # gone from every frame
        for locator in locators:
            await locator.wait_for(state=state, timeout=limit_ms)
        return True
    waits = [asyncio.ensure_future(locator.wait_for(state=state, timeout=limit_ms)) for locator in locators]
    try:
        for finished in asyncio.as_completed(waits):
            try:
                await finished
                return True
            except PlaywrightError:
                continue
        return False
    finally:
        for wait in waits:
            wait.cancel()
        await asyncio.gather(*waits, return_exceptions=True)


async def termination_message(page: Page, criterion: str) -> str:
    """When the termination criterion holds: the page's own message (the matched text in its context)."""
    parsed = parse_criterion(criterion)
    if parsed is None or not await criterion_holds(page, parsed):
        return ""
    if parsed.kind in ("text", "selector"):
        text = ""
        for frame in [f for f in page.frames if not f.is_detached()][:_MAX_FRAMES]:
            locator = _criterion_locator(frame, parsed).first
            try:
                if await locator.is_visible():
                    text = str(await locator.evaluate(_TEXT_OF_JS))
                    break
            except PlaywrightError:
                continue
        return text or parsed.target
    if parsed.kind == "url":
        return f"the page went to {page.url}"
    return parsed.describe()


# --- the verdict ---------------------------------------------------------------------------------


@dataclass
class Verdict:
    """How a block that ran without error ended: completed, failed or unverified, with the evidence."""

    status: str  # "completed" | "failed" | "unverified"
    reason: str = ""
    evidence: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "completed"


@dataclass
class BlockFacts:
    """What the judge looks at: the block, its actions, and what the page showed around them."""

    block: workflow_pb2.Block
    actions: list[trace_pb2.Action]
    payload: Mapping[str, tuple[str, str]]  # key -> (rendered value, whole parameter key or '')
    start_url: str
    completion: str = ""  # the rendered completion criterion
    termination: str = ""  # the rendered termination criterion
    keys_not_needed: Mapping[str, str] = field(default_factory=dict)
    output_valid: bool = False  # extracted data validated against the block's schema
    downloaded: bool = False
    check_payload: bool = True
    # Parameter values the rendered goal names, and whether the goal quotes them ("Click the 'Export' button"):
    # a quoted one must be the very name of what was acted on, an unquoted one must show in what was touched.
    goal_values: list[tuple[str, bool]] = field(default_factory=list)
    read_table: bool = False  # code mode: the replayed code read a table (agent mode: EXTRACT fields say so)


def _path(url: str) -> str:
    return re.sub(r"[?#].*$", "", url)


def unused_keys(facts: BlockFacts) -> list[str]:
    """Payload keys no verified action entered, and for which no reason was reported."""
    missing: list[str] = []
    for key, (value, parameter) in sorted(facts.payload.items()):
        if key in facts.keys_not_needed or not value.strip():
            continue
        used = False
        for action in facts.actions:
            if action.type not in VALUE_ACTIONS and action.type != AT.ACTION_TYPE_CLICK:
                continue
            verified = not action.HasField("postcondition") or action.postcondition.verified
            if not verified:
                continue
            if action.payload_key == key or (parameter and action.parameter_key == parameter):
                used = True
                break
            if parameter and any(b.source == parameter and b.field != "intent" for b in action.bindings):
                # Replayed code chose by the parameter (a radio named by it): the key was entered there.
                used = True
                break
            if action.type in VALUE_ACTIONS and action.value and value_matches(value, action.value):
                used = True
                break
        if not used:
            missing.append(key)
    return missing


_TEMPLATE_NAME = re.compile(r"{{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*}}")
_QUOTES = (("'", "'"), ('"', '"'), ("\u2018", "\u2019"), ("\u201c", "\u201d"))
_SPACE = re.compile(r"\s+")
_QUALIFIER = re.compile(r"\s*[(\[\-\u2013\u2014:,|]")


def goal_values(
    template: str, rendered: str, parameters: Mapping[str, str], secret: Iterable[str]
) -> list[tuple[str, bool]]:
    """The parameter values a goal names (secrets, URLs and long texts aside), each with whether it is quoted."""
    hidden = set(secret)
    found: list[tuple[str, bool]] = []
    for name in dict.fromkeys(_TEMPLATE_NAME.findall(template)):
        value = str(parameters.get(name, "")).strip()
        if not value or name in hidden or len(value) > 120 or "://" in value:
            continue
        quoted = any(f"{left}{value}{right}" in rendered for left, right in _QUOTES)
        found.append((value, quoted))
    return found


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _names_match(needle: str, name: str) -> bool:
    """A quoted name matches the element's own name exactly, or followed by a qualifier ("Family room (4)")."""
    name = _norm(name)
    return name == needle or (name.startswith(needle) and bool(_QUALIFIER.match(name[len(needle):])))


def _touched(action: trace_pb2.Action, value: str, quoted: bool) -> bool:
    needle = _norm(value)
    element = action.element
    names = [element.accessible_name, element.text, element.label, action.value]
    if action.type == AT.ACTION_TYPE_SELECT_OPTION and action.postcondition.verified:
        names.append(action.postcondition.observed)
    if quoted:
        return any(_names_match(needle, n) for n in names if n) or any(
            value_matches(value, n) for n in (action.value, action.postcondition.observed) if n
        )
    haystack = [*names, action.postcondition.context, element.attributes.get("value", "")]
    return any(needle in _norm(n) for n in haystack if n) or (bool(action.value) and value_matches(value, action.value))


def unused_goal_values(facts: BlockFacts) -> list[tuple[str, str]]:
    """(value, what was acted on) for each goal value no verified action touched."""
    acted = [a for a in facts.actions if a.type != AT.ACTION_TYPE_GOTO
             and (not a.HasField("postcondition") or a.postcondition.verified)]
    clicked = [a for a in acted if a.type == AT.ACTION_TYPE_CLICK]
    seen = clicked[-1] if clicked else (acted[-1] if acted else None)
    shown = ""
    if seen is not None:
        name = seen.element.accessible_name or seen.element.text or seen.element.label
        context = f" in {seen.postcondition.context[:80]!r}" if seen.postcondition.context else ""
        shown = f"{name!r}{context}" if name else "an unnamed element"
    return [(value, shown) for value, quoted in facts.goal_values if not any(_touched(a, value, quoted) for a in acted)]


# Controls whose own name is the choice they make (a radio, a box, a listbox option).
_CHOICE_ROLES = frozenset({"radio", "checkbox", "option", "menuitemradio", "menuitemcheckbox", "switch"})


def wrong_choices(facts: BlockFacts) -> list[tuple[str, str, str]]:
    """(key, value, chosen) for each option ticked or clicked for a payload key whose name is not that value
    (or one of its comma-separated items): "Happy" chosen for "Very happy" is another answer. A yes/no value
    ticks a box whatever it is called; a select's read-back already compared the option with the value."""
    wrong: list[tuple[str, str, str]] = []
    for action in facts.actions:
        key = action.payload_key
        if key not in facts.payload or action.type == AT.ACTION_TYPE_UNCHECK:
            continue
        if action.HasField("postcondition") and not action.postcondition.verified:
            continue
        choosing = action.type == AT.ACTION_TYPE_CHECK or (
            action.type == AT.ACTION_TYPE_CLICK and action.element.role in _CHOICE_ROLES
        )
        value = facts.payload[key][0]
        if not choosing or not value.strip() or value.strip().casefold() in CHECKED_WORDS | FALSE_WORDS:
            continue
        items = [item.strip() for item in value.split(",") if item.strip()] or [value]
        element = action.element
        names = [n for n in (element.label, element.accessible_name, element.text) if n]
        if not names:
            continue  # nothing to compare with (a secret value, an unnamed box): the read-back stands
        if not any(_names_choice(item, name) for item in items for name in names):
            wrong.append((key, value, names[0]))
    return wrong


def _names_choice(value: str, name: str) -> bool:
    """An option names a value when it is that value, with a qualifier, or begins with its words ("Standard" and
    "Standard delivery"); "Very happy" does not name "Happy", nor "Happy" "Very happy"."""
    if _names_match(_norm(value), name) or value_matches(value, name):
        return True
    wanted, seen = re.findall(r"\w+", value.casefold()), re.findall(r"\w+", name.casefold())
    return bool(wanted) and seen[: len(wanted)] == wanted


def holds_data(value: object) -> bool:
    """Whether extracted data holds anything: an object whose every value is empty ({} or {"rows": []}) is no
    evidence that the block read what it was asked for, even when the schema accepts it."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Mapping):
        return any(holds_data(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(holds_data(v) for v in value)
    return True  # a number or a boolean was read


def failed_actions(actions: Iterable[trace_pb2.Action]) -> list[trace_pb2.Action]:
    return [a for a in actions if a.type in VALUE_ACTIONS and a.HasField("postcondition")
            and not a.postcondition.verified]


async def judge_block(page: Page, facts: BlockFacts, *, settle_ms: float) -> Verdict:
    """The verdict on a block its agent (or its code) reports done. Order: termination criterion, actions that did
    not verify, validation errors, payload use, the completion criterion, then a non-trivial end state."""
    if facts.termination.strip():
        message = await termination_message(page, facts.termination)
        if message:
            return Verdict("failed", f"termination criterion {facts.termination!r} holds: {message}")
    bad = failed_actions(facts.actions)
    if bad:
        post = bad[-1].postcondition
        return Verdict("failed", f"{bad[-1].intent or 'an action'}: expected {post.expected!r}, the page shows "
                                 f"{post.observed!r}")
    errors = await validation_errors(page)
    if errors:
        return Verdict("failed", "the page shows a validation error: " + "; ".join(errors[:3]))
    if facts.check_payload:
        missing = unused_keys(facts)
        if missing:
            return Verdict(
                "failed",
                f"payload {', '.join(repr(k) for k in missing)} entered nowhere: no action that verified used "
                + ("it" if len(missing) == 1 else "them"),
            )
        wrong = wrong_choices(facts)
        if wrong:
            key, value, chosen = wrong[0]
            return Verdict("failed", f"payload {key!r} is {value!r}, but the option chosen for it is {chosen!r}")
    sent = await _sent_verdict(page, facts, settle_ms)
    if sent is not None:
        return sent
    unused = unused_goal_values(facts)
    if unused:
        value, shown = unused[0]
        acted = f"; the last action was on {shown}" if shown else "; nothing was acted on"
        return Verdict("failed", f"the goal names {value!r}, but no action that verified touched it{acted}")
    evidence = [f"payload key {k!r} not needed: {why}" for k, why in facts.keys_not_needed.items()]
    criterion = parse_criterion(facts.completion)
    if criterion is not None:
        if not await criterion_holds(page, criterion, wait_ms=settle_ms):
            return Verdict("unverified", f"completion criterion not met: expected {criterion.describe()}, "
                                         f"page is {page.url}")
        return Verdict("completed", "", [*evidence, f"criterion: {criterion.describe()}"])
    return await _end_state_verdict(page, facts, evidence)


async def _sent_verdict(page: Page, facts: BlockFacts, settle_ms: float) -> Verdict | None:
    """Values entered then submitted must reach a server: a submit that sent nothing did not take effect, and a
    send the server refused (an HTTP error) failed, whatever the page shows afterwards."""
    last_value = max((i for i, a in enumerate(facts.actions) if a.type in VALUE_ACTIONS), default=-1)
    after = [a for a in facts.actions[last_value + 1:] if a.type in EFFECT_ACTIONS - {AT.ACTION_TYPE_GOTO}]
    events = page_events(page)
    if last_value < 0 or not after or events.value_mark < 0:
        return None
    if after[-1].postcondition.effect == CE.CLICK_EFFECT_NONE:
        return None  # the end state says it better: the submit had no effect at all
    mark = events.value_mark
    if not await events.wait_for(mark, "sent", settle_ms):
        errors = events.since(mark, "script_error")
        why = f" (the page raised {errors[-1]!r})" if errors else ""
        return Verdict("unverified", f"nothing was sent to the server after the values were entered and submitted"
                                     f"{why}")
    await events.settle_sends(mark, settle_ms)
    refused = events.since(mark, "refused")
    if refused:
        return Verdict("failed", f"the server refused what was sent: {refused[-1]}")
    return None


async def _paged_verdict(page: Page, facts: BlockFacts) -> Verdict | None:
    """A table read while the page offers its next page: the data may be missing rows, so it is not established."""
    tables = facts.read_table or any(
        field.columns for a in facts.actions if a.type == AT.ACTION_TYPE_EXTRACT for field in a.extract_fields
    )
    if not tables:
        return None
    try:
        control = str(await page.evaluate(_NEXT_PAGE_JS))
    except PlaywrightError:
        return None
    if not control:
        return None
    return Verdict("unverified", f"the table read is paginated (its {control!r} control is enabled) and only the "
                                 "page shown was read: rows on other pages are missing")


async def _end_state_verdict(page: Page, facts: BlockFacts, evidence: list[str]) -> Verdict:
    """Without a declared criterion, the end state must not be trivially true."""
    block = facts.block
    if block.type == BT.BLOCK_TYPE_EXTRACTION:
        if facts.output_valid:
            return await _paged_verdict(page, facts) or Verdict(
                "completed", "", [*evidence, "extracted data valid against the schema"]
            )
        return Verdict("unverified", "no extracted data valid against the schema")
    if facts.output_valid and block.type == BT.BLOCK_TYPE_TASK:
        paged = await _paged_verdict(page, facts)
        if paged is not None:
            return paged
        return Verdict("completed", "", [*evidence, "extracted data valid against the schema"])
    if facts.downloaded:
        return Verdict("completed", "", [*evidence, "a file was downloaded"])
    last_value = max((i for i, a in enumerate(facts.actions) if a.type in VALUE_ACTIONS), default=-1)
    effects = [
        (i, a) for i, a in enumerate(facts.actions) if a.type in EFFECT_ACTIONS and i > last_value
    ]
    if not facts.actions:
        return Verdict("unverified", "nothing was done and no completion criterion says the block was already done")
    if not effects:
        if block.type == BT.BLOCK_TYPE_ACTION and last_value >= 0:
            # A single action in words (tick this, type that): its read-back is its effect.
            return Verdict("completed", "", [*evidence, "every value read back as intended"])
        return Verdict(
            "unverified",
            "nothing was submitted after the last value was entered: no click, key or navigation followed it",
        )
    index, last = effects[-1]
    if last.type == AT.ACTION_TYPE_GOTO:
        return Verdict("completed", "", [*evidence, f"opened {_path(last.url)}"])
    kind = last.postcondition.effect if last.HasField("postcondition") else CE.CLICK_EFFECT_UNSPECIFIED
    if _path(page.url) != _path(facts.start_url) and kind != CE.CLICK_EFFECT_NONE:
        return Verdict("completed", "", [*evidence, f"the page moved to {_path(page.url)}"])
    if kind in CONCLUSIVE:
        armed, appeared = await appeared_texts(page, limit=3)
        seen = f"; now showing {appeared[0][:80]!r}" if appeared else ""
        return Verdict("completed", "", [*evidence, f"{last.intent or 'the last action'}: {effect_name(kind)}{seen}"])
    if kind == CE.CLICK_EFFECT_UNSPECIFIED and last.type == AT.ACTION_TYPE_PRESS_KEY:
        armed, appeared = await appeared_texts(page, limit=3)
        if not armed or appeared:
            return Verdict("completed", "", [*evidence, "the page changed after the key press"])
    seen_kind = effect_name(kind) if kind else "none recorded"
    return Verdict(
        "unverified",
        f"no observable effect after {last.intent or 'the last action'!r} (effect: {seen_kind}); "
        f"the URL stayed {_path(page.url)}",
    )
