"""Page variants of the demo site: the same workflow on pages whose ids, classes, labels or order drift."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

# Logical elements whose id a variant may change.
_DEFAULT_IDS = {
    "login_form": "login-form",
    "username": "username",
    "password": "password",
    "sign_in": "sign-in",
    "quote_form": "quote-form",
    "full_name": "full_name",
    "email": "email",
    "plan": "plan",
    "start_date": "start_date",
    "notes": "notes",
    "roadside": "roadside",
    "get_quote": "get-quote",
    "quote_ref": "quote-ref",
    "customer": "customer",
    "options_table": "quote-options",
}
_DEFAULT_LABELS = {
    "username": "Username",
    "password": "Password",
    "sign_in": "Sign in",
    "full_name": "Full name",
    "email": "Email",
    "plan": "Plan",
    "start_date": "Start date",
    "notes": "Notes",
    "roadside": "Add roadside assistance",
    "get_quote": "Get quote",
    "quote_ref": "Quote reference",
    "customer": "Customer",
}
QUOTE_FIELDS = ("full_name", "email", "plan", "start_date", "notes", "roadside")


@dataclass(frozen=True)
class Variant:
    """How one variant renders: element ids, a class prefix, label wording and the quote form's field order."""

    name: str
    ids: dict[str, str] = field(default_factory=lambda: dict(_DEFAULT_IDS))
    css_prefix: str = "rq"
    labels: dict[str, str] = field(default_factory=lambda: dict(_DEFAULT_LABELS))
    field_order: tuple[str, ...] = QUOTE_FIELDS
    # A promotion dialog over the quote form that blocks clicks until it is dismissed: "" (none), "on_load",
    # or "after_email" (it pops up once something is typed into the email field).
    modal: str = ""
    # The quote form stays hidden this long after the page loads (a slow front end).
    reveal_after_ms: int = 0
    # Main heading of the quote result page.
    result_heading: str = "Your quote"

    def id(self, key: str) -> str:
        return self.ids[key]

    def label(self, key: str) -> str:
        return self.labels[key]

    def cls(self, role: str) -> str:
        return f"{self.css_prefix}-{role}"


DEFAULT = Variant("default")
# Same labels and order; every id and class looks machine-generated, as after a front-end rebuild.
IDS_CHANGED = dataclasses.replace(
    DEFAULT,
    name="ids_changed",
    ids={key: f"fld-7731{i:02d}-{key.replace('_', '')}" for i, key in enumerate(_DEFAULT_IDS)},
    css_prefix="css-1x9k2a",
)
# Same ids; the quote fields come in another order (a later drift scenario).
REORDERED = dataclasses.replace(
    DEFAULT, name="reordered", field_order=("email", "full_name", "start_date", "plan", "roadside", "notes")
)

# Same ids; labels and the submit button reworded (healing must go by meaning, not exact text).
RELABELLED = dataclasses.replace(
    DEFAULT,
    name="relabelled",
    labels={
        **_DEFAULT_LABELS,
        "full_name": "Your full name",
        "email": "Email address",
        "plan": "Coverage plan",
        "start_date": "Cover start date",
        "get_quote": "Get my quote",
    },
)

# Only the submit button changed (new id, new wording): replay heals that one element, nothing else.
SUBMIT_CHANGED = dataclasses.replace(
    DEFAULT,
    name="submit_changed",
    ids={**_DEFAULT_IDS, "get_quote": "btn-quote-request"},
    labels={**_DEFAULT_LABELS, "get_quote": "Get my quote"},
)
# A dialog must be dismissed before the form can be submitted: replay cannot click through it and falls back.
MODAL = dataclasses.replace(DEFAULT, name="modal", modal="on_load")
# The form appears 800 ms after the page loads: replay must wait for it (without fixed sleeps), not fail.
SLOW = dataclasses.replace(DEFAULT, name="slow", reveal_after_ms=800)
# A redesign: the name field got a new id and label (replay heals it), then a dialog pops up after the email is
# typed and blocks the rest of the form (replay falls back); the next run uses the repaired script.
LAYOUT_CHANGED = dataclasses.replace(
    DEFAULT,
    name="layout_changed",
    ids={**_DEFAULT_IDS, "full_name": "applicant-name-field"},
    labels={**_DEFAULT_LABELS, "full_name": "Full name of the applicant"},
    modal="after_email",
)
# The result page's heading changed: a replay that submitted the form then misses its end state, and the
# agent that takes over must not submit a second time.
RESULT_RENAMED = dataclasses.replace(DEFAULT, name="result_renamed", result_heading="Your coverage options")

VARIANTS = {
    v.name: v
    for v in (DEFAULT, IDS_CHANGED, REORDERED, RELABELLED, SUBMIT_CHANGED, MODAL, SLOW, LAYOUT_CHANGED, RESULT_RENAMED)
}


def variant_named(name: str) -> Variant:
    """The variant called ``name``; unknown names are an error so a typo in a test is loud."""
    try:
        return VARIANTS[name or "default"]
    except KeyError:
        raise ValueError(f"unknown demo site variant {name!r}; expected one of {', '.join(VARIANTS)}") from None
