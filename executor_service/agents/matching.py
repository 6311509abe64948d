"""Pure fuzzy matching of payload keys (and their values) to form fields, radio groups and checkbox lists."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from executor_service.browser.clock_times import same_time
from executor_service.browser.countries import country_option
from executor_service.browser.field_roles import wrong_side
from executor_service.browser.form_vocabulary import SYNONYMS, normalise
from executor_service.browser.named_options import extends, leads
from executor_service.browser.number_bands import band_holding, number_of, numbers_clash
from executor_service.browser.option_codes import code_holding
from executor_service.browser.snapshot import SelectOption, SnapshotElement
from executor_service.browser.value_formats import mask_spelling, month_year_spelling, parse_date
from executor_service.runtime.option_naming import naming_option

FIELD_THRESHOLD = 70.0

_TRUE = {"true", "yes", "y", "1", "on", "checked", "x"}
_FALSE = {"false", "no", "n", "0", "off", "unchecked", "none", ""}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y")


def similarity(a: str, b: str) -> float:
    """0..100: how much two names mean the same thing (word order and extra words cost a little)."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 100.0
    if na.replace(" ", "") == nb.replace(" ", ""):
        return 98.0
    return max(fuzz.ratio(na, nb), 0.9 * fuzz.token_set_ratio(na, nb))


def truthy(value: str) -> bool | None:
    """True/False for the usual spellings of a boolean, None when the value is not one."""
    lowered = value.strip().casefold()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def iso_date(value: str) -> str | None:
    """The value as YYYY-MM-DD (what date inputs accept), or None when it is not a recognisable date."""
    text = value.strip()
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def best_option(value: str, options: Sequence[SelectOption], context: Sequence[str] = ()) -> SelectOption | None:
    """The option ``value`` names: exactly by value or text first, then case-insensitively, then the one option
    whose text is the value followed by details, then fuzzily (never one lacking a word or a number of the value's
    own; ``context``: the key and the list's label, whose words a value may repeat)."""
    real = [o for o in options if o.value or o.text]
    for matches in (
        lambda o: value in (o.value, o.text),
        lambda o: value.casefold() in (o.value.casefold(), o.text.casefold()),
    ):
        found = [o for o in real if matches(o)]
        if found:
            return found[0]
    timed = [o for o in real if same_time(value, o.text) or same_time(value, o.value)]
    if timed:
        return timed[0]  # "7:30 pm" for 19:30
    country = country_option(value, [(o.value, o.text) for o in real])
    if country is not None:
        return real[country]  # "UK" for "United Kingdom"
    leading = [o for o in real if o.value and (leads(value, o.text) or same_time(value, o.text, leading=True))]
    if len(leading) == 1:
        return leading[0]
    held = band_holding(value, [o.text for o in real])
    if held is not None:
        return real[held]  # "4,500" for "Up to 5,000 miles": the one range that holds the number
    coded = code_holding(value, [o.text for o in real])
    if coded is not None:
        return real[coded]  # "6140" for "CC6140 – Data Platform"
    named = naming_option([o.text for o in real], value)
    if named is not None:
        return real[named]  # "pothole" for "Potholes and road damage", "telephone" for "Phone call", as code chooses
    scored = [(max(similarity(value, o.text), similarity(value, o.value)), o) for o in real
              if o.value and not numbers_clash(value, o.text) and not adds_words(value, o.text, context)
              and not extends(value, o.text)]
    scored.sort(key=lambda pair: pair[0], reverse=True)
    if len(scored) > 1 and scored[1][0] == scored[0][0] and scored[0][1].text != scored[1][1].text:
        return None  # two options alike to the value ("10 Park Road": Flat 1 and Flat 2 there): a person asks
    return scored[0][1] if scored and scored[0][0] >= FIELD_THRESHOLD else None


# A free text about something ("Message for the recipient", "Note to the driver"): it names what the text is for,
# not a field for that thing; so "recipient" at its end does not make it the payee's field.
_FREE_TEXT_ABOUT = re.compile(r"^(message|comments?|notes?|details|description|instructions)\s+(for|to|about|on|of)\b")


