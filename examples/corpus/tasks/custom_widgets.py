"""Pattern 6, custom widgets built from divs: role=listbox/option, role=radio, autocomplete comboboxes, dropdowns."""

from __future__ import annotations

import json
import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import code, form_workflow, opaque, submit_and_wait, thanks

_WIDGET_STYLE = """
<style>
.lb { border: 1px solid #bbb; width: 18rem; max-height: 11rem; overflow: auto; outline: none; }
.lb [role=option] { padding: .3rem .6rem; cursor: pointer; }
.lb [role=option][aria-selected=true] { background: #1d4ed8; color: #fff; }
.seg { display: inline-flex; border: 1px solid #888; border-radius: 6px; overflow: hidden; }
.seg [role=radio] { padding: .35rem .9rem; cursor: pointer; border-right: 1px solid #ccc; }
.seg [role=radio][aria-checked=true] { background: #222; color: #fff; }
.cap { margin: .8rem 0 .3rem; font-weight: 600; }
.pop { position: absolute; background: #fff; border: 1px solid #999; min-width: 16rem; z-index: 5;
       box-shadow: 0 4px 12px rgba(0,0,0,.15); list-style: none; margin: 0; padding: 0; }
.pop [role=option] { padding: .35rem .7rem; cursor: pointer; }
.pop [role=option]:hover, .pop [role=option].active { background: #e8eefc; }
.pop small { color: #777; margin-left: .4rem; }
.dd { position: relative; display: inline-block; margin-right: 1rem; }
.dd > button { min-width: 12rem; text-align: left; }
</style>
"""

# --- 1. support ticket: department in a div listbox, priority in a div radio group ---------------------

_DEPARTMENTS = ("Billing", "Technical support", "Sales", "Returns", "Accounts", "Shipping", "Partnerships")
_PRIORITIES = ("Low", "Normal", "High", "Urgent")
_PROBLEMS = ("My invoice shows the wrong VAT rate.", "The app logs me out every few minutes.",
             "I was charged twice for order {n}.", "Parcel {n} has not arrived yet.", "Please close account {n}.")


def _ticket_params(rng: random.Random) -> dict[str, str]:
    return {
        "department": pick(rng, _DEPARTMENTS),
        "priority": pick(rng, _PRIORITIES),
        "summary": pick(rng, _PROBLEMS).format(n=rng.randint(10000, 99999)),
    }


def _ticket_layout(visit: Visit) -> tuple[dict[str, str], dict[str, str], str, str, str]:
    rng = visit.rng
    departments = list(_DEPARTMENTS)
    rng.shuffle(departments)
    dept_values = {opaque(rng, "q"): d for d in departments}
    prio_values = {opaque(rng, "p"): p for p in _PRIORITIES}
    return dept_values, prio_values, opaque(rng, "d_"), opaque(rng, "r_"), opaque(rng, "t_")


