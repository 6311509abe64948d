"""Whether the page said what a plain-language completion criterion states, in its own words.

A criterion written as a sentence ("The ticket was created") is seldom the page's wording ("Ticket #5001 was
created."). It is taken as said when one sentence the page showed in answer to the block's last click reports
the criterion's own outcome in some form (or both say "done" in general words), is not in the future or in
progress, and holds at least half of the criterion's other words in some form; and no sentence of that answer
contradicts it (reports a failure or part of a success, undoes something, or denies anything other than as
advice or a question: "This order has not been placed"). Such a contradiction also overrules the criterion's
literal text. Only sentences that appeared after the last click count (or, when that click loaded a new
document, the new document's main content), so text that was on the page before the block acted never proves
it. A criterion that denies something itself ("No errors") or names no outcome ("The dashboard is shown") is
matched by its literal text only, as before.

A criterion's subject is often a general noun the page replaces by what the run was about: "The customer was
updated" is answered by "Changes saved" after a click on "Update customer", and "I am enrolled on the module" by
"You are now enrolled on DATA2105 Data Visualisation" when the run's ``module`` is "Data Visualisation". So a
word of the criterion also counts as said when the control the page answered names it and performs the outcome
("Update customer", not "Find a table" before a slot "fully booked") or the title of the dialog that control
performing it sits in names it ("Save" under "Edit customer"), or when it names a parameter (``module``,
``new_plan``) whose value the sentence holds. The outcome itself must still be the
sentence's own, and nothing in the answer may contradict it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from executor_service.browser.click_watch import watched_frame
from executor_service.browser.page_events import page_events
from executor_service.browser.value_checks import canonical

DONE = "<done>"
# Words a page uses to report that something took effect: the outcome, not the request ("confirm" asks,
# "confirmed" reports), so a review step saying "Please confirm your booking" never counts.
_OUTCOME_WORDS = frozenset(
    "created confirmed completed done success successful successfully sent submitted saved booked registered "
    "received placed accepted approved scheduled updated added processed published thanks thank transferred paid "
    "issued opened reserved subscribed enrolled posted uploaded changed recorded setup bought purchased requested "
    "invited made allset ready".split()
)
# Outcome words that say "it is done" in general: any of them answers another ("Done: €12 is on its way" says
# "The transfer is confirmed"). Every other outcome word answers only itself, in some form: "received" is not
# "confirmed", "submitted for approval" is not "approved".
_GENERIC_DONE = frozenset("confirmed completed done success successful successfully allset".split())
# "Saved" asks only that something was kept: a record created, added, updated, changed or recorded was kept too
# ("Contact created" says "The contact was saved"). Never the other way: "Draft saved" is no ticket created.
_KEPT = frozenset("created added updated changed recorded stored".split())
# An edit kept is an edit made: "Customer details saved" says "The customer was updated" (a draft kept is none).
_EDITED = frozenset("updated changed".split())
# A form or an application handed in: "Application submitted" says "The application was sent", and the other way;
# what the other side received was handed in ("Your enquiry has been received" says "The enquiry was sent"), and a
# request sent was requested.
_HANDED_IN = frozenset("sent submitted received requested".split())
# One outcome in two words, either way: a ticket or an account opened is one created, a table reserved one booked,
# a password updated one changed.
_SAME_OUTCOME = (frozenset({"created", "opened"}), frozenset({"booked", "reserved"}), frozenset({"updated", "changed"}))
# A statement that only says its subject took effect ("The subscription was successful", "The payment was made"): any
# outcome the page reports of that subject answers it ("You're subscribed!"); the subject must still be named.
_TOOK_EFFECT = frozenset("success successful successfully made".split())
# An answer that thanks, or says all is done, right after the very control that performs the statement's outcome:
# "Thank you for your order" after "Place order" says "The order was placed"; "Thanks for contacting us" after
# "Send message" says "The message was sent"; "Your account is ready" after "Create account" says it was created.
# Never after another control ("Place order" does not confirm).
_THANKS = frozenset("thanks thank done success successful successfully completed allset ready".split())
# Verbs whose past form is no stem of theirs: "Send" performs "sent", "Pay" performs "paid".
_IRREGULAR = {"sent": "send", "paid": "pay", "made": "make", "bought": "buy", "got": "get"}
# A purchase is done when the page confirms what was bought: "Policy confirmed" says "The policy was bought", "Order
# complete" says "The tickets were purchased" (the sentence must still name what was bought, as any answer must).
_BOUGHT = frozenset("bought purchased".split())
# Words that report something undone: they answer a criterion that names them, never one that does not
# ("Your booking was cancelled" does not say "Booking confirmed").
_UNDOING_WORDS = frozenset("cancelled canceled deleted removed revoked refunded unsubscribed reversed".split())
# Words that report a failure: an answer holding one is no success, whatever else it says ("Thank you for your
# order!" above "Payment authorisation failed").
_FAILURE_WORDS = frozenset(
    "failed failure fail fails error errors unable invalid declined rejected denied unsuccessful expired "
    "incomplete unfortunately sorry oops skipped timeout timed".split()
)
# "Problem" reports a failure only as one: "There was a problem", "A problem occurred", "Problem with your card",
# or alone as a heading. A council's "Urgent problems are made safe within 24 hours" under "Report submitted"
# speaks of the problems the service deals with.
_PROBLEM = re.compile(
    r"^\W*problems?\W*$|\bthere (?:is|was|has been|have been|were|are) (?:a |some )?problems?\b|"
    r"\bproblems? (?:with|occurred|happened|has occurred|saving|sending|submitting|processing)\b|"
    r"\b(?:had|hit|ran into|encountered) (?:a |some )?problems?\b",
    re.IGNORECASE,
)
# Something stopped on its way: "Your order is on hold", "Payment held for review". Not the verb alone: "We hold
# tables for 15 minutes" under "Your table is booked" says how long the booking keeps.
_ON_HOLD = re.compile(
    r"\bon hold\b|\bheld (?:for|pending) (?:approval|review|verification|authori[sz]ation)\b", re.IGNORECASE
)
# What is no longer to be had: "fully booked", "booked up", "sold out". Such a sentence reports no outcome of the run
# ("8:30pm (fully booked)" among the slots a search showed), whatever outcome word it holds.
_UNAVAILABLE = re.compile(r"\bfully booked\b|\bbooked up\b|\bsold out\b", re.IGNORECASE)
# Words that deny: a sentence holding one contradicts the criterion ("This order has not been placed", "We could
# not complete your purchase") unless it tells the reader what to do or asks ("Do not reply to this mail",
# "Didn't get the email?", "If you cannot attend...").
_NEGATION_WORDS = frozenset(
    "not no never none nothing nor cannot can't couldn't won't wouldn't wasn't weren't isn't aren't didn't "
    "doesn't don't hasn't haven't hadn't shouldn't mustn't".split()
)
_CONDITIONAL_OPENERS = frozenset("if in should unless".split())  # "If you cannot attend", "In case it fails"
_INSTRUCTION_OPENERS = frozenset("do don't never please".split())
# Words that put an outcome in the future, in progress or under a condition: such a sentence says nothing is
# done yet ("Your order will be placed when you click Confirm", "Your payment is being processed").
_NOT_YET_WORDS = frozenset(
    "will shall would should could must need needs needed please if once when until awaiting await being "
    "pending processing already soon".split()
)
# A thing waiting for someone's approval has not taken effect: a sentence of the answer saying the statement's own
# subject awaits one ("Payment FP-1234 · awaiting app approval" under "✓ Payment sent") contradicts it, unless the
# statement asked for exactly that ("The expense report was submitted for approval"). Waiting alone is no such
# sentence ("Invitation pending" under "Invitation sent").
_WAITING_WORDS = frozenset("awaiting pending waiting".split())
_APPROVAL_WORDS = frozenset(
    "approval approve authorisation authorization authentication authorise authorize".split()
)
# "2 of 3 items added": only part of it took effect.
_PART_OF = re.compile(r"\b(\d+)\s+(?:of|out of)\s+(\d+)\b", re.IGNORECASE)
# "Order no. 12345", "Booking No: 4321": a number's label, not a denial.
_NUMBER_LABEL = re.compile(r"\bno\s*[.:#]?\s*(?=\d)", re.IGNORECASE)
# Words that carry no meaning of their own in a criterion.
_STOP_WORDS = frozenset(
    "the a an is are am was were be been being has have had it its this that these those your you my our we i "
    "to of for as on in at by with and or so now just all will form".split()
)
# Words before "set up" that make it a request or an ability, not an outcome ("you can set up", "how to set up").
_ASKING_BEFORE = frozenset("can to will shall must could would should may might please let only".split())
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ied", "ies", "ed", "s")


def _stem(word: str) -> str:
    """A word's plain form, enough to meet its other forms ("tickets"/"ticket", "transferred"/"transfer")."""
    word = _IRREGULAR.get(word, word)
    if word.endswith("ss"):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # transferr(ed) -> transfer
    # A silent e goes as "-ed" and "-ing" drop it: "save" meets "saved" ("sav"), "update" meets "updated".
    return word[:-1] if len(word) >= 4 and word.endswith("e") else word