def concept_score(key: str, name: str) -> float:
    """How surely two names are synonyms of common form vocabulary: 88 when both are a group's words exactly, 75
    when they end or start with them ("work phone" / "phone"), 0 otherwise; plain similarity breaks ties."""
    nk, nn = normalise(key), normalise(name)
    nn = re.sub(r"\s*\b(optional|required)\b", "", nn).strip()
    about = _FREE_TEXT_ABOUT.match(nn)
    best = 0.0
    for group in SYNONYMS:
        if nk in group and nn in group:
            best = max(best, 88.0)
        elif any(nk == g or nk.endswith(" " + g) for g in group) and any(
            nn == g or nn.startswith(g + " ") or (nn.endswith(" " + g) and not about) for g in group
        ):
            best = max(best, 75.0)
    return best + similarity(key, name) / 100 if best else 0.0


_ABBREVIATIONS = {"no": "number", "num": "number", "nr": "number", "ref": "reference", "qty": "quantity",
                  "tel": "telephone", "addr": "address", "org": "organisation", "dob": "date of birth",
                  "reg": "registration"}


def _expanded(name: str) -> str:
    """Common abbreviations spelled out and initialisms kept: "poNumber" -> "po number"."""
    return " ".join(_ABBREVIATIONS.get(word, word) for word in normalise(name).split())


# Words that say what kind of value a field holds, not which one ("VAT number" is told apart by "VAT").
_GENERIC_WORDS = frozenset(
    "number no num nr code id identifier name date reference ref type info information details value text field "
    "your my our the a an of for and or to in on at if any please optional required".split()
)


def _token_score(key: str, name: str) -> float:
    """79 when the words that single a key out ("vat" of vat_number, "order" of purchase_order) are what the
    field's name is about ("vat_reg", "order_no"), generic words (number, code, id) aside; 0 otherwise."""
    mine = set(_expanded(key).split()) - _GENERIC_WORDS
    theirs = set(_expanded(name).split()) - _GENERIC_WORDS
    shared = {w for w in mine & theirs if len(w) >= 3}
    if not shared or 2 * len(shared) < len(mine) or len(theirs - mine) > 1:
        return 0.0
    return 79.0


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _extra_words(key: str, name: str) -> float:
    """Eight points per distinctive word of a name the key does not have ("shipCompany" for company): a name
    that holds the key but is about something else as well is a lesser fit, often another thing altogether. A
    word in the plural is the same word, and a number only counts fields asking the same ("Age of traveler 1" has no
    word traveler_ages lacks)."""
    mine = {_singular(w) for w in _expanded(key).split()}
    theirs = {_singular(w) for w in _expanded(name).split() if not w.isdigit()}
    return 8.0 * len(theirs - mine - _GENERIC_WORDS)


def _stem_score(key: str, label: str) -> float:
    """A yes/no key and a box's label saying the same in other forms ("email_notifications" / "Notify me by
    email"): 74 when every distinctive word of the key is in the label in some form, 0 otherwise."""
    mine = set(_expanded(key).split()) - _GENERIC_WORDS
    theirs = set(_expanded(label).split()) - _GENERIC_WORDS
    if not mine or not theirs:
        return 0.0
    same = [w for w in mine if any(w == t or (min(len(w), len(t)) >= 4 and w[:5] == t[:5]) for t in theirs)]
    return 74.0 if len(same) == len(mine) else 0.0


# Words that only join others ("Age of traveler", "Name on the account"); unlike the generic words, words saying
# what kind of value a field holds (number, name, code) are kept: "Name on the account" is no account number.
_FILLERS = frozenset("your my our the a an of for and or to in on at if any please optional required".split())


def adds_words(value: str, name: str, context: Sequence[str] = ()) -> bool:
    """Whether a value holds a word of its own that an option's name lacks in any form ("Premium Plus" is not
    "Premium", "Visa Debit" not "Visa"), other than fillers and the words of what is being chosen (``context``: the
    key, the list's label: "Economy class" for "Economy" under "Cabin class"). Fuzzy letters alike cannot tell such
    values apart: the option holds all the words they share."""
    known = set(_expanded(name).split()) | {w for text in context for w in _expanded(text).split()}
    own = {w for w in _expanded(value).split() if len(w) >= 3 and not w.isdigit()} - _FILLERS - _FUNCTION_WORDS
    own -= {"thanks", "thank"}  # "No thanks" says no
    known |= {_us_spelling(k) for k in known}
    return any(not any(_same_stem(v, k) or fuzz.ratio(v, k) >= 80 for k in known for v in (w, _us_spelling(w)))
               for w in own)


def _us_spelling(word: str) -> str:
    """One spelling for British and American forms of a word ("grey"/"gray", "centre"/"center", "colour"/"color",
    "organise"/"organize"), so neither is a word of its own."""
    word = {"grey": "gray"}.get(word, word)
    word = re.sub(r"our$|our(?=s$)", "or", word)
    word = re.sub(r"(?<=[^aeiou])re$", "er", word)
    return re.sub(r"is(e|ed|es|ing|ation)$", r"iz\1", word)