def _ticket_render(visit: Visit) -> str:
    rng = random.Random(f"{visit.seed}:ticket-render")
    depts, prios, dept_name, prio_name, text_name = _ticket_layout(visit)
    lb_id, rg_id = opaque(rng, "h"), opaque(rng, "h")
    options = "".join(
        f'<div role="option" id="{opaque(rng, "o")}" aria-selected="false" data-v="{v}">{esc(t)}</div>'
        for v, t in depts.items()
    )
    radios = "".join(
        f'<div role="radio" tabindex="{0 if i == 0 else -1}" aria-checked="false" data-v="{v}">{esc(t)}</div>'
        for i, (v, t) in enumerate(prios.items())
    )
    script = """
    document.querySelectorAll('[role=listbox]').forEach((box) => {
      const hidden = document.getElementById(box.dataset.into);
      const choose = (opt) => {
        box.querySelectorAll('[role=option]').forEach((o) => o.setAttribute('aria-selected', String(o === opt)));
        box.setAttribute('aria-activedescendant', opt.id); hidden.value = opt.dataset.v;
        opt.scrollIntoView({block: 'nearest'});
      };
      box.addEventListener('click', (e) => { const opt = e.target.closest('[role=option]'); if (opt) choose(opt); });
      box.addEventListener('keydown', (e) => {
        const all = [...box.querySelectorAll('[role=option]')];
        const at = all.findIndex((o) => o.getAttribute('aria-selected') === 'true');
        if (e.key === 'ArrowDown') { choose(all[Math.min(at + 1, all.length - 1)]); e.preventDefault(); }
        if (e.key === 'ArrowUp') { choose(all[Math.max(at - 1, 0)]); e.preventDefault(); }
      });
    });
    document.querySelectorAll('[role=radiogroup]').forEach((group) => {
      const hidden = document.getElementById(group.dataset.into);
      group.addEventListener('click', (e) => {
        const pick = e.target.closest('[role=radio]'); if (!pick) return;
        group.querySelectorAll('[role=radio]').forEach((r) => {
          r.setAttribute('aria-checked', String(r === pick)); r.tabIndex = r === pick ? 0 : -1; });
        hidden.value = pick.dataset.v;
      });
    });
    """
    body = (
        f"<h1>{pick(rng, ('Contact support', 'Open a ticket', 'Help centre'))}</h1>"
        f'<form method="post" action="{visit.url("submit")}">'
        f'<div class="cap" id="{lb_id}">{pick(rng, ("Department", "Which team?", "Topic"))}</div>'
        f'<div role="listbox" tabindex="0" aria-labelledby="{lb_id}" class="lb" data-into="hd" '
        f'data-f="{code("department")}">{options}</div><input type="hidden" id="hd" name="{dept_name}">'
        f'<div class="cap" id="{rg_id}">{pick(rng, ("Priority", "Urgency"))}</div>'
        f'<div role="radiogroup" aria-labelledby="{rg_id}" class="seg" data-into="hp" data-f="{code("priority")}">'
        f'{radios}</div><input type="hidden" id="hp" name="{prio_name}">'
        f'<label for="tx">{pick(rng, ("Describe the problem", "Message", "What happened?"))}</label>'
        f'<textarea id="tx" name="{text_name}" rows="3" cols="40" data-f="{code("summary")}"></textarea>'
        f'<div><button type="submit" data-f="{code("go")}">{pick(rng, ("Send", "Submit ticket"))}</button></div>'
        "</form>"
    )
    return page("Support", body, head=_WIDGET_STYLE, script=script)


def _ticket_judge(visit: Visit, record: Record) -> Verdict:
    depts, prios, dept_name, prio_name, text_name = _ticket_layout(visit)
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    for key, name, values in (("department", dept_name, depts), ("priority", prio_name, prios)):
        got = sub.one(name)
        if values.get(got) != visit.params[key]:
            return Verdict.no(f"{key}: expected {visit.params[key]!r}, got {values.get(got, got or 'nothing')!r}")
    if sub.one(text_name).strip() != visit.params["summary"]:
        return Verdict.no(f"summary: expected {visit.params['summary']!r}, got {sub.one(text_name)!r}")
    return Verdict.yes()


async def _ticket_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    box = pw.locator(f'[data-f="{code("department")}"]')
    await box.get_by_role("option", name=params["department"], exact=True).click()
    group = pw.locator(f'[data-f="{code("priority")}"]')
    await group.get_by_role("radio", name=params["priority"], exact=True).click()
    await pw.fill(f'[data-f="{code("summary")}"]', params["summary"])
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 2. flight search: origin and destination comboboxes that must be typed into and picked -------------

