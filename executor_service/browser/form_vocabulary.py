"""Form vocabulary: the words forms everywhere use for the same field, read alike by the agent and by replay."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words forms everywhere use for the same thing: a person reading "Town" knows it is the city. General form
# vocabulary only (no phrase that merely mirrors one site's label); the value's shape and the field's type find the
# rest (a date for a date field, an option's text for its select, a long text for a text area).
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split("|"))
    for group in (
        "email|e mail|mail|email address|e mail address",
        "phone|telephone|tel|mobile|cell|phone number|mobile number|cell phone",
        "city|town|locality",
        "postal code|postcode|zip|zip code|post code",
        "street|address|address line|street address|address line 1",
        "name|full name|your name",
        "first name|given name|forename",
        "last name|surname|family name",
        "company|organisation|organization|business|employer|company name|organisation name|organization name",
        "message|comment|comments|note|notes|details|description",
        "country|nation",
        "region|state|province|county",
        "username|user name|login|user id",
        "quantity|qty",
        "party size|guests|number of guests|number of people|people|covers|diners|group size|party",
        "job title|position|job|role",
        "department|team|division",
        "work phone|office phone|business phone|work telephone",
        "mobile phone|cell phone|mobile|cell",
        "work email|business email|company email",
        "amount|sum",
        "payee|recipient|beneficiary",
        "card number|card no|credit card number|debit card number",
        "cardholder|name on card|card holder|cardholder name",
        "expiry|expiration|expiry date|expiration date|valid thru|valid until|expires|expires on|exp date",
        "cvc|cvv|security code|card verification code",
        "vat number|vat id|tax id|tax number",
        "date of birth|birth date|birthday|dob",
        "current password|old password|existing password",
        "check in|check in date|arrival|arrival date",
        "check out|check out date|departure|departure date",
        "origin|from|departure airport",
        "destination|to|arrival airport",
        "registration number|vehicle registration|number plate|licence plate|license plate|plate number",
        "vehicle|car|make and model|make model|vehicle make and model|car make and model",
        "role|user role|member role|permission level|access level|permissions",
        "promo code|promotion code|promotional code|discount code|coupon|coupon code|voucher|voucher code|offer code",
    )
)


def normalise(text: str) -> str:
    """Lower-case words: camelCase and snake_case split, punctuation dropped ("startDate" -> "start date")."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text or "")
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.casefold().split())


def _bare(name: str) -> str:
    """A field's name without what marks it optional or required ("Postcode (optional)", "Email *")."""
    return re.sub(r"\s*\b(optional|required)\b", "", normalise(name)).strip()


def shared_concept(names: Iterable[str], others: Iterable[str]) -> frozenset[str] | None:
    """The group of synonyms one of ``names`` and one of ``others`` both are, word for word ("Phone number" and
    "Mobile number", "Name on card" and "Cardholder name"); None when no pair is. A name that only starts or ends
    with a group's word ("Work phone") is no synonym here: it may be a second field of the kind."""
    bare = {_bare(n) for n in others} - {""}
    for name in names:
        own = _bare(name)
        for group in SYNONYMS:
            if own in group and bare & group:
                return group
    return None


def in_concept(name: str, group: frozenset[str]) -> bool:
    """Whether a field's name is, word for word, one of the group's synonyms."""
    return _bare(name) in group