def words_score(key: str, name: str) -> float:
    """76 when a field's name holds every word of the key, in some form, and no word of its own but fillers and
    a number ("Age of traveler 2" for traveler_ages); 0 otherwise. Letters alike say less than the same words."""
    mine = {_singular(w) for w in _expanded(key).split()} - _FILLERS - _FUNCTION_WORDS
    theirs = {_singular(w) for w in _expanded(name).split() if not w.isdigit()} - _FILLERS - _FUNCTION_WORDS
    if not mine or not all(any(_same_stem(w, t) for t in theirs) for w in mine):
        return 0.0
    return 76.0 if all(any(_same_stem(t, w) for w in mine) for t in theirs) else 0.0


_WORD = re.compile(r"[^\W\d_]{3}")
_IDENTIFIER = re.compile(r"(?=[\w-]*\d)(?=[\w-]*[^\W\d_])[\w-]{5,}")


def says_which(value: str) -> bool:
    """Whether a value can single out one item of a list by its words: a word of three letters ("Family Room",
    "pothole"), or an identifier of five characters or more mixing letters and digits ("E6S1109550711", "SO-1042").
    A number ("2"), an initial or a bare amount says too little."""
    return bool(_WORD.search(value) or _IDENTIFIER.fullmatch(value.strip()))


def describes(value: str) -> bool:
    """Whether a value is words that can describe or name an answer ("Vegetarian", "A podcast"), not a datum of
    its own kind (an email, a phone number, a date)."""
    text = value.strip()
    return says_which(text) and not (_EMAIL.match(text) or _PHONE.match(text) or iso_date(text))


def names_key(key: str, text: str) -> bool:
    """Whether a control's words are about a key: a synonym of the key ends or starts them ("Add a discount code"
    for promo_code), or they hold every distinctive word of the key in some form ("Have a promo code?")."""
    return concept_score(key, text) >= 75.0 or _stem_score(key, text) > 0


def _initials_score(key: str, name: str) -> float:
    """80 when the name starts with the key's initials ("purchase_order" / "po_ref"), 0 otherwise."""
    words = normalise(key).split()
    first = normalise(name).split()[:1]
    return 80.0 if len(words) >= 2 and first and first[0] == "".join(w[0] for w in words) else 0.0


def _names(element: SnapshotElement) -> list[tuple[str, float]]:
    # (name, weight): human-facing names count fully; nearby text, ids and form names a little less.
    context = [(text, 0.95 if i == 0 else 0.85) for i, text in enumerate(element.context)]
    named = [
        *((label, 1.0) for label in element.labels),
        (element.name, 1.0),
        *context,
        (element.placeholder, 0.9),
        (element.attr_name, 0.9),
        (element.id, 0.85),
    ]
    # A name's words in brackets explain it ("Registration (number plate)"): the name without them is a name too.
    plain = [(_BRACKETED.sub(" ", n).strip(), w * 0.97) for n, w in named if n and "(" in n]
    return [*named, *((n, w) for n, w in plain if n)]


_BRACKETED = re.compile(r"\([^)]*\)")


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]{7,}$")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_MONEY = re.compile(r"^\d+(?:[.,]\d{1,2})?$")
# A sum written as money: a currency sign, thousands grouped or not ("$9,000", "£18,250.50", "€ 75").
_SUM = re.compile(r"^[£$€¥]\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$")
_WIDGET_ROLES = ("option", "listbox", "menuitem", "tab", "slider")


def is_field(element: SnapshotElement) -> bool:
    """A field a value can be typed or chosen into (not a button, link, list option or file input)."""
    return (
        element.kind == "control"
        and not element.disabled
        and not element.is_clickable
        and element.tag != "summary"  # a <details> summary opens a section; it takes no value
        # A native range input takes its value as typed text does (Playwright's fill sets it and fires its events);
        # a scripted slider does not.
        and (element.role not in _WIDGET_ROLES or (element.tag == "input" and element.type == "range")
             or element.tag == "select")  # a native list box (<select multiple>) is chosen in as a select is
        and element.type not in ("hidden", "file", "submit", "button", "reset", "image")
    )