_PLACES = (
    ("Porto", "Portugal", "OPO"), ("Porto Alegre", "Brazil", "POA"), ("Portland", "United States", "PDX"),
    ("Portsmouth", "United Kingdom", "PME"), ("Paris", "France", "CDG"), ("Paris Beauvais", "France", "BVA"),
    ("Santiago", "Chile", "SCL"), ("Santiago de Compostela", "Spain", "SCQ"), ("Córdoba", "Argentina", "COR"),
    ("Córdoba", "Spain", "ODB"), ("Berlin", "Germany", "BER"), ("Bern", "Switzerland", "BRN"),
    ("Bergen", "Norway", "BGO"), ("Milan", "Italy", "MXP"), ("Milano Linate", "Italy", "LIN"),
    ("Lyon", "France", "LYS"), ("Luxembourg", "Luxembourg", "LUX"), ("Valencia", "Spain", "VLC"),
    ("Valencia", "Venezuela", "VLN"), ("Vienna", "Austria", "VIE"),
)
_PICKABLE = [p for p in _PLACES if sum(q[0] == p[0] for q in _PLACES) == 1]  # unambiguous by name alone


def _flight_params(rng: random.Random) -> dict[str, str]:
    origin, destination = pick(rng, _PICKABLE, 2)
    return {"origin": origin[0], "destination": destination[0]}


def _flight_render(visit: Visit) -> str:
    rng = visit.rng
    names = {"origin": opaque(rng, "from_"), "destination": opaque(rng, "to_")}
    boxes = []
    for key, words in (("origin", ("From", "Departure airport", "Flying from")),
                       ("destination", ("To", "Arrival airport", "Flying to"))):
        ident = opaque(rng, "cb")
        boxes.append(
            f'<div class="row" style="position:relative"><label for="{ident}">{pick(rng, words)}</label>'
            f'<input id="{ident}" role="combobox" aria-autocomplete="list" aria-expanded="false" '
            f'aria-controls="{ident}-list" autocomplete="off" placeholder="City or airport" data-f="{code(key)}">'
            f'<ul id="{ident}-list" role="listbox" class="pop" hidden></ul>'
            f'<input type="hidden" name="{names[key]}" data-code-for="{ident}"></div>'
        )
    places = json.dumps([list(p) for p in _PLACES])
    script = f"""
    const PLACES = {places};
    document.querySelectorAll('[role=combobox]').forEach((input) => {{
      const list = document.getElementById(input.getAttribute('aria-controls'));
      const hidden = document.querySelector('[data-code-for="' + input.id + '"]');
      let timer = null, active = -1;
      const close = () => {{ list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; }};
      const choose = (li) => {{ input.value = li.dataset.city; hidden.value = li.dataset.code; close(); }};
      const show = () => {{
        const q = input.value.trim().toLowerCase();
        list.innerHTML = ''; active = -1;
        if (q.length < 2) return close();
        PLACES.filter(([c, n, a]) => c.toLowerCase().includes(q) || a.toLowerCase() === q).slice(0, 6)
          .forEach(([c, n, a], i) => {{
            const li = document.createElement('li');
            li.setAttribute('role', 'option'); li.id = input.id + '-o' + i;
            li.dataset.city = c; li.dataset.code = a;
            li.innerHTML = '<span></span><small></small>';
            li.firstChild.textContent = c; li.lastChild.textContent = n + ' · ' + a;
            li.addEventListener('mousedown', (e) => {{ e.preventDefault(); choose(li); }});
            list.appendChild(li);
          }});
        list.hidden = !list.children.length; input.setAttribute('aria-expanded', String(!list.hidden));
      }};
      input.addEventListener('input', () => {{
        hidden.value = ''; clearTimeout(timer); timer = setTimeout(show, 200); }});
      input.addEventListener('keydown', (e) => {{
        const items = [...list.children];
        if (e.key === 'ArrowDown' && items.length) {{ active = Math.min(active + 1, items.length - 1); }}
        else if (e.key === 'ArrowUp' && items.length) {{ active = Math.max(active - 1, 0); }}
        else if (e.key === 'Enter' && active >= 0) {{ e.preventDefault(); return choose(items[active]); }}
        else return;
        e.preventDefault();
        items.forEach((li, i) => li.classList.toggle('active', i === active));
        input.setAttribute('aria-activedescendant', items[active].id);
      }});
      input.addEventListener('blur', () => setTimeout(close, 100));
    }});
    document.getElementById('search').addEventListener('submit', (e) => {{
      const missing = [...document.querySelectorAll('[data-code-for]')].some((h) => !h.value);
      document.getElementById('err').textContent = missing ? 'Please choose an airport from the list.' : '';
      if (missing) e.preventDefault();
    }});
    """
    body = (
        f"<h1>{pick(rng, ('Find flights', 'Book a flight', 'Where to next?'))}</h1>"
        f'<form id="search" method="post" action="{visit.url("submit")}">{"".join(boxes)}'
        '<label for="when">Departure</label><input id="when" name="date" type="date" value="2026-09-18">'
        '<p id="err" class="error" role="alert"></p>'
        f'<button type="submit" data-f="{code("go")}">{pick(rng, ("Search flights", "Search", "Show flights"))}'
        "</button></form>"
    )
    return page("Flights", body, head=_WIDGET_STYLE, script=script)


