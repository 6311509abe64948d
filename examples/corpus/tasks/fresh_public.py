"""Held-out public-sector and account forms: library card, council report, job, profile settings, parking permit."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
import re
from dataclasses import dataclass

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import (
    COMPANIES,
    MONTHS,
    code,
    email_for,
    form_workflow,
    person,
    submit_and_wait,
)

# --- shared: UK postcodes, formats, Bootstrap/GOV.UK-like styling -----------------------------------------

_PC_AREAS = ("LS", "M", "B", "BS", "NE", "CF", "EH", "NG", "SO", "YO", "OX", "HU", "S", "L")
_PC_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_BLANK = Submission("blank", {})

_CSS = """<style>
.container{max-width:44rem}.form-label{font-weight:600}.lead{font-size:1.1rem}
.form-control,.form-select{display:block;width:100%;box-sizing:border-box}
.mb-3{margin-bottom:1rem}.form-text,.hint{color:#555;font-size:.9rem;margin:.15rem 0 .35rem}
.text-danger,.req{color:#b00020}.is-invalid{border:2px solid #b00020}
.invalid-feedback,.field-error{color:#b00020;font-size:.9rem;font-weight:600}
.alert{padding:.7rem 1rem;border:1px solid;margin:1rem 0}.alert-danger{border-color:#b00020;background:#fde8ea}
.alert-success{border-color:#0a7a2f;background:#e6f4ea}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}
.row-g{display:flex;gap:.6rem}.form-check{margin:.45rem 0}.form-check label,.radio-item label{display:inline}
fieldset{border:0;padding:0;margin:1rem 0}legend{font-weight:600;padding:0}
.form-floating{position:relative;margin:.8rem 0}
.form-floating>.form-control,.form-floating>.form-select{padding:1.45rem .6rem .35rem}
.form-floating>label{position:absolute;top:0;left:0;margin:0;padding:.3rem .65rem;font-size:.78rem;color:#555;
 pointer-events:none}
.error-summary{border:4px solid #b00020;padding:.6rem 1rem;margin:1rem 0}.caption{color:#555;font-size:1.1rem}
.radio-item{margin:.35rem 0}.btn-primary{background:#1d4ed8;color:#fff;border:0}.btn-danger{background:#b00020;
 color:#fff;border:0}.btn-govuk{background:#00703c;color:#fff;border:0}
.formtable td.lbl{width:14rem;vertical-align:top;font-weight:600}.formtable th{background:#e8eef6;text-align:left}
.validation-summary{color:#b00020;border:1px solid #b00020;padding:.5rem 1rem;margin:.8rem 0}
</style>"""


def _postcode(rng: random.Random) -> str:
    letters = rng.choice(_PC_LETTERS) + rng.choice(_PC_LETTERS)
    return f"{pick(rng, _PC_AREAS)}{rng.randint(1, 19)} {rng.randint(1, 9)}{letters}"


def _squash(value: str) -> str:
    """Case and spacing do not matter to a postcode or a number plate."""
    return re.sub(r"\s+", "", value).upper()


def _uk_postcode_ok(value: str) -> bool:
    return bool(_UK_POSTCODE.match(" ".join(value.upper().split())))


def _same_text(got: str, want: str) -> bool:
    """Equal up to runs of whitespace (a textarea posts CRLF line breaks)."""
    return " ".join(got.split()) == " ".join(want.split())


def _options(pairs: list[tuple[str, str]], chosen: str, placeholder: str | None = None) -> str:
    """<option>s from (value, text) pairs; the chosen value is selected."""
    out = [f'<option value="">{esc(placeholder)}</option>'] if placeholder is not None else []
    for value, text in pairs:
        selected = " selected" if value == chosen and value else ""
        out.append(f'<option value="{esc(value)}"{selected}>{esc(text)}</option>')
    return "".join(out)


def _flag(on: bool, word: str = "checked") -> str:
    return f" {word}" if on else ""


def _hexes(rng: random.Random, count: int, prefix: str) -> list[str]:
    return [f"{prefix}{n:06x}" for n in rng.sample(range(0x100000, 0xFFFFFF), count)]


def _reference(visit: Visit, prefix: str) -> str:
    return f"{prefix}{int(visit.token[:6], 16) % 900000 + 100000}"


# --- 1. library card: Bootstrap markup, date of birth as day/month/year selects, confirm email, terms ---------

_BRANCHES = (
    "Central Library",
    "Hillside Library",
    "Marsh Lane Library",
    "Northgate Library",
    "Oakfield Community Library",
    "Riverside Library",
    "Westbrook Library",
)
_TITLES = ("Mr", "Mrs", "Miss", "Ms", "Mx", "Dr")
_LIB_WORDS = {
    "heading": ("Join the library", "Apply for a library card", "Library membership application"),
    "title": ("Title (optional)",),
    "first": ("First name", "Forename", "Given name(s)"),
    "last": ("Last name", "Surname", "Family name"),
    "dob": ("Date of birth", "Your date of birth"),
    "email": ("Email address", "Email"),
    "confirm": ("Confirm email address", "Re-enter your email address", "Confirm email"),
    "postcode": ("Postcode", "Home postcode"),
    "branch": ("Home library", "Your nearest library", "Which library will you collect your card from?"),
    "news": (
        "Email me about events, new stock and library news",
        "Sign me up to the library e-newsletter",
        "Keep me updated about library events and offers by email",
    ),
    "terms": ("I agree to the", "I have read and accept the"),
    "button": ("Submit application", "Apply for a library card", "Join the library", "Register"),
}
_LIB_ORDERS = (
    ("name", "dob", "contact", "postcode", "branch"),
    ("name", "contact", "dob", "postcode", "branch"),
    ("name", "dob", "postcode", "contact", "branch"),
    ("branch", "name", "dob", "contact", "postcode"),
)


@dataclass(frozen=True)
class _LibraryLayout:
    names: dict[str, str]
    ids: dict[str, str]
    words: dict[str, str]
    branches: dict[str, str]  # option value -> branch name
    pad: bool  # day/month option values "07" (else "7")
    short_months: bool  # "Mar" (else "March")
    order: tuple[str, ...]


def _library_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    year, month = rng.randint(1948, 2005), rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    return {
        "first_name": first,
        "last_name": last,
        "date_of_birth": f"{day:02d}/{month:02d}/{year}",
        "email": email_for(rng, first, last),
        "postcode": _postcode(rng),
        "library": pick(rng, _BRANCHES),
    }


def _library_layout(visit: Visit) -> _LibraryLayout:
    rng = visit.rng
    form_no = rng.randint(2, 19)
    keys = ("title", "first", "last", "dob", "email", "confirm", "postcode", "branch", "news", "terms")
    numbers = dict(zip(keys, rng.sample(range(1, 40), len(keys)), strict=True))
    names = {key: f"input_{n}" for key, n in numbers.items()}  # Gravity-Forms-like names
    for i, part in enumerate(("day", "month", "year"), start=1):
        names[part] = f"input_{numbers['dob']}.{i}"
    names["news"] = f"input_{numbers['news']}.1"
    names["terms"] = f"input_{numbers['terms']}.1"
    ids = {key: f"input_{form_no}_{name.removeprefix('input_').replace('.', '_')}" for key, name in names.items()}
    values = rng.sample(range(2, 60), len(_BRANCHES))
    return _LibraryLayout(
        names=names,
        ids=ids,
        words={key: pick(rng, options) for key, options in _LIB_WORDS.items()},
        branches={str(v): b for v, b in zip(values, _BRANCHES, strict=True)},
        pad=rng.random() < 0.5,
        short_months=rng.random() < 0.4,
        order=pick(rng, _LIB_ORDERS),
    )


_STAR = ' <span class="text-danger" aria-hidden="true">*</span>'


def _library_form(visit: Visit, sub: Submission = _BLANK, errors: dict[str, str] | None = None) -> str:
    lay = _library_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    errors = errors or {}

    def bad(key: str) -> str:
        return " is-invalid" if key in errors else ""

    def err(key: str) -> str:
        if key not in errors:
            return ""
        return f'<div class="invalid-feedback" id="{ids[key]}_err">{esc(errors[key])}</div>'

    def text(key: str, kind: str = "text", hint: str = "") -> str:
        described = f' aria-describedby="{ids[key]}_help"' if hint else ""
        help_html = f'<div class="form-text" id="{ids[key]}_help">{esc(hint)}</div>' if hint else ""
        return (
            f'<div class="mb-3"><label class="form-label" for="{ids[key]}">{esc(w[key])}{_STAR}</label>'
            f'<input class="form-control{bad(key)}" type="{kind}" id="{ids[key]}" name="{n[key]}"'
            f' value="{esc(sub.one(n[key]))}" aria-required="true" data-f="{code(key)}"{described}>'
            f"{help_html}{err(key)}</div>"
        )

    def part(key: str, word: str, pairs: list[tuple[str, str]]) -> str:
        return (
            f'<div><label class="visually-hidden" for="{ids[key]}">{word}</label>'
            f'<select class="form-select{bad("dob")}" id="{ids[key]}" name="{n[key]}" data-f="{code(key)}">'
            f"{_options(pairs, sub.one(n[key]), word)}</select></div>"
        )

    title = (
        f'<div class="mb-3"><label class="form-label" for="{ids["title"]}">{esc(w["title"])}</label>'
        f'<select class="form-select" id="{ids["title"]}" name="{n["title"]}" style="max-width:8rem">'
        f"{_options([(t, t) for t in _TITLES], sub.one(n['title']), 'Select')}</select></div>"
    )
    days = [(f"{d:02d}" if lay.pad else str(d), str(d)) for d in range(1, 32)]
    months = [
        (f"{m:02d}" if lay.pad else str(m), MONTHS[m - 1][:3] if lay.short_months else MONTHS[m - 1])
        for m in range(1, 13)
    ]
    years = [(str(y), str(y)) for y in range(dt.date.today().year, 1919, -1)]
    dob = (
        f'<fieldset class="mb-3" id="{ids["dob"]}" aria-describedby="{ids["dob"]}_help">'
        f'<legend class="form-label">{esc(w["dob"])}{_STAR}</legend>'
        f'<div class="form-text" id="{ids["dob"]}_help">For example, 27 March 1990. We use this to give you the'
        " right type of membership.</div>"
        f'<div class="row-g">{part("day", "Day", days)}{part("month", "Month", months)}{part("year", "Year", years)}'
        f"</div>{err('dob')}</fieldset>"
    )
    branch_pairs = sorted(lay.branches.items(), key=lambda item: item[1])
    branch = (
        f'<div class="mb-3"><label class="form-label" for="{ids["branch"]}">{esc(w["branch"])}{_STAR}</label>'
        f'<select class="form-select{bad("branch")}" id="{ids["branch"]}" name="{n["branch"]}"'
        f' data-f="{code("branch")}">{_options(branch_pairs, sub.one(n["branch"]), "Please choose")}</select>'
        f'<div class="form-text">You can borrow and return items at any of our libraries.</div>{err("branch")}</div>'
    )
    sections = {
        "name": title + text("first") + text("last"),
        "dob": dob,
        "contact": text("email", "email", "We will email your membership number and PIN to this address.")
        + text("confirm", "email"),
        "postcode": text("postcode", hint="We check that you live, work or study in the area. For example, LS1 3AB."),
        "branch": branch,
    }
    news = (
        f'<div class="form-check"><input class="form-check-input" type="checkbox" id="{ids["news"]}"'
        f' name="{n["news"]}" value="1"{_flag(bool(sub.one(n["news"])))}>'
        f' <label class="form-check-label" for="{ids["news"]}">{esc(w["news"])}</label></div>'
    )
    terms = (
        f'<div class="form-check"><input class="form-check-input{bad("terms")}" type="checkbox" id="{ids["terms"]}"'
        f' name="{n["terms"]}" value="1" aria-required="true" data-f="{code("terms")}"'
        f"{_flag(bool(sub.one(n['terms'])))}>"
        f' <label class="form-check-label" for="{ids["terms"]}">{esc(w["terms"])} library\'s'
        f' <a href="{visit.url("conditions")}" target="_blank">conditions of membership</a>{_STAR}</label>'
        f"{err('terms')}</div>"
    )
    summary = ""
    if errors:
        items = "".join(f'<li><a href="#{ids[k]}">{esc(m)}</a></li>' for k, m in errors.items())
        summary = (
            '<div class="alert alert-danger" role="alert"><strong>There was a problem with your application.'
            f"</strong> Please check the following:<ul>{items}</ul></div>"
        )
    body = (
        f'<div class="container"><h1>{esc(w["heading"])}</h1>'
        '<p class="lead">Library membership is free for anyone who lives, works or studies in the district.</p>'
        f'{summary}<form method="post" action="{visit.url("submit")}" novalidate>'
        '<p class="form-text">Fields marked with <span class="text-danger">*</span> are required.</p>'
        + "".join(sections[key] for key in lay.order)
        + news
        + terms
        + f'<button type="submit" class="btn btn-primary" data-f="{code("go")}">{esc(w["button"])}</button>'
        "</form></div>"
    )
    return page("Library membership", body, head=_CSS)


def _library_errors(lay: _LibraryLayout, sub: Submission) -> dict[str, str]:
    n = lay.names
    errors: dict[str, str] = {}
    if not sub.one(n["first"]).strip():
        errors["first"] = "Enter your first name"
    if not sub.one(n["last"]).strip():
        errors["last"] = "Enter your last name"
    try:
        born = dt.date(int(sub.one(n["year"])), int(sub.one(n["month"])), int(sub.one(n["day"])))
    except ValueError:
        errors["dob"] = "Date of birth must be a real date"
    else:
        if born >= dt.date.today():
            errors["dob"] = "Date of birth must be in the past"
    email = sub.one(n["email"]).strip()
    if not _EMAIL.match(email):
        errors["email"] = "Enter an email address in the correct format, like name@example.com"
    elif sub.one(n["confirm"]).strip().casefold() != email.casefold():
        errors["confirm"] = "The email addresses do not match"
    if not _uk_postcode_ok(sub.one(n["postcode"])):
        errors["postcode"] = "Enter a full UK postcode, like LS1 3AB"
    if sub.one(n["branch"]) not in lay.branches:
        errors["branch"] = "Choose your home library"
    if not sub.one(n["terms"]):
        errors["terms"] = "You must accept the conditions of membership to join"
    return errors


def _library_render(visit: Visit) -> str:
    if visit.path == "conditions":
        body = (
            "<h1>Conditions of membership</h1><ol><li>Your card is personal to you; do not lend it.</li>"
            "<li>Tell us when you change your address.</li><li>You are responsible for items borrowed on your card."
            "</li><li>Charges apply to lost or damaged items.</li></ol>"
        )
        return page("Conditions of membership", body, head=_CSS)
    return _library_form(visit)


def _library_respond(visit: Visit, sub: Submission) -> Response:
    lay = _library_layout(visit)
    errors = _library_errors(lay, sub)
    if errors:
        return Response(_library_form(visit, sub, errors))
    first = sub.one(lay.names["first"]).strip()
    branch = lay.branches[sub.one(lay.names["branch"])]
    body = (
        '<div class="container"><h1>Application received</h1>'
        f'<div class="alert alert-success" role="status">Thank you, {esc(first)}. Your library card application has'
        " been received.</div>"
        f"<p>Your temporary membership number is <strong>{_reference(visit, '2100')}</strong>. You can use it to"
        " borrow eBooks and eAudiobooks straight away.</p>"
        f"<p>Collect your card from <strong>{esc(branch)}</strong> within 30 days. Please bring photo ID and proof"
        " of your address.</p></div>"
    )
    return Response(page("Application received", body, head=_CSS))


def _library_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay, p = _library_layout(visit), visit.params
    n = lay.names
    errors = _library_errors(lay, sub)
    if errors:
        return Verdict.no("the application was refused by the form: " + "; ".join(errors.values()))
    for key, field in (("first_name", "first"), ("last_name", "last")):
        if sub.one(n[field]).strip() != p[key]:
            return Verdict.no(f"{key}: expected {p[key]!r}, got {sub.one(n[field])!r}")
    day, month, year = (int(x) for x in p["date_of_birth"].split("/"))
    got = (int(sub.one(n["day"])), int(sub.one(n["month"])), int(sub.one(n["year"])))
    if got != (day, month, year):
        return Verdict.no(f"date of birth: expected {p['date_of_birth']}, got {got[0]:02d}/{got[1]:02d}/{got[2]}")
    if sub.one(n["email"]).strip().casefold() != p["email"].casefold():
        return Verdict.no(f"email: expected {p['email']!r}, got {sub.one(n['email'])!r}")
    if _squash(sub.one(n["postcode"])) != _squash(p["postcode"]):
        return Verdict.no(f"postcode: expected {p['postcode']!r}, got {sub.one(n['postcode'])!r}")
    chosen = lay.branches[sub.one(n["branch"])]
    if chosen != p["library"]:
        return Verdict.no(f"home library: expected {p['library']!r}, got {chosen!r}")
    if sub.one(n["title"]):
        return Verdict.no(f"title was not asked for and should stay unselected, got {sub.one(n['title'])!r}")
    if sub.one(n["news"]):
        return Verdict.no("the newsletter box should stay unticked")
    return Verdict.yes("library card application submitted with the requested details")


async def _library_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(f'[data-f="{code("first")}"]', params["first_name"])
    await pw.fill(f'[data-f="{code("last")}"]', params["last_name"])
    day, month, year = (int(x) for x in params["date_of_birth"].split("/"))
    await pw.select_option(f'[data-f="{code("day")}"]', label=str(day))
    month_select = pw.locator(f'[data-f="{code("month")}"]')
    month_labels = await month_select.locator("option").all_inner_texts()
    label = MONTHS[month - 1] if MONTHS[month - 1] in month_labels else MONTHS[month - 1][:3]
    await month_select.select_option(label=label)
    await pw.select_option(f'[data-f="{code("year")}"]', label=str(year))
    await pw.fill(f'[data-f="{code("email")}"]', params["email"])
    await pw.fill(f'[data-f="{code("confirm")}"]', params["email"])
    await pw.fill(f'[data-f="{code("postcode")}"]', params["postcode"])
    await pw.select_option(f'[data-f="{code("branch")}"]', label=params["library"])
    await pw.check(f'[data-f="{code("terms")}"]')
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 2. council problem report: two server-side steps (what → where and who), GOV.UK-like markup ---------------

_ISSUES = {
    "pothole": ("Pothole", "Potholes and damaged road surface", "Pothole or road defect"),
    "street light not working": ("Street light not working", "Street lighting fault", "Faulty or broken street light"),
    "fly-tipping": ("Fly-tipping", "Fly-tipping (dumped rubbish)", "Fly-tipping or illegally dumped waste"),
    "graffiti": ("Graffiti", "Graffiti or fly-posting", "Graffiti removal"),
    "blocked drain": ("Blocked drain", "Blocked drain or gully", "Blocked road drain"),
}
_DETAILS = {
    "pothole": "Deep pothole roughly {n} cm across in the middle of the road, next to the {landmark}. Cars are"
    " swerving round it.",
    "street light not working": "The street light opposite the {landmark} has been out for {k} nights, so the"
    " pavement is completely dark.",
    "fly-tipping": "Someone has dumped {k} black bags and an old mattress on the verge by the {landmark}.",
    "graffiti": "Large graffiti tag sprayed across the wall beside the {landmark}, about {n} cm high.",
    "blocked drain": "The drain by the {landmark} is blocked and the road floods about {k} cm deep after rain.",
}
_LANDMARKS = ("bus stop", "post box", "zebra crossing", "primary school gate", "corner shop", "park entrance")
_STREETS = ("Tanner Row", "Church Lane", "Victoria Road", "Mill Street", "Station Approach", "Holly Bank", "Westgate")


@dataclass(frozen=True)
class _ReportLayout:
    names: dict[str, str]
    ids: dict[str, str]
    values: dict[str, str]  # issue key -> radio value
    labels: dict[str, str]  # issue key -> radio label
    order: tuple[str, ...]
    words: dict[str, str]


def _report_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    issue = pick(rng, list(_ISSUES))
    details = _DETAILS[issue].format(n=rng.randint(20, 90), k=rng.randint(3, 9), landmark=pick(rng, _LANDMARKS))
    return {
        "problem": issue,
        "details": details,
        "street": pick(rng, _STREETS),
        "postcode": _postcode(rng),
        "full_name": f"{first} {last}",
        "email": email_for(rng, first, last),
    }


def _report_layout(visit: Visit) -> _ReportLayout:
    rng = visit.rng
    keys = ("problem", "details", "street", "postcode", "name", "email", "phone", "updates")
    names = dict(zip(keys, _hexes(rng, len(keys), "q"), strict=True))
    ids = {key: f"f-{name[1:]}" for key, name in names.items()}
    order = list(_ISSUES)
    if rng.random() < 0.5:
        rng.shuffle(order)
    words = {
        "legend": pick(rng, ("What do you want to report?", "What is the problem?", "What type of problem is it?")),
        "details": pick(rng, ("Tell us about the problem", "Describe the problem", "More details")),
        "street": pick(rng, ("Street name", "Street or road name", "Road / street")),
        "postcode": pick(rng, ("Postcode", "Nearest postcode")),
        "name": pick(rng, ("Full name", "Your name", "Name")),
        "email": pick(rng, ("Email address", "Email")),
        "continue": pick(rng, ("Continue", "Next", "Save and continue")),
        "send": pick(rng, ("Send report", "Submit report", "Report problem")),
    }
    return _ReportLayout(
        names=names,
        ids=ids,
        values=dict(zip(_ISSUES, (str(v) for v in rng.sample(range(100, 999), len(_ISSUES))), strict=True)),
        labels={key: pick(rng, labels) for key, labels in _ISSUES.items()},
        order=tuple(order),
        words=words,
    )


def _govuk_summary(errors: dict[str, str], ids: dict[str, str]) -> str:
    if not errors:
        return ""
    items = "".join(f'<li><a href="#{ids[k]}">{esc(m)}</a></li>' for k, m in errors.items())
    return f'<div class="error-summary" role="alert"><h2>There is a problem</h2><ul>{items}</ul></div>'


def _problem_page(visit: Visit, sub: Submission = _BLANK, errors: dict[str, str] | None = None) -> str:
    lay = _report_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    errors = errors or {}
    radios = "".join(
        f'<div class="radio-item"><input type="radio" id="{ids["problem"]}-{i}" name="{n["problem"]}"'
        f' value="{lay.values[key]}" data-f="{code("problem:" + key)}"'
        f"{_flag(sub.one(n['problem']) == lay.values[key])}>"
        f' <label for="{ids["problem"]}-{i}">{esc(lay.labels[key])}</label></div>'
        for i, key in enumerate(lay.order)
    )
    problem_error = f'<p class="field-error">{esc(errors["problem"])}</p>' if "problem" in errors else ""
    details_error = f'<p class="field-error">{esc(errors["details"])}</p>' if "details" in errors else ""
    body = (
        '<div class="container"><span class="caption">Report a problem</span>'
        f"{_govuk_summary(errors, ids)}"
        f'<form method="post" action="{visit.url("submit/problem")}" novalidate>'
        f'<fieldset id="{ids["problem"]}"><legend><h1>{esc(w["legend"])}</h1></legend>'
        f"{problem_error}{radios}</fieldset>"
        f'<div class="mb-3"><label class="form-label" for="{ids["details"]}">{esc(w["details"])}</label>'
        f'<div class="hint" id="{ids["details"]}-hint">Include anything that will help us find and fix it. Do not'
        " include personal or financial information.</div>"
        f'{details_error}<textarea class="form-control" id="{ids["details"]}" name="{n["details"]}" rows="5"'
        f' maxlength="500" aria-describedby="{ids["details"]}-hint" data-f="{code("details")}">'
        f'{esc(sub.one(n["details"]))}</textarea><div class="hint">You can enter up to 500 characters</div></div>'
        f'<button type="submit" class="btn btn-govuk" data-f="{code("continue")}">{esc(w["continue"])}</button>'
        '</form><p class="hint">Step 1 of 2</p></div>'
    )
    return page("Report a problem", body, head=_CSS)


def _location_page(visit: Visit, sub: Submission = _BLANK, errors: dict[str, str] | None = None) -> str:
    lay = _report_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    errors = errors or {}
    chosen = visit.state.get("report_problem", {}).get("problem", "")
    label = next((lay.labels[k] for k, v in lay.values.items() if v == chosen), "")

    def err(key: str) -> str:
        return f'<p class="field-error" id="{ids[key]}-error">{esc(errors[key])}</p>' if key in errors else ""

    def placeholder_only(key: str) -> str:
        return (
            f'<div class="mb-3">{err(key)}<input class="form-control" type="text" id="{ids[key]}" name="{n[key]}"'
            f' placeholder="{esc(w[key])}" value="{esc(sub.one(n[key]))}" data-f="{code(key)}"></div>'
        )

    def labelled(key: str, text: str, kind: str = "text", hint: str = "") -> str:
        hint_html = f'<div class="hint">{esc(hint)}</div>' if hint else ""
        return (
            f'<div class="mb-3"><label class="form-label" for="{ids[key]}">{esc(text)}</label>{hint_html}{err(key)}'
            f'<input class="form-control" type="{kind}" id="{ids[key]}" name="{n[key]}"'
            f' value="{esc(sub.one(n[key]))}" data-f="{code(key)}"></div>'
        )

    updates = sub.one(n["updates"]) if sub is not _BLANK else "yes"
    body = (
        f'<div class="container"><a href="{visit.url()}">Back</a><br><span class="caption">Report a problem</span>'
        f"{_govuk_summary(errors, ids)}"
        f'<p>You are reporting: <strong>{esc(label)}</strong> <a href="{visit.url()}">Change</a></p>'
        f'<form method="post" action="{visit.url("submit/report")}" novalidate>'
        "<h1>Where is the problem?</h1>"
        '<p class="hint">Tell us the street and the nearest postcode.</p>'
        + placeholder_only("street")
        + placeholder_only("postcode")
        + '<h2>Your details</h2><p class="hint">We only use these to contact you about this report.</p>'
        + labelled("name", w["name"])
        + labelled("email", w["email"], "email", "We will send a confirmation to this address.")
        + labelled("phone", "Phone number (optional)", "tel")
        + f'<div class="form-check"><input type="checkbox" id="{ids["updates"]}" name="{n["updates"]}" value="yes"'
        f"{_flag(bool(updates))}>"
        f' <label for="{ids["updates"]}">Email me when the status of my report changes</label></div>'
        f'<button type="submit" class="btn btn-govuk" data-f="{code("send")}">{esc(w["send"])}</button>'
        '</form><p class="hint">Step 2 of 2</p></div>'
    )
    return page("Report a problem: location and contact details", body, head=_CSS)


def _problem_errors(lay: _ReportLayout, sub: Submission) -> dict[str, str]:
    errors: dict[str, str] = {}
    if sub.one(lay.names["problem"]) not in lay.values.values():
        errors["problem"] = "Select the type of problem you want to report"
    details = sub.one(lay.names["details"]).strip()
    if len(details) < 10:
        errors["details"] = "Tell us about the problem"
    elif len(details) > 500:
        errors["details"] = "Description must be 500 characters or fewer"
    return errors


def _location_errors(lay: _ReportLayout, sub: Submission) -> dict[str, str]:
    n = lay.names
    errors: dict[str, str] = {}
    if not sub.one(n["street"]).strip():
        errors["street"] = "Enter the street name"
    if not _uk_postcode_ok(sub.one(n["postcode"])):
        errors["postcode"] = "Enter a real postcode, like LS1 3AB"
    if not sub.one(n["name"]).strip():
        errors["name"] = "Enter your name"
    if not _EMAIL.match(sub.one(n["email"]).strip()):
        errors["email"] = "Enter an email address in the correct format, like name@example.com"
    return errors


def _report_render(visit: Visit) -> Response | str:
    if visit.path == "location":
        if "report_problem" not in visit.state:
            return Response.redirect(visit.url())
        return _location_page(visit)
    lay = _report_layout(visit)
    saved = visit.state.get("report_problem", {})
    prefill = Submission("saved", {lay.names[k]: [v] for k, v in saved.items()})
    return _problem_page(visit, prefill)


def _report_respond(visit: Visit, sub: Submission) -> Response:
    lay = _report_layout(visit)
    if sub.step == "problem":
        errors = _problem_errors(lay, sub)
        if errors:
            return Response(_problem_page(visit, sub, errors))
        visit.state["report_problem"] = {
            "problem": sub.one(lay.names["problem"]),
            "details": sub.one(lay.names["details"]),
        }
        return Response.redirect(visit.url("location"))
    if sub.step == "report":
        if "report_problem" not in visit.state:
            body = (
                "<h1>Sorry, your session has timed out</h1><p>We have not saved your answers.</p>"
                f'<p><a href="{visit.url()}">Start again</a></p>'
            )
            return Response(page("Session timed out", body, head=_CSS), status=400)
        errors = _location_errors(lay, sub)
        if errors:
            return Response(_location_page(visit, sub, errors))
        email = sub.one(lay.names["email"]).strip()
        body = (
            '<div class="container"><div class="alert alert-success" role="status"><h1>Report submitted</h1>'
            f"<p>Your reference number is <strong>{_reference(visit, 'RP')}</strong></p></div>"
            f"<p>We have sent a confirmation email to {esc(email)}.</p>"
            "<h2>What happens next</h2><p>An inspector normally visits within 5 working days. Urgent problems that"
            " are a danger to the public are made safe within 24 hours.</p></div>"
        )
        return Response(page("Report submitted", body, head=_CSS))
    return Response(page("Not found", "<h1>Page not found</h1>"), status=404)


def _report_judge(visit: Visit, record: Record) -> Verdict:
    lay, p = _report_layout(visit), visit.params
    n = lay.names
    subs = record.submissions
    last = max((i for i, s in enumerate(subs) if s.step == "report"), default=None)
    if last is None:
        if record.steps("problem"):
            return Verdict.no("the report was never sent: only the first step (the problem) was completed")
        return Verdict.no("nothing was submitted")
    report = subs[last]
    problem = next((s for s in reversed(subs[:last]) if s.step == "problem" and not _problem_errors(lay, s)), None)
    if problem is None:
        return Verdict.no("the second step was sent without a completed first step")
    errors = _location_errors(lay, report)
    if errors:
        return Verdict.no("the council refused the report: " + "; ".join(errors.values()))
    chosen = next((k for k, v in lay.values.items() if v == problem.one(n["problem"])), "")
    if chosen != p["problem"]:
        return Verdict.no(f"problem type: expected {p['problem']!r}, got {chosen!r}")
    if not _same_text(problem.one(n["details"]), p["details"]):
        return Verdict.no(f"description: expected {p['details']!r}, got {problem.one(n['details'])!r}")
    if report.one(n["street"]).strip() != p["street"]:
        return Verdict.no(f"street: expected {p['street']!r}, got {report.one(n['street'])!r}")
    if _squash(report.one(n["postcode"])) != _squash(p["postcode"]):
        return Verdict.no(f"postcode: expected {p['postcode']!r}, got {report.one(n['postcode'])!r}")
    if not _same_text(report.one(n["name"]), p["full_name"]):
        return Verdict.no(f"name: expected {p['full_name']!r}, got {report.one(n['name'])!r}")
    if report.one(n["email"]).strip().casefold() != p["email"].casefold():
        return Verdict.no(f"email: expected {p['email']!r}, got {report.one(n['email'])!r}")
    if report.one(n["phone"]).strip():
        return Verdict.no(f"phone was not given and should stay empty, got {report.one(n['phone'])!r}")
    if not report.one(n["updates"]):
        return Verdict.no("'email me when the status changes' was ticked by default and should stay ticked")
    return Verdict.yes("problem reported with the requested details")


async def _report_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.check(f'[data-f="{code("problem:" + params["problem"])}"]')
    await pw.fill(f'[data-f="{code("details")}"]', params["details"])
    await submit_and_wait(pw, f'[data-f="{code("continue")}"]')
    await pw.fill(f'[data-f="{code("street")}"]', params["street"])
    await pw.fill(f'[data-f="{code("postcode")}"]', params["postcode"])
    await pw.fill(f'[data-f="{code("name")}"]', params["full_name"])
    await pw.fill(f'[data-f="{code("email")}"]', params["email"])
    await submit_and_wait(pw, f'[data-f="{code("send")}"]')


# --- 3. job application: labels wrapping inputs, fieldset/legend Yes/No, aria-labelledby statement textarea ----

_JOBS = (
    ("Library Assistant", "Libraries and Culture", "Grade 3, £23,500 – £24,790"),
    ("Customer Services Advisor", "Customer Services", "Grade 4, £25,100 – £26,420"),
    ("Parks and Open Spaces Officer", "Environment", "Grade 6, £29,800 – £32,100"),
    ("Planning Support Officer", "Planning", "Grade 5, £27,300 – £28,900"),
    ("Housing Officer", "Housing", "Grade 6, £29,800 – £32,100"),
)
_NOTICE = ("Available immediately", "1 week", "2 weeks", "1 month", "2 months", "3 months")
_HEARD = ("Council website", "Indeed", "LinkedIn", "Local newspaper", "Jobcentre Plus", "Word of mouth")
_ROLES = ("customer service assistant", "library volunteer", "office administrator", "team leader", "receptionist")
_STRENGTHS = (
    "handling enquiries calmly and accurately",
    "keeping detailed and accurate records",
    "working with members of the public",
    "organising events for families",
)


@dataclass(frozen=True)
class _JobLayout:
    names: dict[str, str]
    yes_no: tuple[str, str]
    notice: dict[str, str]  # option value -> text
    job: tuple[str, str, str]
    words: dict[str, str]
    contact_first: bool


def _job_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    letter = (
        f"I have worked for {rng.randint(2, 12)} years as a {pick(rng, _ROLES)} at {pick(rng, COMPANIES)}, where I"
        f" became confident {pick(rng, _STRENGTHS)}. I am applying because I want to use these skills in a role that"
        " serves the local community.\n\nI am organised, reliable and happy to work some weekends. I would welcome"
        " the chance to discuss my application at interview."
    )
    return {
        "first_name": first,
        "last_name": last,
        "email": email_for(rng, first, last),
        "phone": f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
        "right_to_work": pick(rng, ("Yes", "No")),
        "notice_period": pick(rng, _NOTICE),
        "cover_letter": letter,
    }


def _job_layout(visit: Visit) -> _JobLayout:
    rng = visit.rng
    keys = ("first", "last", "email", "phone", "rtw", "notice", "statement", "heard", "alerts")
    numbers = rng.sample(range(1000, 99999), len(keys))
    names = {key: f"fld{num}" for key, num in zip(keys, numbers, strict=True)}
    notice_values = rng.sample(range(10, 99), len(_NOTICE))
    words = {
        "rtw": pick(
            rng,
            (
                "Are you legally entitled to work in the UK?",
                "Do you have the right to work in the UK?",
                "Are you eligible to work in the United Kingdom?",
            ),
        ),
        "notice": pick(
            rng,
            ("Notice period", "What is your notice period?", "How much notice must you give your current employer?"),
        ),
        "statement": pick(rng, ("Supporting statement", "Cover letter", "Why are you applying for this job?")),
        "button": pick(rng, ("Submit application", "Send application", "Apply now")),
        "first": pick(rng, ("First name", "Forename")),
        "last": pick(rng, ("Last name", "Surname")),
        "email": pick(rng, ("Email address", "Email")),
        "phone": pick(rng, ("Telephone number", "Phone number", "Contact number")),
    }
    return _JobLayout(
        names=names,
        yes_no=pick(rng, (("Y", "N"), ("1", "0"), ("true", "false"), ("yes", "no"))),
        notice={f"np{v}": text for v, text in zip(notice_values, _NOTICE, strict=True)},
        job=pick(rng, _JOBS),
        words=words,
        contact_first=rng.random() < 0.3,
    )


_REQ = '<span class="req" title="required">*</span>'


def _job_form(visit: Visit, sub: Submission = _BLANK, errors: dict[str, str] | None = None) -> str:
    lay = _job_layout(visit)
    n, w = lay.names, lay.words
    errors = errors or {}
    title, department, grade = lay.job

    def err(key: str) -> str:
        return f'<span class="field-error">{esc(errors[key])}</span>' if key in errors else ""

    def wrapped(key: str, kind: str = "text", hint: str = "") -> str:
        hint_html = f'<span class="hint" style="display:block">{esc(hint)}</span>' if hint else ""
        return (
            f'<label class="lbl">{esc(w[key])} {_REQ}{hint_html}{err(key)}'
            f'<input type="{kind}" name="{n[key]}" value="{esc(sub.one(n[key]))}" size="40" data-f="{code(key)}">'
            "</label>"
        )

    yes, no = lay.yes_no
    rtw = (
        f"<fieldset><legend>{esc(w['rtw'])} {_REQ}</legend>"
        '<p class="hint">We will ask to see proof of your right to work before confirming any offer.</p>'
        f"{err('rtw')}"
        f'<label><input type="radio" name="{n["rtw"]}" value="{yes}" data-f="{code("rtw:Yes")}"'
        f"{_flag(sub.one(n['rtw']) == yes)}> Yes</label>"
        f'<label><input type="radio" name="{n["rtw"]}" value="{no}" data-f="{code("rtw:No")}"'
        f"{_flag(sub.one(n['rtw']) == no)}> No</label></fieldset>"
    )
    notice = (
        f'<label class="lbl">{esc(w["notice"])} {_REQ}{err("notice")}'
        f'<select name="{n["notice"]}" data-f="{code("notice")}">'
        f"{_options(list(lay.notice.items()), sub.one(n['notice']), 'Please select')}</select></label>"
    )
    span_id, hint_id = f"lbl-{n['statement']}", f"hint-{n['statement']}"
    statement = (
        f'<div class="row"><span id="{span_id}" class="form-label">{esc(w["statement"])}</span> {_REQ}'
        f'<p id="{hint_id}" class="hint">Tell us why you are applying and how you meet the person specification.'
        " Maximum 4,000 characters.</p>"
        f"{err('statement')}"
        f'<textarea name="{n["statement"]}" aria-labelledby="{span_id}" aria-describedby="{hint_id}" rows="10"'
        f' cols="70" maxlength="4000" data-f="{code("statement")}">{esc(sub.one(n["statement"]))}</textarea></div>'
    )
    heard = (
        f'<label class="lbl">How did you hear about this vacancy? <span class="hint">(optional)</span>'
        f'<select name="{n["heard"]}">{_options([(h, h) for h in _HEARD], sub.one(n["heard"]), "Please select")}'
        "</select></label>"
    )
    alerts = (
        f'<label><input type="checkbox" name="{n["alerts"]}" value="1"{_flag(bool(sub.one(n["alerts"])))}>'
        " Email me when similar jobs are advertised</label>"
    )
    personal = wrapped("first") + wrapped("last")
    contact = wrapped("email", "email") + wrapped("phone", "tel", "Include the area code, e.g. 0113 or 07")
    summary = ""
    if errors:
        items = "".join(f"<li>{esc(m)}</li>" for m in errors.values())
        summary = (
            '<div class="alert alert-danger" role="alert"><strong>Your application could not be submitted.</strong>'
            f"<ul>{items}</ul></div>"
        )
    body = (
        f'<div class="container"><p class="caption">{esc(department)} · Ref HR/{visit.seed % 9000 + 1000}</p>'
        f"<h1>Apply for: {esc(title)}</h1><p>{esc(grade)} · 37 hours per week · Permanent</p>{summary}"
        f'<form method="post" action="{visit.url("submit")}" novalidate>'
        f"<p>Fields marked {_REQ} are required.</p><h2>Your details</h2>"
        + (contact + personal if lay.contact_first else personal + contact)
        + "<h2>Eligibility</h2>"
        + rtw
        + notice
        + "<h2>Your application</h2>"
        + statement
        + heard
        + alerts
        + f'<div><button type="submit" data-f="{code("go")}">{esc(w["button"])}</button></div></form></div>'
    )
    return page(f"Apply: {title}", body, head=_CSS)


def _job_errors(lay: _JobLayout, sub: Submission) -> dict[str, str]:
    n = lay.names
    errors: dict[str, str] = {}
    for key, what in (("first", "first name"), ("last", "last name")):
        if not sub.one(n[key]).strip():
            errors[key] = f"Enter your {what}"
    if not _EMAIL.match(sub.one(n["email"]).strip()):
        errors["email"] = "Enter a valid email address"
    if len(re.sub(r"\D", "", sub.one(n["phone"]))) < 10:
        errors["phone"] = "Enter a telephone number, including the area code"
    if sub.one(n["rtw"]) not in lay.yes_no:
        errors["rtw"] = "Tell us whether you are legally entitled to work in the UK"
    if sub.one(n["notice"]) not in lay.notice:
        errors["notice"] = "Select your notice period"
    if len(sub.one(n["statement"]).strip()) < 100:
        errors["statement"] = "Your supporting statement must be at least 100 characters"
    return errors


def _job_respond(visit: Visit, sub: Submission) -> Response:
    lay = _job_layout(visit)
    errors = _job_errors(lay, sub)
    if errors:
        return Response(_job_form(visit, sub, errors))
    body = (
        '<div class="container"><h1>Application submitted</h1>'
        f'<p class="ok" role="status">Thank you for applying for the post of {esc(lay.job[0])}. Your application'
        f" reference is <strong>{_reference(visit, 'APP-')}</strong>.</p>"
        "<p>Shortlisted candidates are contacted within three weeks of the closing date.</p></div>"
    )
    return Response(page("Application submitted", body, head=_CSS))


def _job_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay, p = _job_layout(visit), visit.params
    n = lay.names
    errors = _job_errors(lay, sub)
    if errors:
        return Verdict.no("the application was refused by the form: " + "; ".join(errors.values()))
    for key, field in (("first_name", "first"), ("last_name", "last")):
        if sub.one(n[field]).strip() != p[key]:
            return Verdict.no(f"{key}: expected {p[key]!r}, got {sub.one(n[field])!r}")
    if sub.one(n["email"]).strip().casefold() != p["email"].casefold():
        return Verdict.no(f"email: expected {p['email']!r}, got {sub.one(n['email'])!r}")
    if _squash(sub.one(n["phone"])) != _squash(p["phone"]):
        return Verdict.no(f"phone: expected {p['phone']!r}, got {sub.one(n['phone'])!r}")
    answer = "Yes" if sub.one(n["rtw"]) == lay.yes_no[0] else "No"
    if answer != p["right_to_work"]:
        return Verdict.no(f"right to work: expected {p['right_to_work']!r}, got {answer!r}")
    notice = lay.notice[sub.one(n["notice"])]
    if notice != p["notice_period"]:
        return Verdict.no(f"notice period: expected {p['notice_period']!r}, got {notice!r}")
    if not _same_text(sub.one(n["statement"]), p["cover_letter"]):
        return Verdict.no("cover letter: the supporting statement is not the letter given")
    if sub.one(n["heard"]):
        return Verdict.no(
            f"'how did you hear' was not asked for and should stay unselected, got {sub.one(n['heard'])!r}"
        )
    if sub.one(n["alerts"]):
        return Verdict.no("the job alerts box should stay unticked")
    return Verdict.yes("job application submitted with the requested details")


async def _job_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key, field in (("first_name", "first"), ("last_name", "last"), ("email", "email"), ("phone", "phone")):
        await pw.fill(f'[data-f="{code(field)}"]', params[key])
    await pw.check(f'[data-f="{code("rtw:" + params["right_to_work"])}"]')
    await pw.select_option(f'[data-f="{code("notice")}"]', label=params["notice_period"])
    await pw.fill(f'[data-f="{code("statement")}"]', params["cover_letter"])
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 4. account profile settings: pre-filled, floating labels, country -> region dependent select ---------------

_REGIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "Australia": (
        ("NSW", "New South Wales"),
        ("QLD", "Queensland"),
        ("SA", "South Australia"),
        ("TAS", "Tasmania"),
        ("VIC", "Victoria"),
        ("WA", "Western Australia"),
    ),
    "Canada": (
        ("AB", "Alberta"),
        ("BC", "British Columbia"),
        ("MB", "Manitoba"),
        ("NS", "Nova Scotia"),
        ("ON", "Ontario"),
        ("QC", "Quebec"),
    ),
    "Germany": (
        ("BY", "Bavaria"),
        ("BE", "Berlin"),
        ("HH", "Hamburg"),
        ("HE", "Hesse"),
        ("NW", "North Rhine-Westphalia"),
        ("SN", "Saxony"),
    ),
    "United States": (
        ("CA", "California"),
        ("IL", "Illinois"),
        ("NY", "New York"),
        ("OR", "Oregon"),
        ("TX", "Texas"),
        ("WA", "Washington"),
    ),
}
_COUNTRIES = {
    "Australia": "AU",
    "Canada": "CA",
    "France": "FR",
    "Germany": "DE",
    "Netherlands": "NL",
    "New Zealand": "NZ",
    "United Kingdom": "GB",
    "United States": "US",
}
_POSTAL = {
    "AU": r"\d{4}",
    "CA": r"[A-Z]\d[A-Z] ?\d[A-Z]\d",
    "DE": r"\d{5}",
    "FR": r"\d{5}",
    "NL": r"\d{4} ?[A-Z]{2}",
    "NZ": r"\d{4}",
    "GB": _UK_POSTCODE.pattern[1:-1],
    "US": r"\d{5}(-\d{4})?",
}
# (country, region, city, postal code, phone prefix)
_NEW_HOMES = (
    ("Australia", "New South Wales", "Sydney", "2000", "+61 2"),
    ("Australia", "Victoria", "Melbourne", "3000", "+61 3"),
    ("Australia", "Queensland", "Brisbane", "4000", "+61 7"),
    ("Canada", "Ontario", "Toronto", "M5V 2T6", "+1 416"),
    ("Canada", "British Columbia", "Vancouver", "V6B 1A1", "+1 604"),
    ("Canada", "Quebec", "Montreal", "H2Y 1C6", "+1 514"),
    ("Germany", "Bavaria", "Munich", "80331", "+49 89"),
    ("Germany", "Hamburg", "Hamburg", "20095", "+49 40"),
    ("Germany", "Saxony", "Leipzig", "04109", "+49 341"),
    ("United States", "Washington", "Seattle", "98101", "+1 206"),
    ("United States", "Oregon", "Portland", "97204", "+1 503"),
    ("United States", "Texas", "Austin", "78701", "+1 512"),
)
_OLD_HOMES = (
    ("Netherlands", "", "Utrecht", "3511 AB", "+31 30"),
    ("United Kingdom", "", "Leeds", "LS1 4AP", "+44 113"),
    ("New Zealand", "", "Wellington", "6011", "+64 4"),
    ("France", "", "Nantes", "44000", "+33 2"),
) + _NEW_HOMES
_CONTACTS = {
    "Email": ("Email", "E-mail"),
    "Phone": ("Phone call", "Telephone", "Phone"),
    "Text message": ("Text message", "Text message (SMS)", "SMS / text message"),
    "Post": ("Post", "Letter by post", "Post (letter)"),
}
_EN_STREETS = ("Maple Avenue", "King Street", "Harbour Road", "Elm Street", "Lakeshore Drive", "Station Road")
_DE_STREETS = ("Lindenstraße", "Bergstraße", "Schillerstraße", "Gartenweg", "Am Markt")


@dataclass(frozen=True)
class _ProfileLayout:
    names: dict[str, str]
    ids: dict[str, str]
    words: dict[str, str]
    contacts: dict[str, str]  # radio value -> contact method (the user's word)
    contact_labels: dict[str, str]  # contact method -> label on the page
    initial: dict[str, str]  # field key -> the account's current value


def _street(rng: random.Random, country: str) -> str:
    if country == "Germany":
        return f"{pick(rng, _DE_STREETS)} {rng.randint(1, 120)}"
    return f"{rng.randint(2, 480)} {pick(rng, _EN_STREETS)}"


def _profile_params(rng: random.Random) -> dict[str, str]:
    country, region, city, postal, prefix = pick(rng, _NEW_HOMES)
    return {
        "street_address": _street(rng, country),
        "city": city,
        "region": region,
        "country": country,
        "postal_code": postal,
        "phone": f"{prefix} {rng.randint(200, 899)} {rng.randint(1000, 9999)}",
        "contact_method": pick(rng, list(_CONTACTS)),
    }


def _profile_layout(visit: Visit) -> _ProfileLayout:
    rng, p = visit.rng, visit.params
    keys: tuple[str, ...] = ("display", "email", "phone", "line1", "line2", "city", "country", "region", "postal")
    keys += ("contact", "service", "research")
    names = dict(zip(keys, _hexes(rng, len(keys), "pf_"), strict=True))
    ids = {key: f"edit-{name[3:]}" for key, name in names.items()}
    contact_values = rng.sample(range(1, 9), len(_CONTACTS))
    contacts = {str(v): c for v, c in zip(contact_values, _CONTACTS, strict=True)}
    first, last = person(rng)
    country, region, city, postal, prefix = pick(rng, [h for h in _OLD_HOMES if h[0] != p["country"]])
    old_contact = pick(rng, [c for c in _CONTACTS if c != p["contact_method"]])
    region_code = next((c for c, r in _REGIONS.get(country, ()) if r == region), "")
    initial = {
        "display": f"{first} {last}",
        "email": email_for(rng, first, last),
        "phone": f"{prefix} {rng.randint(200, 899)} {rng.randint(1000, 9999)}",
        "line1": _street(rng, country),
        "line2": "",
        "city": city,
        "country": _COUNTRIES[country],
        "region": region_code,
        "postal": postal,
        "contact": next(v for v, c in contacts.items() if c == old_contact),
        "service": "1",
        "research": "",
    }
    words = {
        "heading": pick(rng, ("Your profile", "Account settings", "Personal details")),
        "display": pick(rng, ("Display name", "Name on account")),
        "email": pick(rng, ("Email address", "Email")),
        "phone": pick(rng, ("Phone number", "Telephone", "Mobile or landline")),
        "line1": pick(rng, ("Address line 1", "Street address")),
        "line2": pick(rng, ("Address line 2 (optional)", "Apartment, suite, etc. (optional)")),
        "city": pick(rng, ("City", "Town / city")),
        "country": "Country",
        "region": pick(rng, ("State / province", "Region", "State, province or territory")),
        "postal": pick(rng, ("Postal code", "Postcode / ZIP", "ZIP / postal code")),
        "contact": pick(
            rng, ("Preferred contact method", "How should we contact you?", "How would you like us to contact you?")
        ),
        "save": pick(rng, ("Save changes", "Update profile", "Save")),
    }
    return _ProfileLayout(
        names=names,
        ids=ids,
        words=words,
        contacts=contacts,
        contact_labels={c: pick(rng, labels) for c, labels in _CONTACTS.items()},
        initial=initial,
    )


def _profile_form(
    visit: Visit, values: dict[str, str], errors: dict[str, str] | None = None, *, saved: bool = False
) -> str:
    """The settings page; values are by field key (not page name)."""
    lay = _profile_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    errors = errors or {}

    def feedback(key: str) -> str:
        return f'<div class="invalid-feedback">{esc(errors[key])}</div>' if key in errors else ""

    def floating(key: str, kind: str = "text") -> str:
        bad = " is-invalid" if key in errors else ""
        return (
            f'<div class="form-floating"><input type="{kind}" class="form-control{bad}" id="{ids[key]}"'
            f' name="{n[key]}" placeholder=" " value="{esc(values.get(key, ""))}" data-f="{code(key)}">'
            f'<label for="{ids[key]}">{esc(w[key])}</label>{feedback(key)}</div>'
        )

    country_code = values.get("country", "")
    country_name = next((c for c, v in _COUNTRIES.items() if v == country_code), "")
    regions = list(_REGIONS.get(country_name, ()))
    region_select = (
        _options(regions, values.get("region", ""), "Select…")
        if regions
        else '<option value="">Not applicable</option>'
    )
    countries = (
        f'<div class="form-floating"><select class="form-select" id="{ids["country"]}" name="{n["country"]}"'
        f' data-f="{code("country")}">{_options([(v, c) for c, v in _COUNTRIES.items()], country_code)}</select>'
        f'<label for="{ids["country"]}">{w["country"]}</label>{feedback("country")}</div>'
        f'<div class="form-floating"><select class="form-select{" is-invalid" if "region" in errors else ""}"'
        f' id="{ids["region"]}" name="{n["region"]}" data-f="{code("region")}"{_flag(not regions, "disabled")}>'
        f'{region_select}</select><label for="{ids["region"]}">{esc(w["region"])}</label>{feedback("region")}</div>'
    )
    radios = "".join(
        f'<div class="form-check"><input class="form-check-input" type="radio" id="{ids["contact"]}-{v}"'
        f' name="{n["contact"]}" value="{v}" data-f="{code("contact:" + method)}"'
        f"{_flag(values.get('contact') == v)}>"
        f' <label class="form-check-label" for="{ids["contact"]}-{v}">{esc(lay.contact_labels[method])}</label></div>'
        for v, method in lay.contacts.items()
    )

    def box(key: str, text: str) -> str:
        return (
            f'<div class="form-check"><input class="form-check-input" type="checkbox" id="{ids[key]}"'
            f' name="{n[key]}" value="1"{_flag(bool(values.get(key)))}>'
            f' <label class="form-check-label" for="{ids[key]}">{esc(text)}</label></div>'
        )

    alert = ""
    if saved:
        alert = '<div class="alert alert-success" role="status">Your changes have been saved.</div>'
    elif errors:
        alert = (
            '<div class="alert alert-danger" role="alert">Your changes have not been saved. Please correct the'
            " highlighted fields.</div>"
        )
    region_map = {_COUNTRIES[c]: list(r) for c, r in _REGIONS.items()}
    script = (
        f"const REGIONS = {_js(region_map)};\n"
        f"const country = document.getElementById('{ids['country']}');\n"
        f"const region = document.getElementById('{ids['region']}');\n"
        "country.addEventListener('change', () => {\n"
        "  const list = REGIONS[country.value] || [];\n"
        "  region.innerHTML = '';\n"
        "  if (!list.length) { region.add(new Option('Not applicable', '')); region.disabled = true; return; }\n"
        "  region.disabled = false;\n"
        "  region.add(new Option('Select…', ''));\n"
        "  for (const [value, text] of list) region.add(new Option(text, value));\n"
        "});\n"
    )
    body = (
        '<div class="container"><nav class="hint">My account › Profile</nav>'
        f"<h1>{esc(w['heading'])}</h1>{alert}"
        f'<form method="post" action="{visit.url("submit")}" novalidate>'
        "<h2>Personal details</h2>"
        + floating("display")
        + floating("email", "email")
        + floating("phone", "tel")
        + "<h2>Address</h2>"
        + floating("line1")
        + floating("line2")
        + floating("city")
        + countries
        + floating("postal")
        + f"<fieldset><legend>{esc(w['contact'])}</legend>{radios}</fieldset>"
        + "<h2>Communication preferences</h2>"
        + box("service", "Email me service updates and reminders")
        + box("research", "I'm happy to be contacted about research and surveys")
        + f'<button type="submit" class="btn btn-primary" data-f="{code("save")}">{esc(w["save"])}</button>'
        f' <a href="{visit.url()}" class="btn">Cancel</a></form>'
        "<hr><h2>Close account</h2><p>Closing your account deletes your saved details. This cannot be undone.</p>"
        f'<form method="post" action="{visit.url("submit/close")}">'
        '<button type="submit" class="btn btn-danger">Close my account</button></form></div>'
    )
    return page(w["heading"], body, head=_CSS, script=script)


def _js(value: object) -> str:
    return json.dumps(value).replace("</", "<\\/")


def _profile_values(lay: _ProfileLayout, sub: Submission) -> dict[str, str]:
    return {key: sub.one(name) for key, name in lay.names.items()}


def _profile_errors(values: dict[str, str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not _EMAIL.match(values["email"].strip()):
        errors["email"] = "Enter a valid email address."
    phone = values["phone"].strip()
    if not re.fullmatch(r"\+?[0-9 ()-]{7,20}", phone) or len(re.sub(r"\D", "", phone)) < 7:
        errors["phone"] = "Enter a valid phone number, including the country code."
    for key, what in (("line1", "an address"), ("city", "a city")):
        if not values[key].strip():
            errors[key] = f"Enter {what}."
    country = next((c for c, v in _COUNTRIES.items() if v == values["country"]), "")
    if not country:
        errors["country"] = "Choose a country."
        return errors
    regions = dict(_REGIONS.get(country, ()))
    if regions and values["region"] not in regions:
        errors["region"] = "Choose a state, province or region."
    if not re.fullmatch(_POSTAL[values["country"]], values["postal"].strip().upper()):
        errors["postal"] = f"Enter a valid postal code for {country}."
    return errors


def _profile_render(visit: Visit) -> str:
    lay = _profile_layout(visit)
    current = visit.state.get("profile_saved") or lay.initial
    return _profile_form(visit, current, saved=visit.query.get("saved") == "1" and "profile_saved" in visit.state)


def _profile_respond(visit: Visit, sub: Submission) -> Response:
    if sub.step == "close":
        body = (
            "<h1>Account closure requested</h1><p>We have received your request to close your account. Your details"
            " will be deleted within 30 days.</p>"
        )
        return Response(page("Account closure", body, head=_CSS))
    lay = _profile_layout(visit)
    values = _profile_values(lay, sub)
    errors = _profile_errors(values)
    if errors:
        return Response(_profile_form(visit, values, errors))
    visit.state["profile_saved"] = values
    return Response.redirect(visit.url("?saved=1"))


def _profile_judge(visit: Visit, record: Record) -> Verdict:
    if record.steps("close"):
        return Verdict.no("the account was closed; only the profile should have been changed")
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay, p = _profile_layout(visit), visit.params
    got = _profile_values(lay, sub)
    errors = _profile_errors(got)
    if errors:
        return Verdict.no("the changes were refused by the form: " + " ".join(errors.values()))
    country = next(c for c, v in _COUNTRIES.items() if v == got["country"])
    region = dict(_REGIONS.get(country, ())).get(got["region"], "")
    checks = (
        ("street_address", got["line1"].strip(), p["street_address"]),
        ("city", got["city"].strip(), p["city"]),
        ("country", country, p["country"]),
        ("region", region, p["region"]),
        ("postal_code", _squash(got["postal"]), _squash(p["postal_code"])),
        ("phone", " ".join(got["phone"].split()), p["phone"]),
        ("contact_method", lay.contacts.get(got["contact"], ""), p["contact_method"]),
    )
    for key, have, want in checks:
        if have != want:
            return Verdict.no(f"{key}: expected {want!r}, got {have!r}")
    for key, what in (("display", "display name"), ("email", "email address"), ("line2", "address line 2")):
        if got[key].strip() != lay.initial[key]:
            return Verdict.no(f"{what} was not to be changed: expected {lay.initial[key]!r}, got {got[key]!r}")
    if not got["service"]:
        return Verdict.no("'service updates' was ticked and should have stayed ticked")
    if got["research"]:
        return Verdict.no("'research and surveys' was unticked and should have stayed unticked")
    return Verdict.yes("profile saved with the new address, phone and contact method")


async def _profile_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(f'[data-f="{code("phone")}"]', params["phone"])
    await pw.fill(f'[data-f="{code("line1")}"]', params["street_address"])
    await pw.fill(f'[data-f="{code("city")}"]', params["city"])
    await pw.select_option(f'[data-f="{code("country")}"]', label=params["country"])
    await pw.select_option(f'[data-f="{code("region")}"]', label=params["region"])
    await pw.fill(f'[data-f="{code("postal")}"]', params["postal_code"])
    await pw.check(f'[data-f="{code("contact:" + params["contact_method"])}"]')
    await submit_and_wait(pw, f'[data-f="{code("save")}"]')


# --- 5. residents' parking permit: an old table-based WebForms page, placeholder-only address, dd/mm/yyyy date ---

_ZONES = (("A", "Town Centre"), ("B", "Station"), ("C", "Hospital"), ("D", "University"), ("E", "Riverside"))
_LENGTHS = (("3 months", "30.00"), ("6 months", "55.00"), ("12 months", "100.00"))
_CARS = ("Ford Fiesta", "Vauxhall Corsa", "Toyota Yaris", "Volkswagen Golf", "Nissan Qashqai", "Kia Niro", "Honda Jazz")
_PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
_PERMIT_WORDS = {
    "first": ("First name(s)", "Forename(s)", "First name"),
    "last": ("Surname", "Last name"),
    "address": ("Address", "Your address", "Home address"),
    "street": ("House number and street", "Address line 1"),
    "postcode": ("Postcode",),
    "email": ("Email address", "Email", "E-mail address"),
    "plate": ("Vehicle registration number", "Registration (number plate)", "Vehicle registration mark"),
    "car": ("Vehicle make and model", "Make / model", "Make and model of vehicle"),
    "zone": ("Permit zone", "Parking zone", "Controlled parking zone"),
    "length": ("Permit length", "Permit duration", "How long do you want the permit for?"),
    "start": ("Start date", "Permit start date", "Date you want the permit to start"),
    "reminder": ("Email me a reminder before my permit expires", "Send me a renewal reminder by email"),
    "declare": (
        "I declare that I live at the address above, that the vehicle is registered to me at this address and that"
        " the information I have given is true.",
        "I confirm that the vehicle is kept at the address above and that the details I have given are correct.",
    ),
    "button": ("Submit application", "Apply", "Send application"),
}


@dataclass(frozen=True)
class _PermitLayout:
    names: dict[str, str]
    ids: dict[str, str]
    words: dict[str, str]
    zones: dict[str, str]  # option value -> option text
    lengths: dict[str, str]  # radio value -> "6 months"
    length_labels: dict[str, str]  # "6 months" -> label text
    vehicle_first: bool
    viewstate: str


def _permit_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    plate = f"{rng.choice(_PLATE_LETTERS)}{rng.choice(_PLATE_LETTERS)}{rng.randint(10, 74)} " + "".join(
        rng.choice(_PLATE_LETTERS) for _ in range(3)
    )
    start = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randint(0, 360))
    zone = pick(rng, _ZONES)[0]
    return {
        "first_name": first,
        "last_name": last,
        "street_address": f"{rng.randint(1, 180)} {pick(rng, _STREETS)}",
        "postcode": _postcode(rng),
        "email": email_for(rng, first, last),
        "vehicle_registration": plate,
        "vehicle": pick(rng, _CARS),
        "zone": f"Zone {zone}",
        "permit_length": pick(rng, _LENGTHS)[0],
        "start_date": start.isoformat(),
    }


def _permit_layout(visit: Visit) -> _PermitLayout:
    rng = visit.rng
    keys: tuple[str, ...] = ("first", "last", "street", "postcode", "email", "plate", "car", "zone", "length")
    keys += ("start", "reminder", "declare")
    numbers = rng.sample(range(2, 60), len(keys))
    names = {key: f"ctl00$MainContent$ctl{num:02d}" for key, num in zip(keys, numbers, strict=True)}
    ids = {key: name.replace("$", "_") for key, name in names.items()}
    zone_style = pick(rng, ("Zone {z} – {area}", "Zone {z} ({area} area)"))
    zone_values = rng.sample(range(10, 99), len(_ZONES))
    length_values = pick(rng, (("3", "6", "12"), ("3M", "6M", "12M"), ("Q", "H", "A")))
    length_style = pick(rng, ("{length} (£{price})", "{length} – £{price}", "{length} permit, £{price}"))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return _PermitLayout(
        names=names,
        ids=ids,
        words={key: pick(rng, options) for key, options in _PERMIT_WORDS.items()},
        zones={str(v): zone_style.format(z=z, area=a) for v, (z, a) in zip(zone_values, _ZONES, strict=True)},
        lengths={v: length for v, (length, _) in zip(length_values, _LENGTHS, strict=True)},
        length_labels={length: length_style.format(length=length, price=price) for length, price in _LENGTHS},
        vehicle_first=rng.random() < 0.3,
        viewstate="/wEPDwUK" + "".join(rng.choice(alphabet) for _ in range(60)),
    )


def _permit_form(visit: Visit, sub: Submission = _BLANK, errors: dict[str, str] | None = None) -> str:
    lay = _permit_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    errors = errors or {}

    def err(key: str) -> str:
        if key not in errors:
            return ""
        return f' <span class="field-error" id="{ids[key]}_val">{esc(errors[key])}</span>'

    def text_input(key: str, size: int = 30, placeholder: str = "", extra: str = "") -> str:
        holder = f' placeholder="{esc(placeholder)}"' if placeholder else ""
        return (
            f'<input name="{n[key]}" type="text" id="{ids[key]}" size="{size}" value="{esc(sub.one(n[key]))}"'
            f'{holder} data-f="{code(key)}"{extra}>{err(key)}'
        )

    def row(label: str, cell: str, required: bool = True) -> str:
        star = ' <span class="req">*</span>' if required else ""
        return f'<tr><td class="lbl">{esc(label)}{star}</td><td>{cell}</td></tr>'

    personal = (
        '<tr><th colspan="2">Your details</th></tr>'
        + row(w["first"], text_input("first"))
        + row(w["last"], text_input("last"))
        + row(
            w["address"],
            text_input("street", 40, w["street"]) + "<br>" + text_input("postcode", 10, w["postcode"]),
        )
        + row(w["email"], text_input("email", 40))
    )
    vehicle = (
        '<tr><th colspan="2">Vehicle details</th></tr>'
        + row(
            w["plate"],
            text_input("plate", 10, extra=' style="text-transform:uppercase"')
            + '<br><span class="hint">As shown on your V5C logbook, for example AB12 CDE</span>',
        )
        + row(w["car"], text_input("car", 30))
    )
    radios = "".join(
        f'<input id="{ids["length"]}_{i}" type="radio" name="{n["length"]}" value="{v}"'
        f' data-f="{code("length:" + length)}"{_flag(sub.one(n["length"]) == v)}>'
        f'<label for="{ids["length"]}_{i}" style="display:inline"> {esc(lay.length_labels[length])}</label><br>'
        for i, (v, length) in enumerate(lay.lengths.items())
    )
    permit = (
        '<tr><th colspan="2">Permit</th></tr>'
        + row(
            w["zone"],
            f'<select name="{n["zone"]}" id="{ids["zone"]}" data-f="{code("zone")}">'
            f"{_options(list(lay.zones.items()), sub.one(n['zone']), '-- Select zone --')}</select>{err('zone')}"
            '<br><span class="hint">Your zone is shown on the signs in your street.</span>',
        )
        + row(w["length"], f'<span id="{ids["length"]}">{radios}</span>{err("length")}')
        + row(
            w["start"],
            text_input("start", 12, "dd/mm/yyyy", ' maxlength="10"')
            + '<br><span class="hint">For example, 01/06/2027. Permits can start from any date.</span>',
        )
    )

    def box(key: str, required: bool) -> str:
        star = ' <span class="req">*</span>' if required else ""
        return (
            f'<tr><td colspan="2"><input id="{ids[key]}" type="checkbox" name="{n[key]}" data-f="{code(key)}"'
            f"{_flag(bool(sub.one(n[key])))}>"
            f'<label for="{ids[key]}" style="display:inline"> {esc(w[key])}</label>{star}{err(key)}</td></tr>'
        )

    summary = ""
    if errors:
        items = "".join(f"<li>{esc(m)}</li>" for m in errors.values())
        summary = f'<div class="validation-summary" role="alert">Please correct the following:<ul>{items}</ul></div>'
    body = (
        '<div id="header"><b>Borough Council</b> · Parking services</div>'
        "<h1>Residents' parking permit application</h1>"
        "<p>Use this form to apply for a permit to park in your residents' zone. Fields marked"
        ' <span class="req">*</span> are mandatory.</p>'
        f'<form method="post" action="{visit.url("submit")}" id="aspnetForm">'
        f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{lay.viewstate}">'
        '<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="">'
        f"{summary}"
        '<table class="formtable" role="presentation">'
        + (vehicle + personal if lay.vehicle_first else personal + vehicle)
        + permit
        + '<tr><th colspan="2">Declaration</th></tr>'
        + box("reminder", False)
        + box("declare", True)
        + "</table>"
        f'<input type="submit" name="ctl00$MainContent$btnSubmit" value="{esc(w["button"])}"'
        f' data-f="{code("go")}"> <input type="reset" value="Clear form"></form>'
    )
    return page("Residents' parking permit", body, head=_CSS)


def _permit_date(value: str) -> dt.date | None:
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip())
    if not match:
        return None
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def _permit_errors(lay: _PermitLayout, sub: Submission) -> dict[str, str]:
    n = lay.names
    errors: dict[str, str] = {}
    for key, what in (("first", "First name"), ("last", "Surname"), ("street", "Address")):
        if not sub.one(n[key]).strip():
            errors[key] = f"{what} is required"
    if not _uk_postcode_ok(sub.one(n["postcode"])):
        errors["postcode"] = "Postcode is not valid"
    if not _EMAIL.match(sub.one(n["email"]).strip()):
        errors["email"] = "Email address is not valid"
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z]{3}|[A-Z0-9]{2,7}", _squash(sub.one(n["plate"]))):
        errors["plate"] = "Vehicle registration number is not valid"
    if sub.one(n["zone"]) not in lay.zones:
        errors["zone"] = "Please select a permit zone"
    if sub.one(n["length"]) not in lay.lengths:
        errors["length"] = "Please choose a permit length"
    if _permit_date(sub.one(n["start"])) is None:
        errors["start"] = "Start date must be a valid date in the format dd/mm/yyyy"
    if not sub.one(n["declare"]):
        errors["declare"] = "You must tick the declaration to apply"
    return errors


def _permit_respond(visit: Visit, sub: Submission) -> Response:
    lay = _permit_layout(visit)
    errors = _permit_errors(lay, sub)
    if errors:
        return Response(_permit_form(visit, sub, errors))
    n = lay.names
    start = _permit_date(sub.one(n["start"]))
    assert start is not None
    rows = (
        ("Vehicle", _squash(sub.one(n["plate"]))),
        ("Zone", lay.zones[sub.one(n["zone"])]),
        ("Permit length", lay.lengths[sub.one(n["length"])]),
        ("Valid from", start.strftime("%d/%m/%Y")),
    )
    table = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in rows)
    body = (
        "<h1>Application submitted</h1>"
        f'<p class="ok">Your application reference is <b>{_reference(visit, "PP")}</b>.</p>'
        f"<table>{table}</table><p>We have emailed a payment link to {esc(sub.one(n['email']).strip())}. Your permit"
        " is issued as soon as payment has been received.</p>"
    )
    return Response(page("Application submitted", body, head=_CSS))


def _permit_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay, p = _permit_layout(visit), visit.params
    n = lay.names
    errors = _permit_errors(lay, sub)
    if errors:
        return Verdict.no("the application was refused by the form: " + "; ".join(errors.values()))
    for key, field in (("first_name", "first"), ("last_name", "last"), ("street_address", "street")):
        if not _same_text(sub.one(n[field]), p[key]):
            return Verdict.no(f"{key}: expected {p[key]!r}, got {sub.one(n[field])!r}")
    for key, field in (("postcode", "postcode"), ("vehicle_registration", "plate")):
        if _squash(sub.one(n[field])) != _squash(p[key]):
            return Verdict.no(f"{key}: expected {p[key]!r}, got {sub.one(n[field])!r}")
    if sub.one(n["email"]).strip().casefold() != p["email"].casefold():
        return Verdict.no(f"email: expected {p['email']!r}, got {sub.one(n['email'])!r}")
    if not _same_text(sub.one(n["car"]).casefold(), p["vehicle"].casefold()):
        return Verdict.no(f"vehicle: expected {p['vehicle']!r}, got {sub.one(n['car'])!r}")
    zone = lay.zones[sub.one(n["zone"])]
    if not zone.startswith(p["zone"] + " "):
        return Verdict.no(f"zone: expected {p['zone']!r}, got {zone!r}")
    length = lay.lengths[sub.one(n["length"])]
    if length != p["permit_length"]:
        return Verdict.no(f"permit length: expected {p['permit_length']!r}, got {length!r}")
    start = _permit_date(sub.one(n["start"]))
    if start != dt.date.fromisoformat(p["start_date"]):
        return Verdict.no(f"start date: expected {p['start_date']}, got {sub.one(n['start'])!r}")
    if sub.one(n["reminder"]):
        return Verdict.no("the renewal reminder box should stay unticked")
    return Verdict.yes("parking permit application submitted with the requested details")


async def _permit_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    fields = (
        ("first", "first_name"),
        ("last", "last_name"),
        ("street", "street_address"),
        ("postcode", "postcode"),
        ("email", "email"),
        ("plate", "vehicle_registration"),
        ("car", "vehicle"),
    )
    for field, key in fields:
        await pw.fill(f'[data-f="{code(field)}"]', params[key])
    zone = pw.locator(f'[data-f="{code("zone")}"] option', has_text=params["zone"] + " ")
    await pw.select_option(f'[data-f="{code("zone")}"]', value=await zone.get_attribute("value") or "")
    await pw.check(f'[data-f="{code("length:" + params["permit_length"])}"]')
    start = dt.date.fromisoformat(params["start_date"])
    await pw.fill(f'[data-f="{code("start")}"]', start.strftime("%d/%m/%Y"))
    await pw.check(f'[data-f="{code("declare")}"]')
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- the tasks ---------------------------------------------------------------------------------------------

TASKS = [
    Task(
        name="pub-library-card",
        pattern="dates",
        title="Library card application: Bootstrap form, date of birth in day/month/year selects, confirm email, terms",
        make_params=_library_params,
        render=_library_render,
        respond=_library_respond,
        judge=_library_judge,
        workflow=form_workflow(
            "Apply for a library card",
            "Apply for a library card with my details, with {{ library }} as my home library",
            ["first_name", "last_name", "date_of_birth", "email", "postcode", "library"],
            descriptions={"date_of_birth": "DD/MM/YYYY", "library": "The branch I want as my home library"},
        ),
        floor=_library_floor,
    ),
    Task(
        name="pub-council-report",
        pattern="wizard",
        title="Council problem report in two server-side steps: problem type and details, then location and contact",
        make_params=_report_params,
        render=_report_render,
        respond=_report_respond,
        judge=_report_judge,
        workflow=form_workflow(
            "Report a problem to the council",
            "Report a problem to the council ({{ problem }}) on {{ street }}, {{ postcode }}, with my description"
            " of it and my name and email so they can contact me",
            ["problem", "details", "street", "postcode", "full_name", "email"],
            descriptions={"problem": "What kind of problem it is", "details": "My description of the problem"},
            completion="The report was submitted",
        ),
        floor=_report_floor,
    ),
    Task(
        name="pub-job-application",
        pattern="radio_checkbox_text",
        title="Council job application: wrapped labels, right-to-work Yes/No fieldset, statement via aria-labelledby",
        make_params=_job_params,
        render=lambda visit: _job_form(visit),
        respond=_job_respond,
        judge=_job_judge,
        workflow=form_workflow(
            "Apply for a job",
            "Apply for the advertised job with my details and my cover letter; answer {{ right_to_work }} to the"
            " question about my right to work in the UK",
            ["first_name", "last_name", "email", "phone", "right_to_work", "notice_period", "cover_letter"],
            descriptions={
                "right_to_work": "Yes or No",
                "notice_period": "How much notice I have to give my current employer",
            },
            completion="The application was submitted",
        ),
        floor=_job_floor,
    ),
    Task(
        name="pub-profile-settings",
        pattern="select_by_text",
        title="Account profile settings: pre-filled floating-label form, country-dependent region select, Save changes",
        make_params=_profile_params,
        render=_profile_render,
        respond=_profile_respond,
        judge=_profile_judge,
        workflow=form_workflow(
            "Update my address and contact details",
            "I have moved: update my account profile with my new address and phone number, make {{ contact_method }}"
            " my preferred way to be contacted, and save the changes",
            ["street_address", "city", "region", "country", "postal_code", "phone", "contact_method"],
            descriptions={
                "region": "State or province",
                "contact_method": "One of Email, Phone, Text message or Post",
            },
            completion="The changes were saved",
        ),
        floor=_profile_floor,
    ),
    Task(
        name="pub-parking-permit",
        pattern="unlabelled_inputs",
        title="Residents' parking permit: table layout, placeholder-only address, dd/mm/yyyy date checked server-side",
        make_params=_permit_params,
        render=lambda visit: _permit_form(visit),
        respond=_permit_respond,
        judge=_permit_judge,
        workflow=form_workflow(
            "Apply for a residents' parking permit",
            "Apply for a residents' parking permit for my car in {{ zone }}, for {{ permit_length }}, starting on"
            " {{ start_date }}",
            [
                "first_name",
                "last_name",
                "street_address",
                "postcode",
                "email",
                "vehicle_registration",
                "vehicle",
                "zone",
                "permit_length",
                "start_date",
            ],
            descriptions={
                "start_date": "YYYY-MM-DD",
                "vehicle": "Make and model",
                "vehicle_registration": "Number plate",
            },
        ),
        floor=_permit_floor,
    ),
]