def is_setting(element: SnapshotElement) -> bool:
    """A UI kit's switch or box drawn as a button (``<button role="switch" aria-checked>``): no field to type in,
    but a yes/no value sets it as it sets a checkbox (field_assignment)."""
    return (element.kind == "control" and not element.disabled and element.tag != "input"
            and element.role in ("switch", "checkbox"))


def _shape_score(key: str, value: str, element: SnapshotElement) -> float:
    """What the value and the field's type say on their own (an email value and an email input)."""
    kind = element.type
    words = normalise(key)
    if kind == "email" and (_EMAIL.match(value) or "mail" in words):
        return 80.0
    if kind == "tel" and (_PHONE.match(value) and not _NUMBER.match(value.replace(" ", "")) or "phone" in words):
        return 78.0
    if kind == "date" and iso_date(value):
        return 78.0
    if kind == "time" and _TIME.match(value):
        return 78.0
    if kind == "password" and "password" in words:
        return 75.0
    if element.tag == "select" and element.options and any(value.strip().casefold() == o.text.casefold()
                                                           for o in element.options if o.value or o.text):
        return 76.0  # the value is one of its options' text: that is the field, whatever the key is called
    if element.tag == "select" and len([o for o in element.options if o.value and leads(value, o.text)]) == 1:
        return 74.0  # the value leads one option's text ("Ana Diaz" / "Ana Diaz (NL47 ...)", "2" / "2 nights")
    if element.tag == "select" and band_holding(value, [o.text for o in element.options]) is not None:
        return 72.0  # a number, and a list of ranges one of which holds it ("4,500" / "Up to 5,000 miles")
    if _SUM.match(value.strip()) and (kind == "number" or element.input_mode in ("decimal", "numeric")):
        return 74.0  # a sum of money, and a field that takes numbers
    if _MONEY.match(value.strip()) and (kind == "number" or element.input_mode == "decimal"):
        return 72.0  # an amount, and a field that takes decimals
    hint = " ".join((element.placeholder, element.pattern, *element.context))
    if kind in ("text", "") and element.tag == "input" and iso_date(value) and _DATE_HINT.search(hint):
        return 76.0  # a date, and a text field that asks for one in a stated format
    named = " ".join((*element.labels, element.placeholder, *element.context[:1]))
    if kind in ("text", "") and element.tag == "input" and iso_date(value) and _DATE_WORD.search(named):
        return 74.0  # a date, and a field called a date or a day ("Preferred day", "Choose a date")
    if element.tag == "input" and month_year_spelling(value, hint) and not iso_date(value):
        return 76.0  # a month and year ("08/2028"), and a field that asks for MM / YY
    if element.tag == "input" and mask_spelling(value, element.placeholder):
        return 72.0  # the value's digits fill the slots of the field's mask exactly
    if element.tag == "textarea" and is_free_text(value):
        # A sentence goes where sentences are written, however short; of two, the longer one (a subject line is
        # short). Four capitalised words (a name, an address) only lean that way, as they may be a line's value.
        return min((67.0 if _is_prose(value) else 64.0) + len(value.split()), 80.0)
    return 0.0


def shape_refuses(element: SnapshotElement, value: str) -> bool:
    """Whether the field's type or stated format rules the value out: a date box (or one whose placeholder is a
    date's format, "MM/DD/YYYY") for what is no date ("Last day"), an email box for what has no "@", a number box
    for what is no number."""
    text = value.strip()
    if parse_date(text) is None and (element.type == "date" or _DATE_HINT.search(element.placeholder)):
        return True
    return (element.type == "email" and "@" not in text) or (element.type == "number" and not _NUMBER.match(text))


# Keys that ask for a person's own words rather than a datum.
_PROSE_KEY = re.compile(r"\b(reason|reasons|comment|comments|message|note|notes|description|explanation|purpose|"
                        r"feedback|remarks|instructions|why)\b")


def _short_datum(value: str) -> bool:
    """One word, an email, a number or a date: never prose, whatever the key says."""
    text = value.strip()
    return len(text.split()) < 2 or bool(_EMAIL.match(text) or _NUMBER.match(text) or iso_date(text))


def _is_prose(value: str) -> bool:
    """Words mostly in lower case, as in a sentence ("Ring twice please"), not a name or address ("Rua da Paz 12")."""
    words = value.split()
    return sum(w[:1].islower() for w in words) >= 0.6 * len(words)


_DATE_WORD = re.compile(r"\b(date|day)\b", re.IGNORECASE)
# A stated date format: "DD/MM/YYYY", "yyyy-mm-dd", "MM.DD.YY".
_DATE_HINT = re.compile(r"\b(dd|mm|yyyy|yy)([./\- ])(dd|mm|yyyy)\2(dd|mm|yyyy|yy)\b", re.IGNORECASE)