def _words(text: str) -> list[str]:
    text = _NUMBER_LABEL.sub(" ", text)
    words = [w.replace("’", "'") for w in _WORD.findall(text.lower())]
    # "Direct Debit set up", "Your account is now set up": the phrasal verb reports an outcome as one word. Not as
    # the request ("Set up Direct Debit" opening a button or sentence) nor asked of someone ("You can set up...").
    for i in range(len(words) - 1, 0, -1):
        if words[i - 1] == "set" and words[i] == "up" and i >= 2 and words[i - 2] not in _ASKING_BEFORE:
            words[i - 1:i + 1] = ["setup"]
        elif words[i - 1] == "all" and words[i] == "set":
            words[i - 1:i + 1] = ["allset"]  # "You're all set!"
        elif words[i] == "got" and words[i - 1] in ("we've", "we", "have"):
            words[i] = "received"  # "Thanks, we've got your reading"
    # "Application complete" reports; "Complete your profile" asks.
    return ["completed" if w == "complete" and i else w for i, w in enumerate(words)]


def _meaning(words: list[str]) -> set[str]:
    """The outcome marker and the stems of the words that are not stop words."""
    return {DONE if w in _OUTCOME_WORDS else _stem(w) for w in words if w not in _STOP_WORDS}


def _outcomes_agree(stated: list[str], said: list[str], clicked: str = "") -> bool:
    """The sentence reports the statement's own outcome, in some form, or both say "done" in general words; or it
    thanks or says all is done in answer to the control that performs that outcome (``clicked``)."""
    mine = {w for w in stated if w in _OUTCOME_WORDS}
    theirs = {w for w in said if w in _OUTCOME_WORDS}
    if {_stem(w) for w in mine} & {_stem(w) for w in theirs}:
        return True
    if any(mine & group and theirs & group for group in _SAME_OUTCOME):
        return True
    if mine and mine <= _TOOK_EFFECT and theirs & _GENERIC_DONE:
        return True  # "Payment successful" says "The payment was made"
    if theirs and _names_the_outcome(mine, stated, said):
        return True  # "Invitation sent" says "The user was invited"
    if mine & (_GENERIC_DONE | _TOOK_EFFECT) and _subject_done(stated, said):
        return True  # "You're registered!" says "The registration is complete"
    if clicked and theirs & _THANKS and (_performs(clicked, mine) or (mine <= _TOOK_EFFECT and
                                                                       _does_subject(clicked, stated))):
        return True
    if "saved" in mine and theirs & _KEPT:
        return True
    if mine & _HANDED_IN and theirs & _HANDED_IN:
        return True
    if "requested" in mine and _ready(said):
        return True  # "Your quote is ready" says "The quote was requested": what was asked for is there
    if mine & _EDITED and "saved" in theirs and not {"draft", "drafts"} & set(said):
        return True
    if mine & _BOUGHT and theirs & (_GENERIC_DONE | {"paid", "placed"}):
        return True
    return bool(mine & _GENERIC_DONE) and bool(theirs & _GENERIC_DONE)


