"""Pattern 5, radio groups and checkbox lists where the choice is given as the option's visible text."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import code, form_workflow, opaque, submit_and_wait, thanks


def _split(text: str) -> set[str]:
    return {part.strip() for part in text.split(",") if part.strip()}


def _choice(rng: random.Random, name: str, kind: str, value: str, text: str, checked: bool) -> str:
    """One radio or checkbox with its text, labelled either by wrapping or by for/id (chosen by seed)."""
    mark = " checked" if checked else ""
    if rng.random() < 0.5:
        return (f'<div><label style="display:inline"><input type="{kind}" name="{name}" value="{value}"{mark}> '
                f"{esc(text)}</label></div>")
    ident = opaque(rng, "o")
    return (f'<div><input type="{kind}" id="{ident}" name="{name}" value="{value}"{mark}> '
            f'<label for="{ident}" style="display:inline">{esc(text)}</label></div>')


def _chosen_texts(sub: Submission, name: str, values: dict[str, str]) -> set[str]:
    return {values.get(v, f"<unknown value {v}>") for v in sub.many(name)}


# --- 1. pizza order: size radio, crust radio (one pre-selected), toppings checkboxes -------------------

_SIZES = ("Small", "Medium", "Large", "Family")
_CRUSTS = ("Classic", "Thin & crispy", "Stuffed crust", "Gluten-free")
_TOPPINGS = ("Mushrooms", "Olives", "Red onion", "Peppers", "Pineapple", "Jalapeños", "Extra cheese", "Rocket")


def _pizza_params(rng: random.Random) -> dict[str, str]:
    return {
        "size": pick(rng, _SIZES),
        "crust": pick(rng, _CRUSTS),
        "toppings": ", ".join(pick(rng, _TOPPINGS, rng.randint(1, 3))),
    }


def _pizza_layout(visit: Visit) -> dict[str, dict[str, str]]:
    """Per group: value → text, with opaque values that differ from the text."""
    rng = visit.rng
    groups = {}
    for group, texts in (("size", _SIZES), ("crust", _CRUSTS), ("toppings", _TOPPINGS)):
        values = rng.sample(range(100, 999), len(texts))
        groups[group] = {f"{group[0]}{v}": t for v, t in zip(values, texts, strict=True)}
    return groups


def _pizza_render(visit: Visit) -> str:
    rng, groups = visit.rng, _pizza_layout(visit)
    default_crust = pick(rng, _CRUSTS)
    size = "".join(_choice(rng, "sz", "radio", v, t, False) for v, t in groups["size"].items())
    crust = "".join(_choice(rng, "cr", "radio", v, t, t == default_crust) for v, t in groups["crust"].items())
    tops = list(groups["toppings"].items())
    rng.shuffle(tops)
    toppings = "".join(_choice(rng, "tp", "checkbox", v, t, False) for v, t in tops)
    body = (
        "<h1>Build your pizza</h1><p class=muted>Margherita base · tomato &amp; mozzarella</p>"
        f'<form method="post" action="{visit.url("submit")}">'
        f"<fieldset><legend>{pick(rng, ('Size', 'Choose a size'))}</legend>{size}</fieldset>"
        f"<fieldset><legend>{pick(rng, ('Crust', 'Base'))}</legend>{crust}</fieldset>"
        f"<fieldset><legend>{pick(rng, ('Extra toppings', 'Add toppings (+€1.50 each)'))}</legend>"
        f'<div style="columns:2">{toppings}</div></fieldset>'
        f'<button type="submit" data-f="{code("go")}">{pick(rng, ("Add to order", "Add to basket"))}</button></form>'
    )
    return page("Build your pizza", body)


def _pizza_judge(visit: Visit, record: Record) -> Verdict:
    groups, sub = _pizza_layout(visit), record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    for group, name in (("size", "sz"), ("crust", "cr")):
        got = _chosen_texts(sub, name, groups[group])
        if got != {visit.params[group]}:
            return Verdict.no(f"{group}: expected {visit.params[group]!r}, got {sorted(got) or 'nothing'}")
    got = _chosen_texts(sub, "tp", groups["toppings"])
    want = _split(visit.params["toppings"])
    if got != want:
        return Verdict.no(f"toppings: expected {sorted(want)}, got {sorted(got)}")
    return Verdict.yes()


async def _pizza_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.get_by_label(params["size"], exact=True).check()
    await pw.get_by_label(params["crust"], exact=True).check()
    for topping in _split(params["toppings"]):
        await pw.get_by_label(topping, exact=True).check()
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 2. notification settings: channels (some ticked already), frequency radio ------------------------

_CHANNELS = ("Email", "SMS", "Push notifications", "Phone call", "WhatsApp")
_FREQUENCY = ("Immediately", "Daily digest", "Weekly digest", "Only important updates")


def _prefs_params(rng: random.Random) -> dict[str, str]:
    return {
        "channels": ", ".join(pick(rng, _CHANNELS, rng.randint(1, 3))),
        "frequency": pick(rng, _FREQUENCY),
    }


def _prefs_layout(visit: Visit) -> tuple[dict[str, str], dict[str, str], set[str], str, str]:
    rng = visit.rng
    channel_values = dict(zip((opaque(rng, "ch") for _ in _CHANNELS), _CHANNELS, strict=True))
    freq_values = {str(i): t for i, t in enumerate(_FREQUENCY)}
    ticked = set(pick(rng, _CHANNELS, 2))  # what the account has today
    return channel_values, freq_values, ticked, pick(rng, _FREQUENCY), opaque(rng, "n")


def _prefs_render(visit: Visit) -> str:
    rng = random.Random(f"{visit.seed}:prefs-render")
    channels, freqs, ticked, current, name = _prefs_layout(visit)
    boxes = "".join(
        _choice(rng, f"{name}[]", "checkbox", v, t, t in ticked) for v, t in channels.items()
    )
    radios = "".join(_choice(rng, "freq", "radio", v, t, t == current) for v, t in freqs.items())
    body = (
        "<h1>Notification settings</h1>"
        f'<form method="post" action="{visit.url("submit")}">'
        f"<h3>{pick(rng, ('Contact me by', 'Channels', 'How should we reach you?'))}</h3>{boxes}"
        f"<h3>{pick(rng, ('How often', 'Frequency', 'Send updates'))}</h3>{radios}"
        f'<button type="submit" data-f="{code("go")}">{pick(rng, ("Save preferences", "Save"))}</button></form>'
    )
    return page("Notifications", body)


def _prefs_judge(visit: Visit, record: Record) -> Verdict:
    channels, freqs, _, _, name = _prefs_layout(visit)
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    got = _chosen_texts(sub, f"{name}[]", channels)
    want = _split(visit.params["channels"])
    if got != want:
        return Verdict.no(f"channels: expected exactly {sorted(want)}, got {sorted(got)}")
    got = _chosen_texts(sub, "freq", freqs)
    if got != {visit.params["frequency"]}:
        return Verdict.no(f"frequency: expected {visit.params['frequency']!r}, got {sorted(got) or 'nothing'}")
    return Verdict.yes()


async def _prefs_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    wanted = _split(params["channels"])
    for channel in _CHANNELS:
        await pw.get_by_label(channel, exact=True).set_checked(channel in wanted)
    await pw.get_by_label(params["frequency"], exact=True).check()
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


TASKS = [
    Task(
        name="pizza-radio-toppings",
        pattern="radio_checkbox_text",
        title="Pizza builder: size and crust radios (one preselected), topping checkboxes, opaque values",
        make_params=_pizza_params,
        render=_pizza_render,
        judge=_pizza_judge,
        respond=lambda visit, sub: thanks("Added to your order."),
        workflow=form_workflow(
            "Order a pizza", "Build a pizza with this size, crust and extra toppings, and add it to the order",
            ["size", "crust", "toppings"], descriptions={"toppings": "comma-separated list of toppings"},
        ),
        floor=_pizza_floor,
    ),
    Task(
        name="notification-channels",
        pattern="radio_checkbox_text",
        title="Notification settings: exactly these channels ticked (some ticked already), one frequency",
        make_params=_prefs_params,
        render=_prefs_render,
        judge=_prefs_judge,
        respond=lambda visit, sub: thanks("Your preferences were saved."),
        workflow=form_workflow(
            "Set my notification preferences",
            "Set the notification channels to exactly these (untick the others) and choose the frequency, then save",
            ["channels", "frequency"], descriptions={"channels": "comma-separated channel names"},
        ),
        floor=_prefs_floor,
    ),
]
