"""Answers options word differently: "telephone" is the option "Phone call", "face-to-face" is "In person at the
practice". Read alike by the agent choosing an option and by the judge checking the choice."""

from __future__ import annotations

from executor_service.browser.form_vocabulary import normalise
from executor_service.browser.whole_words import whole_words

# Ways of being contacted or seen that forms everywhere word in more than one way. General vocabulary only: each
# group is one answer, and none of its wordings is another answer's ("call" alone is not here: "Video call" is
# no telephone call; "letter" alone is not here: a paper size is called that too).
WORDINGS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split("|"))
    for group in (
        "phone|telephone|phone call|telephone call|by phone|by telephone|over the phone|on the phone",
        "in person|face to face",
        "email|e mail|by email|by e mail",
        "post|by post|postal|by mail|in the post",
        "text|text message|sms|by text|by text message|by sms",
        "video|video call|video consultation|video chat|by video",
    )
)


def other_wordings(value: str) -> list[str]:
    """The other wordings of the answer the whole value is ("telephone" -> "phone", "phone call", ...); none when
    the value is no such answer."""
    said = normalise(value)
    for group in WORDINGS:
        if said in group:
            return sorted(w for w in group if w != said)
    return []


def holds_wording(value: str, name: str) -> bool:
    """Whether an option's name holds another wording of the value as whole words ("Phone call" for "telephone",
    "Letter by post" for "Post")."""
    shown = normalise(name)
    return any(whole_words(wording).search(shown) for wording in other_wordings(value))