def _ready(said: list[str]) -> bool:
    """Whether the sentence states that something is ready ("Your quote is ready", "Your report is now ready to
    download"): not an invitation ("Ready to get your quote?") nor for something still to come ("ready for review",
    "ready in 2 days")."""
    return any(
        w == "ready" and i and (said[i - 1] in _IS or said[i - 1].endswith("'s"))
        and (i + 1 == len(said) or said[i + 1] not in _READY_FOR)
        for i, w in enumerate(said)
    )


_IS = frozenset("is are now".split())
_READY_FOR = frozenset("for when once soon in".split())


def _names_the_outcome(mine: set[str], stated: list[str], said: list[str]) -> bool:
    """Whether the sentence names the statement's outcome as a noun ("invitation" for "invited", "registration" for
    "registered"), a request aside unless the statement asks for one ("booking request" is no booking)."""
    if "request" in said and "request" not in stated:
        return False
    # A noun after "for", "awaiting" or "pending" is what is still to come ("submitted for approval").
    nouns = [w for i, w in enumerate(said) if w not in _OUTCOME_WORDS and len(w) >= 6
             and (i == 0 or said[i - 1] not in _AWAITED_AFTER)]
    return any(w[:5] == outcome[:5] for outcome in mine if len(outcome) >= 6 for w in nouns)


