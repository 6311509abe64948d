"""The verdict on a finished block (issue 13): completed, failed or unverified, alike in agent and code mode."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from executor_service.browser.action_kinds import EFFECT_ACTIONS, VALUE_ACTIONS
from executor_service.browser.block_facts import (
    BlockFacts,
    failed_actions,
    misplaced_values,
    unused_goal_values,
    unused_keys,
    wrong_choices,
)
from executor_service.browser.click_watch import (
    APPEARED_JS,
    CONCLUSIVE,
    appeared_texts,
    effect_name,
    news_after_busy,
    watched_frame,
)
from executor_service.browser.criteria import criterion_evidence, termination_message
from executor_service.browser.page_events import page_events
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from services.workflows.criteria import parse_criterion

AT = trace_pb2.ActionType
BT = workflow_pb2.BlockType
CE = trace_pb2.ClickEffect

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
  // A control styled as dangerous ("Close my account", "Delete") is no message: nor is a box holding only controls.
  const control = 'button,[role=button],[role=menuitem],[role=tab],input,select,textarea';
  const ownText = (el) => { let text = el.textContent || '';
    for (const c of el.querySelectorAll(control)) text = text.replace(c.textContent || '', ' ');
    return norm(text); };
  for (const el of all(errorish)) {
    if (/^(INPUT|SELECT|TEXTAREA|FORM|BODY|MAIN)$/.test(el.tagName) || el.matches(control) || !ownText(el)) continue;
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

_ERRORS_AND_APPEARED_JS = f"(limit) => ({{errors: ({_ERRORS_JS})(), appeared: ({APPEARED_JS})(limit)}})"
APPEARED_LIMIT = 20


async def validation_errors(page: Page) -> list[str]:
    """Validation errors visible now on the form last submitted (or anywhere, for aria-invalid fields), in the
    main document and in the frame of the last click (a form inside an iframe)."""
    errors: list[str] = []
    watched = watched_frame(page)
    appeared: list[str] | None = None
    for frame in dict.fromkeys((page.main_frame, watched)):
        try:
            if frame is watched:  # one evaluation reads both: the judge runs while its caller waits
                raw = await frame.evaluate(_ERRORS_AND_APPEARED_JS, APPEARED_LIMIT)
                errors.extend(str(e) for e in raw["errors"])
                appeared = [str(t) for t in raw["appeared"].get("texts", [])]
            else:
                errors.extend(str(e) for e in await frame.evaluate(_ERRORS_JS))
        except PlaywrightError:
            continue
    if appeared is None:
        _, appeared = await appeared_texts(page, APPEARED_LIMIT)
    errors.extend(text for text in appeared if ERROR_WORDS.search(text) and len(text) <= 300)
    return list(dict.fromkeys(errors))[:10]



@dataclass
class Verdict:
    """How a block that ran without error ended: completed, failed or unverified, with the evidence."""

    status: str  # "completed" | "failed" | "unverified"
    reason: str = ""
    evidence: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "completed"



def _sent(facts: BlockFacts) -> bool:
    """Whether the block's last click or key sent something to a server (or looked like a submit): only its
    answer may say a plain criterion in other words. A menu click that shows past records says nothing new."""
    last = next((a for a in reversed(facts.actions) if a.type in EFFECT_ACTIONS - {AT.ACTION_TYPE_GOTO}), None)
    return last is not None and last.irreversible


def _path(url: str) -> str:
    return re.sub(r"[?#].*$", "", url)


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
    misplaced = misplaced_values(facts)
    if misplaced:
        key, named, side = misplaced[0]
        return Verdict("failed", f"{key!r} went into {named!r}, a field for the {side} one")
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
        said = await criterion_evidence(page, criterion, wait_ms=settle_ms, acted=_sent(facts), named=facts.named)
        if not said:
            return Verdict("unverified", f"completion criterion not met: expected {criterion.describe()}, "
                                         f"page is {page.url}")
        return Verdict("completed", "", [*evidence, f"criterion: {said}"])
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
    # A click that only moved an overlay out of the way (only_if_present: a consent wall, a promo) sent nothing:
    # values followed by nothing else were never submitted.
    effects = [
        (i, a) for i, a in enumerate(facts.actions)
        if a.type in EFFECT_ACTIONS and i > last_value and not (last_value >= 0 and a.only_if_present)
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
    if kind == CE.CLICK_EFFECT_DISABLED:
        # The control went busy while its request was out: what the page added once it was done is the answer
        # (a send refused, or an error shown, has failed the block above).
        news = await news_after_busy(page)
        if news:
            return Verdict("completed", "", [*evidence, f"{last.intent or 'the last action'}: busy while sending; "
                                                        f"now showing {news[0][:80]!r}"])
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
