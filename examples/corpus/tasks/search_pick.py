"""Pattern 17, search then pick: results hold near-duplicates; only the one matching the parameters is right."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_advanced import FIRST, LAST, js, mark, opaque, sender, workflow

# --- shop search: a live search (fetch), results with "Add to cart" ---------------------------------------

FAMILIES = {
    "Kettle": ("1.0 L", "1.5 L", "1.7 L"),
    "Desk Lamp": ("Mini", "Classic", "Pro"),
    "Backpack": ("20 L", "28 L", "35 L"),
    "Headphones": ("Wired", "Wireless", "Noise Cancelling"),
    "Water Bottle": ("500 ml", "750 ml", "1 L"),
}
BRANDS = ("Nordvik", "Halden", "Brio", "Kestrel", "Ottoline")


def _product_params(rng: random.Random) -> dict[str, str]:
    family = pick(rng, sorted(FAMILIES))
    return {"product": f"{pick(rng, BRANDS)} {family} {pick(rng, FAMILIES[family])}"}


def _catalog(visit: Visit) -> list[dict[str, str]]:
    """The shop's products around the wanted one: sibling variants, another brand, refurbished and multipacks."""
    rng = visit.rng
    wanted = visit.params["product"]
    family = next((f for f in FAMILIES if f" {f} " in f" {wanted} "), "Kettle")
    brand = wanted.split(" ")[0]
    other = pick(rng, [b for b in BRANDS if b != brand])
    names = [f"{b} {family} {v}" for b in (brand, other) for v in FAMILIES[family]]
    names += [f"{wanted} (Refurbished)", f"{wanted} - 2 Pack", f"{brand} {family} Cleaning Kit"]
    names += [f"{pick(rng, BRANDS)} {f} {pick(rng, FAMILIES[f])}" for f in pick(rng, sorted(FAMILIES), 3)]
    unique = sorted(set(names))
    rng.shuffle(unique)
    return [{"sku": opaque(rng, "SKU-"), "name": n, "price": f"€{rng.randint(9, 149)}.{rng.choice(('00', '95', '99'))}"}
            for n in unique]


def _product_render(visit: Visit) -> Response | str:
    catalog = _catalog(visit)
    if visit.path == "search":
        words = visit.query.get("q", "").casefold().split()
        hits = [p for p in catalog if words and all(w in p["name"].casefold() for w in words)]
        return Response.json(hits)
    button = pick(visit.rng, ("Add to cart", "Add to basket", "Add"))
    script = sender(visit) + f"""
const box = document.getElementById('q'), list = document.getElementById('results');
let timer = null;
async function search() {{
  const hits = await (await fetch({js(visit.url("search"))} + '?q=' + encodeURIComponent(box.value))).json();
  list.innerHTML = hits.length ? '' : '<li class="muted">No products match your search.</li>';
  for (const p of hits) {{
    const li = document.createElement('li');
    li.className = 'hit';
    li.innerHTML = `<span class="n"></span> <b class="p"></b> ` +
      `<button type="button" data-q="{mark("add")}">{button}</button>`;
    li.querySelector('.n').textContent = p.name;
    li.querySelector('.p').textContent = p.price;
    li.querySelector('button').addEventListener('click', async () => {{
      await post('cart', {{sku: p.sku, qty: 1}});
      document.getElementById('cart').textContent = 'Added to your cart: ' + p.name;
    }});
    list.appendChild(li);
  }}
}}
box.addEventListener('input', () => {{ clearTimeout(timer); timer = setTimeout(search, 250); }});
document.getElementById('sf').addEventListener('submit', e => {{ e.preventDefault(); search(); }});
"""
    body = (
        '<header><b>Homeware Outlet</b> · <span id="cart" role="status" class="ok"></span></header>'
        '<form id="sf" role="search"><input id="q" type="search" aria-label="Search products" '
        f'placeholder="Search products" data-q="{mark("q")}" autocomplete="off"><button>Search</button></form>'
        '<ul id="results" style="list-style:none;padding:0"></ul>'
        "<h2>Popular this week</h2><p class=muted>Garden hose 25 m · Bamboo cutting board · Linen napkins (4)</p>"
    )
    return page("Search the shop", body, script=script)


def _product_judge(visit: Visit, record: Record) -> Verdict:
    adds = record.steps("cart")
    if not adds:
        return Verdict.no("nothing was added to the cart")
    by_sku = {p["sku"]: p["name"] for p in _catalog(visit)}
    names = [by_sku.get(a.one("sku"), a.one("sku")) for a in adds]
    wrong = [n for n in names if n != visit.params["product"]]
    if wrong:
        return Verdict.no(f"product: expected {visit.params['product']!r}, added {wrong[0]!r}")
    return Verdict.yes(f"added {names[0]!r}")


async def _product_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(f'[data-q="{mark("q")}"]', params["product"])
    row = pw.locator("li.hit").filter(has=pw.get_by_text(params["product"], exact=True))
    await row.get_by_role("button").click()
    await pw.get_by_text(f"Added to your cart: {params['product']}").wait_for()


# --- staff directory: a server-side search (GET), a results table, pick the person in the right team ------

DEPARTMENTS = ("Finance", "Legal", "Marketing", "Engineering", "Procurement", "Customer Support", "Facilities")