# A field that repeats another ("Confirm password", "Repeat e-mail", "Type it again").
_REPEATS = re.compile(r"\b(confirm(ation)?|repeat|re ?enter|re ?type|retype|verify|again)\b", re.IGNORECASE)
# What a field is for ("Email address for your Direct Debit confirmation", "Phone number to receive a verification
# code", a hint "We'll send your confirmation here"): a confirmation sent there, not the value asked again.
_PURPOSE = re.compile(r"\b(?:for|to receive|to get|where we|we'?ll|we will|we send)\b.*$", re.IGNORECASE)


def _asks_again(name: str) -> bool:
    """Whether a field's name asks for a value typed once already ("Confirm email", "Repeat password")."""
    return bool(_REPEATS.search(_PURPOSE.sub("", name)))


def is_free_text(value: str) -> bool:
    """A sentence or more of prose (not an email, number, date or code)."""
    text = value.strip()
    if _EMAIL.match(text) or _NUMBER.match(text) or iso_date(text):
        return False
    return len(text.split()) >= 4 or (len(text) >= 30 and " " in text)


# Words that ask or point rather than name ("How many miles do you drive a year?" is about miles, driving, a year).
_FUNCTION_WORDS = frozenset(
    "what how much many where when which who whom whose why is are was were be been being do does did you i me we us "
    "they it its this that these those there here with by from as have has had would will can could should shall may "
    "might roughly about approximately each every per".split()
)


# A format's letters ("YYYY-MM-DD", "hh:mm") and bare numbers say how a value is written, not what it is.
_FORMAT_WORD = re.compile(r"^(?:d{1,2}|m{1,4}|y{2,4}|h{1,2}|s{1,2}|\d+)$")


def _meaning_words(text: str) -> set[str]:
    return {w for w in _expanded(text).split() if not _FORMAT_WORD.match(w)} - _GENERIC_WORDS - _FUNCTION_WORDS


def _same_stem(a: str, b: str) -> bool:
    """One word in two forms ("drive" / "driving", "insured" / "insurance"): equal, or of four letters or more and
    alike in their first five, or one the start of the other."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return a[:5] == b[:5] or a.startswith(b) or b.startswith(a)


def asked_about(key: str, question: str) -> bool:
    """Whether a question holds every meaning word of a key in some form ("How did you hear about us?" for
    how_heard: "heard" is "hear")."""
    mine, theirs = _meaning_words(key), _meaning_words(question)
    return bool(mine) and all(any(_same_stem(w, t) for t in theirs) for w in mine)


def described_score(description: str, name: str) -> float:
    """How surely a parameter's description and a field's name say the same ("miles I drive a year" / "How many
    miles do you drive a year?"): 90 times the share of their meaning words they have in common (a word in another
    form counts), 0 under two thirds. A description is a sentence, so unlike a key it must not win a field for
    merely holding the field's one word ("the email address the receipt goes to" is not the "Email" field)."""
    mine, theirs = _meaning_words(description), _meaning_words(name)
    if not mine or not theirs:
        return 0.0
    same = sum(any(_same_stem(w, t) for t in theirs) for w in mine)
    dice = 2 * same / (len(mine) + len(theirs))
    return 90.0 * dice if dice >= 2 / 3 else 0.0


