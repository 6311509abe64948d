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

VARIANTS = {v.name: v for v in (DEFAULT, IDS_CHANGED, REORDERED, RELABELLED)}


def variant_named(name: str) -> Variant:
    """The variant called ``name``; unknown names are an error so a typo in a test is loud."""
    try:
        return VARIANTS[name or "default"]
    except KeyError:
        raise ValueError(f"unknown demo site variant {name!r}; expected one of {', '.join(VARIANTS)}") from None