_AWAITED_AFTER = frozenset("for awaiting pending under needs need requires require".split())


def _subject_done(stated: list[str], said: list[str]) -> set[str]:
    """The statement's nouns that name the act the sentence reports done ("registration" for "registered",
    "subscription" for "subscribed")."""
    nouns = [w for w in stated if w not in _OUTCOME_WORDS and w not in _STOP_WORDS and len(w) >= 4]
    done = [w for w in said if w in _OUTCOME_WORDS and len(w) >= 4]
    return {noun for noun in nouns
            if any(_stem(noun) == _stem(word) or (len(noun) >= 6 and noun[:5] == word[:5]) for word in done)}


def _does_subject(clicked: str, stated: list[str]) -> bool:
    """Whether the control does what the statement's subject names ("Donate now" for "The donation was made",
    "Pay now" for "The payment was made")."""
    control = [w for w in _words(clicked) if w not in _STOP_WORDS]
    nouns = [w for w in stated if w not in _OUTCOME_WORDS and w not in _STOP_WORDS]
    return any(_stem(c) == _stem(n) or (len(c) >= 5 and c[:5] == n[:5]) for c in control for n in nouns)


def _performs(clicked: str, mine: set[str]) -> bool:
    """Whether the control's words hold the verb of one of the statement's outcomes, or of one meaning the same
    ("Send feedback" for "submitted": both hand it in)."""
    outcomes = set(mine)
    for group in (_HANDED_IN, *_SAME_OUTCOME):
        if mine & group:
            outcomes |= group
    control = {_stem(w) for w in _words(clicked)}
    if "requested" in mine and "get" in control:
        return True  # "Get my quote" requests it
    return bool(control & {_stem(w) for w in outcomes})


def statement_checkable(statement: str) -> bool:
    """Whether a criterion can be matched by meaning: it reports an outcome and denies nothing."""
    words = _words(statement)
    denies = _FAILURE_WORDS | _NEGATION_WORDS | _UNDOING_WORDS | _NOT_YET_WORDS
    return any(w in _OUTCOME_WORDS for w in words) and not any(w in denies for w in words)


