"""Pattern 15, content that loads late: skeleton placeholders, then fields or options fetched after a delay."""

from __future__ import annotations

import random
from typing import Any

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Task, Verdict, Visit, page, pick
from examples.corpus.tasks._data_advanced import CITIES, js, mark, opaque, person, squash, workflow

_SKELETON_STYLE = """<style>
.sk { background: linear-gradient(90deg,#eee 25%,#f6f6f6 50%,#eee 75%); background-size: 200% 100%;
      animation: sh 1.2s infinite; border-radius: 4px; height: 1.1rem; margin: .8rem 0; }
@keyframes sh { to { background-position: -200% 0; } }
</style>"""


def _skeleton(rows: int) -> str:
    return "".join(f'<div class="sk" style="width:{40 + (i * 23) % 50}%"></div>' for i in range(rows))


def _delay(rng: random.Random) -> int:
    """Milliseconds before the page fetches its content (≤ 1.5 s, as slow backends do)."""
    return rng.randint(500, 1400)


# --- delivery options: the carrier list and the note field arrive after a delay ----------------------------

CARRIERS = ("DHL Express", "DHL Parcel", "UPS Standard", "UPS Express Saver", "DPD Classic", "DPD Predict",
            "GLS Business", "FedEx International Economy", "FedEx International Priority", "Royal Mail Tracked 48")


def _carrier_params(rng: random.Random) -> dict[str, str]:
    return {"carrier": pick(rng, CARRIERS), "delivery_note": pick(rng, (
        f"Leave with the neighbour at number {rng.randint(2, 90)}",
        "Ring twice, the bell is broken", "Deliver to the back door",
        f"Call {rng.choice((10, 15, 30))} minutes before arrival"))}


def _carrier_options(rng: random.Random) -> list[dict[str, str]]:
    options = [{"id": opaque(rng, "opt"), "name": name,
                "price": f"€{rng.randint(4, 39)}.{rng.choice(('00', '50', '90'))}"} for name in CARRIERS]
    rng.shuffle(options)
    return options


def _carrier_layout(rng: random.Random) -> dict[str, Any]:
    return {"delay": _delay(rng), "options": _carrier_options(rng), "select": opaque(rng, "sel"),
            "note": opaque(rng, "n"), "button": pick(rng, ("Continue to payment", "Confirm delivery", "Next step"))}


def _carrier_render(visit: Visit) -> Response | str:
    lay = _carrier_layout(visit.rng)
    if visit.path == "options":
        return Response.json({"carriers": lay["options"], "note_field": lay["note"], "select": lay["select"]})
    script = f"""
setTimeout(async () => {{
  const data = await (await fetch({js(visit.url("options"))})).json();
  const opts = data.carriers.map(c => `<option value="${{c.id}}">${{c.name}}</option>`).join('');
  document.getElementById('slot').innerHTML = `
    <form method="post" action={js(visit.url("submit"))}>
      <label for="carrier">Delivery service</label>
      <select id="carrier" name="${{data.select}}" data-q="{mark("carrier")}">
        <option value="">Choose…</option>${{opts}}</select>
      <p class="muted" id="price"></p>
      <label for="note">Instructions for the driver</label>
      <textarea id="note" name="${{data.note_field}}" rows="2" data-q="{mark("note")}"></textarea>
      <button type="submit" data-q="{mark("go")}">{lay["button"]}</button>
    </form>`;
  const sel = document.getElementById('carrier');
  sel.addEventListener('change', () => {{
    const c = data.carriers.find(c => c.id === sel.value);
    document.getElementById('price').textContent = c ? 'Price: ' + c.price : '';
  }});
}}, {lay["delay"]});
"""
    body = ("<h1>Delivery</h1><p>Ship to: the address on your account.</p>"
            f'<div id="slot" aria-busy="true">{_skeleton(5)}<p class="muted">Loading delivery options…</p></div>')
    return page("Delivery", body, head=_SKELETON_STYLE, script=script)


def _carrier_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay = _carrier_layout(visit.rng)
    by_id = {o["id"]: o["name"] for o in lay["options"]}
    chosen = by_id.get(sub.one(lay["select"]), sub.one(lay["select"]) or "nothing")
    if chosen != visit.params["carrier"]:
        return Verdict.no(f"carrier: expected {visit.params['carrier']!r}, got {chosen!r}")
    if squash(sub.one(lay["note"])) != squash(visit.params["delivery_note"]):
        return Verdict.no(f"delivery_note: expected {visit.params['delivery_note']!r}, got {sub.one(lay['note'])!r}")
    return Verdict.yes()