def _person_params(rng: random.Random) -> dict[str, str]:
    return {"person": f"{pick(rng, FIRST)} {pick(rng, LAST)}", "department": pick(rng, DEPARTMENTS)}


def _directory(visit: Visit) -> list[dict[str, str]]:
    """Everyone in the directory: the wanted person, a namesake in another team, and people with a shared name."""
    rng = visit.rng
    first, last = visit.params["person"].split(" ", 1)
    team = visit.params["department"]
    people = [(first, last, team), (first, last, pick(rng, [d for d in DEPARTMENTS if d != team]))]
    people += [(pick(rng, [f for f in FIRST if f != first]), last, pick(rng, DEPARTMENTS)) for _ in range(2)]
    people += [(first, pick(rng, [x for x in LAST if x != last]), team) for _ in range(2)]
    people += [(pick(rng, FIRST), pick(rng, LAST), pick(rng, DEPARTMENTS)) for _ in range(14)]
    rows = []
    seen = set()
    for f, s, d in people:
        if (f, s, d) in seen:
            continue
        seen.add((f, s, d))
        rows.append({"id": opaque(rng, "emp"), "name": f"{f} {s}", "department": d,
                     "phone": f"ext. {rng.randint(1000, 9999)}", "office": pick(rng, ("Leeds", "Cork", "Ghent"))})
    rng.shuffle(rows)
    return rows


def _directory_render(visit: Visit) -> str:
    rng = visit.rng
    q_name = pick(rng, ("q", "query", "s", "search"))
    people = _directory(visit)
    query = visit.query.get(q_name, "").strip()
    words = query.casefold().split()
    hits = [p for p in people if words and all(w in p["name"].casefold() for w in words)]
    button = pick(rng, ("Select", "Choose", "Add as approver"))
    results = ""
    if query:
        rows = "".join(
            f'<tr><td>{esc(p["name"])}</td><td>{esc(p["department"])}</td><td>{esc(p["office"])}</td>'
            f'<td>{esc(p["phone"])}</td><td><form method="post" action="{visit.url("submit")}" style="margin:0">'
            f'<input type="hidden" name="who" value="{p["id"]}"><button data-q="{mark("pick")}">{button}</button>'
            "</form></td></tr>"
            for p in hits
        )
        results = (f"<p>{len(hits)} result{'s' if len(hits) != 1 else ''} for “{esc(query)}”</p>"
                   "<table><thead><tr><th>Name</th><th>Department</th><th>Office</th><th>Phone</th><th></th></tr>"
                   f"</thead><tbody>{rows}</tbody></table>") if hits else f"<p>No one matches “{esc(query)}”.</p>"
    body = (
        "<h1>Choose an approver</h1><p>Search the staff directory for the person who will approve this expense.</p>"
        f'<form method="get" action="{visit.url()}" role="search"><label for="dq">Name</label>'
        f'<input id="dq" name="{q_name}" value="{esc(query)}" data-q="{mark("q")}"><button>Search</button></form>'
        f"{results}"
    )
    return page("Staff directory", body)


def _directory_respond(visit: Visit, sub: Submission) -> str:
    chosen = next((p for p in _directory(visit) if p["id"] == sub.one("who")), None)
    name = chosen["name"] if chosen else "unknown"
    return page("Approver set", f"<h1>Approver set</h1><p>{esc(name)} will approve this expense.</p>")


def _directory_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("no one was selected")
    chosen = next((p for p in _directory(visit) if p["id"] == sub.one("who")), None)
    if chosen is None:
        return Verdict.no(f"selected an unknown entry {sub.one('who')!r}")
    got = f"{chosen['name']} ({chosen['department']})"
    want = f"{visit.params['person']} ({visit.params['department']})"
    return Verdict.yes(f"selected {got}") if got == want else Verdict.no(f"expected {want}, selected {got}")


async def _directory_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(f'[data-q="{mark("q")}"]', params["person"])
    async with pw.expect_navigation():
        await pw.press(f'[data-q="{mark("q")}"]', "Enter")
    row = pw.locator("tbody tr").filter(has=pw.get_by_role("cell", name=params["person"], exact=True)).filter(
        has=pw.get_by_role("cell", name=params["department"], exact=True))
    async with pw.expect_navigation():
        await row.get_by_role("button").click()


TASKS = [
    Task(
        name="search-add-product",
        pattern="search_pick",
        title="Live product search; the wanted variant sits among siblings, refurbished and multipacks",
        make_params=_product_params,
        render=_product_render,
        judge=_product_judge,
        workflow=workflow("Add a product to the cart", "Search the shop for '{{ product }}' and add exactly that "
                          "product to the cart", ["product"], payload={}),
        floor=_product_floor,
    ),
    Task(
        name="search-directory-approver",
        pattern="search_pick",
        title="Staff directory search (GET); two namesakes in different departments",
        make_params=_person_params,
        render=_directory_render,
        judge=_directory_judge,
        respond=_directory_respond,
        workflow=workflow("Choose an approver", "Find {{ person }} from the {{ department }} department in the "
                          "directory and select them", ["person", "department"], payload={}),
        floor=_directory_floor,
    ),
]