def contradicts(statement: str, sentence: str) -> bool:
    """Whether ``sentence`` reports a failure or only part of a success, undoes something the statement does not
    name, puts its subject behind an approval still to come, or denies anything; advice and questions aside ("If
    the card fails...", "Didn't get the email?"), and for a denial also instructions ("Do not reply to this
    mail")."""
    said, stated = _words(sentence), _words(statement)
    if not said:
        return False
    asks = sentence.rstrip().endswith("?") or said[0] in _CONDITIONAL_OPENERS
    failed = any(w in _FAILURE_WORDS or (w in _UNDOING_WORDS and w not in stated) for w in said)
    if failed or _ON_HOLD.search(sentence) or _PROBLEM.search(sentence):
        return not asks
    if _awaits_approval(stated, said):
        return not asks
    if _partly_done(sentence, said):
        return True
    if not any(w in _NEGATION_WORDS for w in said):
        return False
    return not (asks or said[0] in _INSTRUCTION_OPENERS)


def _partly_done(sentence: str, said: list[str]) -> bool:
    """Whether the sentence reports an outcome for fewer items than it counts ("2 of 3 items added"). A position
    counts nothing done ("Page 1 of 3", "Showing 1–8 of 23" under a table the save reloaded), nor do all of them
    ("3 of 3 files uploaded")."""
    if not any(w in _OUTCOME_WORDS for w in said):
        return False
    return any(int(done) < int(total) for done, total in _PART_OF.findall(sentence))


def _awaits_approval(stated: list[str], said: list[str]) -> bool:
    """Whether the sentence puts the statement's own subject (a word of its meaning besides the outcome) behind an
    approval still to come, the statement not asking for that approval itself."""
    if not (_WAITING_WORDS & set(said) and _APPROVAL_WORDS & set(said)) or _APPROVAL_WORDS & set(stated):
        return False
    return bool((_meaning(stated) - {DONE}) & _meaning(said))


def answer_says(
    statement: str, sentences: list[str], *, clicked: str = "", about: str = "",
    named: Mapping[str, str] | None = None,
) -> str:
    """The sentence of the page's answer that says what ``statement`` states; '' when none does or when any
    sentence of the answer contradicts it (a success heading over a failure in small print is no success).
    ``clicked``, ``about`` and ``named`` as for ``says``."""
    if not statement_checkable(statement) or any(contradicts(statement, s) for s in sentences):
        return ""
    return next((s for s in sentences if says(statement, s, clicked=clicked, about=about, named=named)), "")


def says(
    statement: str, sentence: str, *, clicked: str = "", about: str = "", named: Mapping[str, str] | None = None
) -> bool:
    """Whether ``sentence`` (one the page showed) says what ``statement`` states, by the rule in the docstring.
    ``clicked``: the name of the control the sentence answers; ``about``: the title of the dialog that control sat
    in ("Edit customer"); ``named``: the run's parameters (key -> value), secrets left out."""
    if not statement_checkable(statement) or contradicts(statement, sentence):
        return False
    said, stated = _words(sentence), _words(statement)
    if not said or any(w in _NOT_YET_WORDS for w in said) or not _outcomes_agree(stated, said, clicked):
        return False
    if _UNAVAILABLE.search(sentence):
        return False  # "8:30pm (fully booked)": no room left, nothing done
    others = _meaning(stated) - {DONE}
    performed = _performed_by(clicked, stated, said, about)
    subject = {_stem(noun) for noun in _subject_done(stated, said)}
    found = others & (_meaning(said) | performed | _stood_for(sentence, named or {}) | subject)
    return len(found) >= math.ceil(len(others) / 2)