async def _carrier_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.select_option(f'[data-q="{mark("carrier")}"]', label=params["carrier"])  # waits for the late form
    await pw.fill(f'[data-q="{mark("note")}"]', params["delivery_note"])
    async with pw.expect_navigation():
        await pw.click(f'[data-q="{mark("go")}"]')


# --- edit profile: the form arrives late, pre-filled with the saved values; only two of them change ------


def _profile_current(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {"name": f"{first} {last}", "email": email, "phone": f"+31 6 {rng.randint(10000000, 99999999)}",
            "city": pick(rng, CITIES)}


def _profile_params(rng: random.Random) -> dict[str, str]:
    first, last, _ = person(rng)
    return {"new_email": f"{first[0].lower()}{last.lower()}@{pick(rng, ('example.com', 'example.org'))}",
            "new_city": pick(rng, CITIES)}


def _profile_layout(visit: Visit) -> dict[str, Any]:
    rng = visit.rng
    order = ["name", "email", "phone", "city"]
    rng.shuffle(order)
    return {
        "delay": _delay(rng),
        # The saved profile is the instance's own (seeded by the token), so another seed's run cannot match it.
        "current": _profile_current(random.Random(f"profile:{visit.token}")),
        "order": order,
        "names": {k: opaque(rng, "p") for k in order},
        "labels": {"name": pick(rng, ("Full name", "Name")), "email": pick(rng, ("Email", "Email address")),
                   "phone": pick(rng, ("Phone", "Mobile number")), "city": pick(rng, ("City", "Town"))},
        "button": pick(rng, ("Save changes", "Update profile", "Save")),
    }


def _profile_render(visit: Visit) -> Response | str:
    lay = _profile_layout(visit)
    if visit.path == "me":
        return Response.json({"fields": [{"name": lay["names"][k], "label": lay["labels"][k], "key": mark(k),
                                          "value": lay["current"][k]} for k in lay["order"]]})
    script = f"""
setTimeout(async () => {{
  const data = await (await fetch({js(visit.url("me"))})).json();
  const esc = s => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const rows = data.fields.map((f, i) => `<div class="row"><label for="pf${{i}}">${{esc(f.label)}}</label>
     <input id="pf${{i}}" name="${{f.name}}" data-q="${{f.key}}" value="${{esc(f.value)}}"></div>`).join('');
  document.getElementById('slot').innerHTML = `<form method="post" action={js(visit.url("submit"))}>${{rows}}
     <button type="submit" data-q="{mark("save")}">{lay["button"]}</button></form>`;
}}, {lay["delay"]});
"""
    body = ('<h1>Your profile</h1><div id="slot" aria-busy="true">'
            f'{_skeleton(8)}</div><p class="muted">Changes apply to future orders.</p>')
    return page("Profile", body, head=_SKELETON_STYLE, script=script)


def _profile_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay = _profile_layout(visit)
    want = {**lay["current"], "email": visit.params["new_email"], "city": visit.params["new_city"]}
    for key in ("email", "city", "name", "phone"):
        got = sub.one(lay["names"][key])
        if squash(got) != squash(want[key]):
            kept = "" if key in ("email", "city") else " (it should have stayed as saved)"
            return Verdict.no(f"{key}: expected {want[key]!r}, got {got!r}{kept}")
    return Verdict.yes()


async def _profile_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(f'[data-q="{mark("email")}"]', params["new_email"])
    await pw.fill(f'[data-q="{mark("city")}"]', params["new_city"])
    async with pw.expect_navigation():
        await pw.click(f'[data-q="{mark("save")}"]')


# --- country, then region: the region list is fetched after the country is chosen ------------------------

REGIONS = {
    "Canada": ("Alberta", "British Columbia", "Manitoba", "Nova Scotia", "Ontario", "Quebec", "Saskatchewan"),
    "Australia": ("New South Wales", "Queensland", "South Australia", "Tasmania", "Victoria", "Western Australia"),
    "Germany": ("Bavaria", "Berlin", "Brandenburg", "Hamburg", "Hesse", "Saxony", "Thuringia"),
    "Spain": ("Andalusia", "Aragon", "Catalonia", "Galicia", "Madrid", "Valencia"),
}


def _region_params(rng: random.Random) -> dict[str, str]:
    country = pick(rng, sorted(REGIONS))
    return {"country": country, "region": pick(rng, REGIONS[country]), "city": pick(rng, CITIES)}


def _region_layout(rng: random.Random) -> dict[str, Any]:
    codes = {c: opaque(rng, "c") for c in sorted(REGIONS)}
    regions = {c: {opaque(rng, "r"): r for r in REGIONS[c]} for c in sorted(REGIONS)}
    return {"codes": codes, "regions": regions, "delay": _delay(rng), "country": opaque(rng, "k"),
            "region": opaque(rng, "g"), "city": opaque(rng, "t")}


def _region_render(visit: Visit) -> Response | str:
    lay = _region_layout(visit.rng)
    if visit.path == "regions":
        country = next((c for c, code in lay["codes"].items() if code == visit.query.get("country")), None)
        items = lay["regions"].get(country or "", {})
        return Response.json([{"value": v, "text": t} for v, t in items.items()])
    countries = "".join(f'<option value="{code}">{c}</option>' for c, code in lay["codes"].items())
    script = f"""
const region = document.querySelector('[data-q={mark("region")}]');
document.querySelector('[data-q={mark("country")}]').addEventListener('change', e => {{
  region.disabled = true;
  region.innerHTML = '<option value="">Loading…</option>';
  const country = e.target.value;
  setTimeout(async () => {{
    const items = await (await fetch({js(visit.url("regions"))} + '?country=' + country)).json();
    region.innerHTML = '<option value="">Select a region</option>' +
      items.map(i => `<option value="${{i.value}}">${{i.text}}</option>`).join('');
    region.disabled = false;
  }}, {lay["delay"]});
}});
"""
    body = (
        "<h1>Billing region</h1>"
        f'<form method="post" action="{visit.url("submit")}">'
        f'<label for="ct">Country</label><select id="ct" name="{lay["country"]}" data-q="{mark("country")}">'
        f'<option value="">Select a country</option>{countries}</select>'
        f'<label for="rg">State / province / region</label><select id="rg" name="{lay["region"]}" disabled '
        f'data-q="{mark("region")}"><option value="">Choose a country first</option></select>'
        f'<label for="cy">City</label><input id="cy" name="{lay["city"]}" data-q="{mark("city")}">'
        f'<button type="submit" data-q="{mark("ok")}">Save billing region</button></form>'
    )
    return page("Billing region", body, script=script)


def _region_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay = _region_layout(visit.rng)
    country = next((c for c, code in lay["codes"].items() if code == sub.one(lay["country"])), "nothing")
    if country != visit.params["country"]:
        return Verdict.no(f"country: expected {visit.params['country']!r}, got {country!r}")
    region = lay["regions"][country].get(sub.one(lay["region"]), sub.one(lay["region"]) or "nothing")
    if region != visit.params["region"]:
        return Verdict.no(f"region: expected {visit.params['region']!r}, got {region!r}")
    if squash(sub.one(lay["city"])) != squash(visit.params["city"]):
        return Verdict.no(f"city: expected {visit.params['city']!r}, got {sub.one(lay['city'])!r}")
    return Verdict.yes()


async def _region_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.select_option(f'[data-q="{mark("country")}"]', label=params["country"])
    region = pw.locator(f'[data-q="{mark("region")}"]')
    await region.locator("option", has_text=params["region"]).wait_for(state="attached")
    await region.select_option(label=params["region"])
    await pw.fill(f'[data-q="{mark("city")}"]', params["city"])
    async with pw.expect_navigation():
        await pw.click(f'[data-q="{mark("ok")}"]')


TASKS = [
    Task(
        name="late-delivery-options",
        pattern="late_content",
        title="Delivery options and the driver-note field arrive after a skeleton, 0.5-1.4 s late",
        make_params=_carrier_params,
        render=_carrier_render,
        judge=_carrier_judge,
        workflow=workflow("Choose a delivery service", "Choose the {{ carrier }} delivery, add the note and continue",
                          ["carrier", "delivery_note"], payload={"delivery_note": "{{ delivery_note }}"}),
        floor=_carrier_floor,
    ),
    Task(
        name="late-profile-prefill",
        pattern="late_content",
        title="Profile form fetched late and pre-filled: change email and city, keep the rest",
        make_params=_profile_params,
        render=_profile_render,
        judge=_profile_judge,
        workflow=workflow("Update my profile", "Change my email address and city in the profile and save it",
                          ["new_email", "new_city"], payload={"email": "{{ new_email }}", "city": "{{ new_city }}"}),
        floor=_profile_floor,
    ),
    Task(
        name="late-dependent-region",
        pattern="late_content",
        title="Region list fetched after the country is chosen; disabled while loading",
        make_params=_region_params,
        render=_region_render,
        judge=_region_judge,
        workflow=workflow("Set the billing region", "Set the billing country, region and city and save",
                          ["country", "region", "city"]),
        floor=_region_floor,
    ),
]