def field_score(key: str, value: str, element: SnapshotElement, description: str = "") -> float:
    """How well a payload key (and its value) fits a form field: every name a person would read, synonyms of
    common form words, the value's shape against the field's type; ``description``, what the workflow's author
    said the parameter is, names the key too."""
    if not is_field(element) and not is_setting(element):
        return 0.0
    names = [(n, w) for n, w in _names(element) if n]
    score = max(((similarity(key, name) - _extra_words(key, name)) * weight for name, weight in names), default=0.0)
    score = max(score, max((concept_score(key, name) * weight for name, weight in names), default=0.0))
    score = max(score, max((concept_score(_expanded(key), _expanded(name)) * weight for name, weight in names),
                           default=0.0))
    score = max(score, max(((similarity(_expanded(key), _expanded(name)) - _extra_words(key, name)) * weight
                            for name, weight in names), default=0.0))
    score = max(score, max((_initials_score(key, name) * weight for name, weight in names), default=0.0))
    score = max(score, max((words_score(key, name) for name, weight in names if weight >= 0.97), default=0.0))
    # A bare field name ("vat_reg") is told apart by its distinctive words; a label says more, and is matched above.
    score = max(score, max((_token_score(key, n) * 0.9 for n in (element.attr_name, element.id) if n), default=0.0))
    if description:
        score = max(score, max((described_score(description, n) * w for n, w in names if w >= 0.9), default=0.0))
    if element.tag == "textarea" and _PROSE_KEY.search(normalise(key)) and not _short_datum(value):
        # A key that asks for prose ("reason", "notes"), however short its value ("Annual asthma review"; one word
        # may be a code or an answer), goes where prose is written, whatever the box's wording ("Briefly tell us
        # why you need to be seen").
        score = max(score, 72.0)
    shape = _shape_score(key, value, element)
    if shape > score:
        # The value's shape decides (a date, and a field that asks for a date); when two fields are alike in shape
        # ("First day of leave", "Last day of leave"), what their names say of the key breaks the tie, and first of
        # all which end of a range each is (start_date goes to "First night", not "Last night").
        # Names that merely look alike by their letters say nothing: under half a fit they do not count.
        score = shape + (score / 100 if score >= 50 else 0.0) + _same_end(key, [n for n, w in names if w >= 0.9])
    elif shape and score >= 50:
        # The names fit at least as well as the shape, and the shape agrees: a field both say is the key's beats
        # one only the shape fits ("Trip cost for all travelers" for "$3,650", not the "Year" box beside it).
        score += shape / 100
    is_toggle = element.type in ("checkbox", "radio") or element.role in ("checkbox", "radio", "switch")
    if (element.type == "radio" or element.role == "radio") and truthy(value) is False:
        return 0.0  # a radio is never unticked: "no" is another option of its group (choices.answered_questions)
    if element.tag != "input" and element.role in ("switch", "checkbox") and truthy(value) is None:
        return 0.0  # a UI kit's switch takes yes or no; a value naming switches turns them (widgets)
    if is_toggle and truthy(value) is not None:
        score = max(score, max((_stem_score(key, n) for n, w in names if w == 1.0), default=0.0))
    if is_toggle and truthy(value) is None:
        score *= 0.5
    if element.tag == "select" and element.options and not _offers(element, value):
        score *= 0.6
    if element.type == "date" and iso_date(value) is None:
        score *= 0.6
    if element.type == "email" and not _EMAIL.match(value):
        score *= 0.6
    if element.type == "number" and number_of(value) is None and not _NUMBER.match(value.strip()):
        score *= 0.6
    if element.type == "password" and "password" not in normalise(key) and "pin" not in normalise(key):
        score *= 0.7
    if not _REPEATS.search(normalise(key)) and any(_asks_again(n) for n, _ in names):
        score *= 0.8  # a field that asks again ("Confirm password") takes a value typed elsewhere first
    if _roles_clash(key, [n for n, _ in names]):
        score *= 0.5  # the billing street is not the shipping one, however alike their labels
    return score


def _offers(element: SnapshotElement, value: str) -> bool:
    """Whether a select has an option for the value (for each item it lists, in a <select multiple>)."""
    items = [i.strip() for i in re.split(r"[,;\n]", value) if i.strip()] if element.multiple else [value]
    return bool(items) and all(best_option(item, element.options) is not None for item in items)


# The words that say which end of a range a name is ("start_date", "First night of your stay", "Return by").
_RANGE_START = frozenset("start starts starting from first begin begins beginning earliest opening".split())
_RANGE_END = frozenset("end ends ending until till last finish finishes latest closing".split())


def _range_end(text: str) -> str:
    words = set(normalise(text).split())
    start, end = bool(words & _RANGE_START), bool(words & _RANGE_END)
    return "start" if start and not end else "end" if end and not start else ""


def _same_end(key: str, names: list[str]) -> float:
    """+1 when the key and the field's own names are the same end of a range, -1 when they are the two ends, 0
    when either says nothing: a tie-break between fields alike in shape."""
    mine = _range_end(key)
    theirs = {side for side in map(_range_end, names) if side}
    if not mine or len(theirs) != 1:
        return 0.0
    return 1.0 if mine in theirs else -1.0


def _roles_clash(key: str, names: list[str]) -> bool:
    """Whether the key is one side of a pair and the field's names (or the section around it) only the other
    ("billing_address" and "Street address" under "Shipping address"): the judge's own rule (``field_roles``)."""
    return bool(wrong_side(key, names))