def _performed_by(clicked: str, stated: list[str], said: list[str], about: str = "") -> set[str]:
    """The words of the control the page answered, when that control performs the outcome ("Update customer" for
    "updated", "Book table" for "booked"): its object is what the answer speaks of; so is what the title of the
    dialog it sits in names ("Save" under "Edit customer"). A control that only looked something up ("Find a
    table") says nothing of a slot shown "fully booked"; a dialog's title never makes its control perform."""
    control = _words(clicked)
    outcomes = {_stem(w) for w in stated + said if w in _OUTCOME_WORDS}
    if "saved" in stated:
        # Saving keeps what a control made or changed (as _KEPT reads an answer): "Update preferences" answered
        # "Changes saved" saved the preferences.
        outcomes |= {_stem(w) for w in _KEPT}
    if not {_stem(w) for w in control} & outcomes:
        return set()
    return (_meaning(control) | _meaning(_words(about))) - {DONE}


# A parameter value this short ("1", "No") is found in too many sentences to say which thing they speak of.
_MIN_NAMED_VALUE = 3


def _stood_for(sentence: str, named: Mapping[str, str]) -> set[str]:
    """The stems of the parameter keys whose value the sentence holds: "module" when it names the module."""
    text = canonical(sentence)
    found: set[str] = set()
    for key, value in named.items():
        wanted = canonical(value)
        if len(wanted) >= _MIN_NAMED_VALUE and wanted in text:
            found |= {_stem(w) for w in _words(key.replace("_", " "))}
    return found


# Sentences shown in answer to the last click: the visible text of what appeared or changed since it (the click
# watch's nodes; one only restyled counts when it is a short message, not a whole list that merely re-rendered),
# or, when the click loaded a new document (no watch on it), the new document's main content (its navigation,
# banner, footer and asides aside). Split at line breaks and sentence ends, so a denial in one sentence does not
# spoil another. ``complete`` is false when the watch or the limit cut the list short: a contradiction may be
# among the sentences not read.
_SENTENCES_JS = """
(limit) => {
  const state = window.__roteWatch;
  const shown = (n) => { if (!n.isConnected) return false; const r = n.getBoundingClientRect();
    const s = getComputedStyle(n); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
  const chrome = 'nav,header,footer,aside,[role=navigation],[role=banner],[role=contentinfo],[role=complementary]';
  let nodes;
  if (state) nodes = state.touched;
  else nodes = document.querySelector('main,[role=main]') ? [document.querySelector('main,[role=main]')]
    : Array.from(document.body ? document.body.children : []).filter((c) => !c.matches(chrome));
  // A document the click loaded names itself in its title ("Policy confirmed"), which its body may not repeat.
  const out = !state && document.title.trim() ? [document.title.replace(/\\s+/g, ' ').trim().slice(0, 600)] : [];
  let complete = !state || state.touched.length < state.max;
  for (const n of nodes) {
    if (!n || !n.isConnected || !shown(n) || /^(INPUT|SELECT|TEXTAREA|OPTION|SCRIPT|STYLE)$/.test(n.tagName)) continue;
    if (state && (n === document.body || n === document.documentElement)) continue;
    const text = n.innerText || '';
    if (state && state.restyled && state.restyled.has(n) && !state.added.has(n) && text.length > 300) continue;
    for (const line of text.split(/\\n+|(?<=[.!?])\\s+/)) {
      const sentence = line.replace(/\\s+/g, ' ').trim().slice(0, 600);
      if (sentence && !out.includes(sentence)) out.push(sentence);
      if (out.length >= limit) return {sentences: out, complete: false, fresh: !state};
    }
  }
  return {sentences: out, complete, fresh: !state};
}
"""


async def answer_sentences(page: Page, *, limit: int = 300) -> tuple[list[str], bool]:
    """The sentences the page showed in answer to the last click (of the new document, when it loaded one, its
    title first), and whether they are all of them."""
    try:
        raw = await watched_frame(page).evaluate(_SENTENCES_JS, limit)
    except PlaywrightError:
        return [], False
    sentences = [str(s) for s in raw.get("sentences", [])]
    before = " ".join(page_events(page).before_text.split())
    if raw.get("fresh") and before:
        # A document the click loaded: what the page said before the click (a standing warning, help text the
        # form page shows again) is no answer to it, neither a confirmation nor a contradiction.
        sentences = [s for s in sentences if s not in before]
    return sentences, bool(raw.get("complete"))
