"""Pattern 16, forms out of the main document's reach: inside an iframe (same instance), inside an open shadow root."""

from __future__ import annotations

import random
from typing import Any

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_advanced import js, mark, opaque, person, sender, squash, workflow

_ARTICLE = (
    "<p>Spring is the best time to repot most houseplants: roots wake up and new growth hides the shock. "
    "Choose a pot one size up, water the day before, and keep the plant out of direct sun for a week.</p>"
    "<p>Most of all, resist the urge to fertilise straight away; fresh compost carries enough for a month.</p>"
)

# --- newsletter signup in an embedded iframe (as hosted mailing-list forms are) ----------------------------

FREQUENCIES = ("Daily digest", "Weekly roundup", "Monthly highlights")


def _news_params(rng: random.Random) -> dict[str, str]:
    first, _, email = person(rng)
    return {"email": email, "first_name": first, "frequency": pick(rng, FREQUENCIES)}


def _news_layout(rng: random.Random) -> dict[str, Any]:
    return {
        "names": {"email": pick(rng, ("EMAIL", "fields[email]", opaque(rng))),
                  "first": pick(rng, ("FNAME", "fields[first]", opaque(rng))),
                  "freq": pick(rng, ("group[freq]", "cadence", opaque(rng)))},
        "values": {f: opaque(rng, "v") for f in FREQUENCIES},
        "email_first": rng.random() < 0.5,
        "button": pick(rng, ("Subscribe", "Sign me up", "Join the list")),
        "frame_title": pick(rng, ("Newsletter signup", "Mailing list", "")),
    }


def _news_render(visit: Visit) -> Response | str:
    lay = _news_layout(visit.rng)
    if visit.path == "frame":
        names = lay["names"]
        email = (f'<label>Email address <span aria-hidden=true>*</span><input type="email" name="{names["email"]}" '
                 f'data-q="{mark("email")}" required></label>')
        first = f'<label>First name<input name="{names["first"]}" data-q="{mark("first")}"></label>'
        options = "".join(f'<option value="{lay["values"][f]}">{esc(f)}</option>' for f in FREQUENCIES)
        body = (
            "<h3>Get the Green Thumb letter</h3>"
            f'<form method="post" action="{visit.url("submit")}">'
            f"{email + first if lay['email_first'] else first + email}"
            f'<label>How often?<select name="{names["freq"]}" data-q="{mark("freq")}">{options}</select></label>'
            f'<button type="submit" data-q="{mark("sub")}">{esc(lay["button"])}</button>'
            '<p class="muted" style="font-size:.8rem">Unsubscribe at any time.</p></form>'
        )
        return page("Signup", body)
    title = f' title="{esc(lay["frame_title"])}"' if lay["frame_title"] else ""
    body = (
        '<form role="search" onsubmit="return false"><input type="search" placeholder="Search articles" '
        'aria-label="Search"><button type="button">Search</button></form>'
        f"<h1>How to repot a houseplant</h1>{_ARTICLE}"
        f'<iframe src="{visit.url("frame")}"{title} style="width:100%;height:330px;border:1px solid #ccc"></iframe>'
        "<p class=muted>Posted in Indoor plants · 4 comments</p>"
    )
    return page("Repotting", body)


def _news_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay = _news_layout(visit.rng)
    names, params = lay["names"], visit.params
    if sub.one(names["email"]).strip().lower() != params["email"].lower():
        return Verdict.no(f"email: expected {params['email']!r}, got {sub.one(names['email'])!r}")
    if squash(sub.one(names["first"])) != params["first_name"]:
        return Verdict.no(f"first_name: expected {params['first_name']!r}, got {sub.one(names['first'])!r}")
    by_value = {v: f for f, v in lay["values"].items()}
    chosen = by_value.get(sub.one(names["freq"]), sub.one(names["freq"]))
    if chosen != params["frequency"]:
        return Verdict.no(f"frequency: expected {params['frequency']!r}, got {chosen!r}")
    return Verdict.yes()


async def _news_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    frame = pw.frame_locator("iframe")
    await frame.locator(f'[data-q="{mark("email")}"]').fill(params["email"])
    await frame.locator(f'[data-q="{mark("first")}"]').fill(params["first_name"])
    await frame.locator(f'[data-q="{mark("freq")}"]').select_option(label=params["frequency"])
    await frame.locator(f'[data-q="{mark("sub")}"]').click()
    await frame.get_by_text("Thank you").wait_for()


# --- feedback widget: a custom element with an open shadow root, posting JSON -----------------------------

RATINGS = ("Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy")
TOPICS = ("Delivery", "Product quality", "Website", "Customer service", "Returns")