def _flight_judge(visit: Visit, record: Record) -> Verdict:
    rng = visit.rng
    names = {"origin": opaque(rng, "from_"), "destination": opaque(rng, "to_")}
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    codes = {p[2]: p[0] for p in _PLACES}
    for key, name in names.items():
        want = next(p[2] for p in _PLACES if p[0] == visit.params[key])
        got = sub.one(name)
        if got != want:
            what = f"{codes[got]} ({got})" if got in codes else "no airport picked from the list"
            return Verdict.no(f"{key}: expected {visit.params[key]} ({want}), got {what}")
    if sub.one("date") != "2026-09-18":
        return Verdict.no(f"the departure date should stay 2026-09-18, got {sub.one('date')!r}")
    return Verdict.yes()


async def _flight_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in ("origin", "destination"):
        box = pw.locator(f'[data-f="{code(key)}"]')
        await box.fill(params[key])
        listbox = pw.locator(f'#{await box.get_attribute("aria-controls")}')
        await listbox.locator(f'[role=option][data-city="{params[key]}"]').click()
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 3. product page: size and colour in button-triggered dropdowns, added to the cart by fetch ---------

_SIZES = ("XS", "S", "M", "L", "XL", "XXL")
_COLOURS = ("Black", "Navy", "Forest green", "Sand", "Burgundy", "Heather grey", "Green")
_PRODUCTS = ("Merino crew jumper", "Organic cotton hoodie", "Linen overshirt", "Fleece half-zip")


def _product_params(rng: random.Random) -> dict[str, str]:
    return {"size": pick(rng, _SIZES), "colour": pick(rng, _COLOURS)}


def _product_render(visit: Visit) -> str:
    rng = visit.rng
    colours = list(_COLOURS)
    rng.shuffle(colours)
    dropdowns = []
    for key, words, values in (("size", ("Size", "Choose size"), _SIZES), ("colour", ("Colour", "Color"), colours)):
        ident = opaque(rng, "dd")
        options = "".join(f'<li role="option" aria-selected="false" data-v="{esc(v)}">{esc(v)}</li>' for v in values)
        dropdowns.append(
            f'<div class="cap" id="{ident}-l">{pick(rng, words)}</div><div class="dd" data-key="{key[0]}">'
            f'<button type="button" aria-haspopup="listbox" aria-expanded="false" aria-labelledby="{ident}-l {ident}-b"'
            f' id="{ident}-b" data-f="{code(key)}">Select…</button>'
            f'<ul role="listbox" class="pop" hidden aria-labelledby="{ident}-l">{options}</ul></div>'
        )
    script = f"""
    const chosen = {{}};
    document.querySelectorAll('.dd').forEach((dd) => {{
      const button = dd.querySelector('button'), list = dd.querySelector('[role=listbox]');
      button.addEventListener('click', () => {{
        list.hidden = !list.hidden; button.setAttribute('aria-expanded', String(!list.hidden)); }});
      list.addEventListener('click', (e) => {{
        const opt = e.target.closest('[role=option]'); if (!opt) return;
        list.querySelectorAll('[role=option]').forEach((o) => o.setAttribute('aria-selected', String(o === opt)));
        chosen[dd.dataset.key] = opt.dataset.v; button.textContent = opt.textContent;
        list.hidden = true; button.setAttribute('aria-expanded', 'false');
      }});
    }});
    document.getElementById('add').addEventListener('click', async () => {{
      const note = document.getElementById('note');
      if (!chosen.s || !chosen.c) {{
        note.className = 'error'; note.textContent = 'Please select a size and a colour.'; return; }}
      const answer = await fetch('{visit.url("submit")}', {{method: 'POST',
        headers: {{'Content-Type': 'application/json'}},
        body: JSON.stringify({{sku: 'A{rng.randint(1000, 9999)}', s: chosen.s, c: chosen.c, qty: 1}})}});
      const data = await answer.json(); note.className = 'ok'; note.textContent = data.message;
    }});
    """
    body = (
        f"<h1>{pick(rng, _PRODUCTS)}</h1><p>€{rng.randint(49, 129)}.00 · free returns</p>{''.join(dropdowns)}"
        f'<div><button type="button" id="add" data-f="{code("go")}">{pick(rng, ("Add to cart", "Add to bag"))}'
        '</button></div><p id="note" role="status"></p>'
    )
    return page("Product", body, head=_WIDGET_STYLE, script=script)


def _product_respond(visit: Visit, sub: Submission) -> Response:
    return Response.json({"message": "Added to your bag."})


def _product_judge(visit: Visit, record: Record) -> Verdict:
    adds = record.steps("submit")
    if not adds:
        return Verdict.no("nothing was added to the cart")
    if len(adds) > 1:
        return Verdict.no(f"the item was added {len(adds)} times")
    sub = adds[0]
    for key, field in (("size", "s"), ("colour", "c")):
        if sub.one(field) != visit.params[key]:
            return Verdict.no(f"{key}: expected {visit.params[key]!r}, got {sub.one(field)!r}")
    return Verdict.yes()


async def _product_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in ("size", "colour"):
        await pw.click(f'[data-f="{code(key)}"]')
        await pw.locator(f'[data-f="{code(key)}"] + [role=listbox] [data-v="{params[key]}"]').click()
    await pw.click(f'[data-f="{code("go")}"]')
    await pw.wait_for_selector("#note.ok")


TASKS = [
    Task(
        name="ticket-listbox",
        pattern="custom_widgets",
        title="Support ticket: department in a div listbox, priority in a div radio group, free text",
        make_params=_ticket_params,
        render=_ticket_render,
        judge=_ticket_judge,
        respond=lambda visit, sub: thanks("Ticket created. We will get back to you soon."),
        workflow=form_workflow(
            "Open a support ticket", "Open a support ticket for this department with this priority and summary",
            ["department", "priority", "summary"],
        ),
        floor=_ticket_floor,
    ),
    Task(
        name="flight-combobox",
        pattern="custom_widgets",
        title="Flight search: origin and destination autocompletes that must be typed into and picked",
        make_params=_flight_params,
        render=_flight_render,
        judge=_flight_judge,
        respond=lambda visit, sub: thanks("Searching flights…"),
        workflow=form_workflow(
            "Search flights", "Search flights from the origin city to the destination city",
            ["origin", "destination"],
        ),
        floor=_flight_floor,
    ),
    Task(
        name="product-dropdowns",
        pattern="custom_widgets",
        title="Product page: size and colour in custom button dropdowns, added to the bag by fetch",
        make_params=_product_params,
        render=_product_render,
        judge=_product_judge,
        respond=_product_respond,
        workflow=form_workflow(
            "Add a product to my bag", "Choose this size and colour and add the product to the bag",
            ["size", "colour"],
        ),
        floor=_product_floor,
    ),
]