def _feedback_params(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {"name": f"{first} {last}", "email": email, "rating": pick(rng, RATINGS), "topic": pick(rng, TOPICS),
            "comment": pick(rng, ("The parcel arrived a day early.", "Packaging could use less plastic.",
                                  "Tracking page never updated.", f"Order {rng.randint(1000, 9999)} was perfect."))}


def _feedback_layout(rng: random.Random) -> dict[str, Any]:
    return {"tag": pick(rng, ("feedback-widget", "x-feedback", "acme-survey")),
            "keys": {k: opaque(rng, "s") for k in ("name", "email", "rating", "topic", "comment")},
            "rating_values": {r: str(i + 1) for i, r in enumerate(RATINGS)},
            "topic_values": {t: opaque(rng, "t") for t in TOPICS},
            "button": pick(rng, ("Send feedback", "Submit", "Send"))}


def _feedback_render(visit: Visit) -> str:
    lay = _feedback_layout(visit.rng)
    k = lay["keys"]
    radios = "".join(f'<label class="r"><input type="radio" name="rating" value="{v}">{esc(r)}</label>'
                     for r, v in lay["rating_values"].items())
    topics = "".join(f'<option value="{v}">{esc(t)}</option>' for t, v in lay["topic_values"].items())
    template = (
        "<style>label{display:block;margin:.5rem 0 .2rem} .r{display:inline-block;margin-right:.6rem}"
        " input,select,textarea{font-size:1rem;padding:.3rem} .ok{color:#0a7a2f}</style>"
        '<form part="form"><fieldset><legend>Tell us how we did</legend>'
        f'<label for="n">Your name</label><input id="n" name="name" data-q="{mark("name")}">'
        f'<label for="e">Email</label><input id="e" type="email" name="email" data-q="{mark("email")}">'
        f'<div role="radiogroup" aria-label="Rating">Overall: {radios}</div>'
        f'<label for="t">Topic</label><select id="t" name="topic" data-q="{mark("topic")}">'
        f'<option value="">Pick one</option>{topics}</select>'
        f'<label for="c">Comment</label><textarea id="c" name="comment" data-q="{mark("comment")}"></textarea>'
        f'</fieldset><button type="submit" data-q="{mark("send")}">{esc(lay["button"])}</button>'
        '<p id="msg" role="status"></p></form>'
    )
    script = sender(visit) + f"""
class Feedback extends HTMLElement {{
  connectedCallback() {{
    const root = this.attachShadow({{mode: 'open'}});
    root.innerHTML = {js(template)};
    const form = root.querySelector('form');
    form.addEventListener('submit', async ev => {{
      ev.preventDefault();
      const fd = new FormData(form);
      const keys = {js(k)};
      const data = {{}};
      for (const [field, key] of Object.entries(keys)) data[key] = fd.get(field) || '';
      const answer = await post('', data);
      const msg = root.getElementById('msg');
      msg.className = answer.status === 200 ? 'ok' : '';
      msg.textContent = answer.status === 200 ? 'Thanks for your feedback!' : 'Could not send, try again.';
    }});
  }}
}}
customElements.define({js(lay["tag"])}, Feedback);
"""
    body = (f"<h1>Your order has been delivered</h1><p>We hope you like it.</p><{lay['tag']}></{lay['tag']}>"
            "<p class=muted>Questions? Visit the help centre.</p>")
    return page("Feedback", body, script=script)


def _feedback_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay = _feedback_layout(visit.rng)
    k, params = lay["keys"], visit.params
    for key in ("name", "email", "comment"):
        if squash(sub.one(k[key])) != squash(params[key]):
            return Verdict.no(f"{key}: expected {params[key]!r}, got {sub.one(k[key])!r}")
    ratings = {v: r for r, v in lay["rating_values"].items()}
    rating = ratings.get(sub.one(k["rating"]), sub.one(k["rating"]) or "nothing")
    if rating != params["rating"]:
        return Verdict.no(f"rating: expected {params['rating']!r}, got {rating!r}")
    topics = {v: t for t, v in lay["topic_values"].items()}
    topic = topics.get(sub.one(k["topic"]), sub.one(k["topic"]) or "nothing")
    if topic != params["topic"]:
        return Verdict.no(f"topic: expected {params['topic']!r}, got {topic!r}")
    return Verdict.yes()


async def _feedback_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    # Playwright's CSS engine pierces open shadow roots.
    await pw.fill(f'[data-q="{mark("name")}"]', params["name"])
    await pw.fill(f'[data-q="{mark("email")}"]', params["email"])
    await pw.get_by_role("radio", name=params["rating"], exact=True).check()
    await pw.select_option(f'[data-q="{mark("topic")}"]', label=params["topic"])
    await pw.fill(f'[data-q="{mark("comment")}"]', params["comment"])
    await pw.click(f'[data-q="{mark("send")}"]')
    await pw.get_by_text("Thanks for your feedback!").wait_for()


TASKS = [
    Task(
        name="iframe-newsletter",
        pattern="iframe_shadow",
        title="Newsletter signup form inside an iframe embedded in an article, with a search box outside",
        make_params=_news_params,
        render=_news_render,
        judge=_news_judge,
        workflow=workflow("Subscribe to a newsletter", "Subscribe to the newsletter at the bottom of the article",
                          ["email", "first_name", "frequency"], completion="Thank you"),
        floor=_news_floor,
    ),
    Task(
        name="shadow-feedback",
        pattern="iframe_shadow",
        title="Feedback widget in an open shadow root: inputs, rating radios by text, topic select, JSON post",
        make_params=_feedback_params,
        render=_feedback_render,
        judge=_feedback_judge,
        workflow=workflow("Leave feedback", "Send feedback about the order, rating it '{{ rating }}'",
                          ["name", "email", "rating", "topic", "comment"]),
        floor=_feedback_floor,
    ),
]
