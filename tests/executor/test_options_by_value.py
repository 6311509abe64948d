"""Options a value names in the page's own words, not its own: "telephone" is the radio "Phone call", "video" is
"Online video appointment", "pothole" is "Potholes and road damage". Before, code from the agent's run could choose
such an option only for the recorded value (a guard handed every other value to the agent), or wrote the next
value into the recorded name ("face-to-face call") and found nothing. Now each run's code chooses its own value's
option in the recorded group, by rules that never guess, and only where those rules name the recorded option for
the recorded value on the page. Judged by what the server received."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import ElementHandle, Page

from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import ReplayFailed, RunContext, Target
from executor_service.runtime.healing import Healer
from services.gen.rote.v1 import trace_pb2
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, recorded_code, replayed
from tests.executor.page_fixtures import replay

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
PAGES = {
    "/book": """<!doctype html><title>Book an appointment</title><h1>Book an appointment</h1>
<form method="post" action="/booked"><p><label for="nm">Your name</label> <input id="nm" name="nm"></p>
<fieldset><legend>How would you like your appointment?</legend>
<input type="radio" id="t1" name="kind" value="k31"><label for="t1">In person at the practice</label>
<input type="radio" id="t2" name="kind" value="k47"><label for="t2">Phone call</label>
<input type="radio" id="t3" name="kind" value="k52"><label for="t3">Online video appointment</label></fieldset>
<p><label for="why">Type of problem</label> <select id="why" name="why"><option value="">Choose one</option>
<option value="w1">Potholes and road damage</option><option value="w2">Street lighting fault</option>
<option value="w3">Graffiti and vandalism</option><option value="w4">Damaged road sign</option></select></p>
<button>Book</button></form>""",
    "/slots": """<!doctype html><title>Seminar groups</title><h1>Choose your seminar group</h1>
<form method="post" action="/joined"><fieldset><legend>Seminar group</legend>
<label><input type="radio" name="group" value="g1"> Mon 2pm–3pm · Room LT3 · 6 places left</label>
<label><input type="radio" name="group" value="g2"> Thursday 10am–11am · Room L302 · 2 places left</label>
<label><input type="radio" name="group" value="g3"> Thursday 2pm–3pm · Room L302 · 9 places left</label>
</fieldset><button>Join group</button></form>""",
}
RECORDED = {"name": "Ann Lee", "appointment_type": "telephone", "problem": "pothole"}


def _recording(page: Page, ctx: RunContext, healer: Healer | None = None) -> tuple[ReplayPage, list[trace_pb2.Action]]:
    """A replay Page over ``page`` for ``ctx`` and the actions it records."""
    kept: list[trace_pb2.Action] = []

    async def keep(action: trace_pb2.Action, healed: bool) -> None:
        kept.append(action)

    return ReplayPage(page, ctx, on_action=keep, healer=healer, settle_timeout_ms=page_fixtures.SETTLE_MS), kept


async def _code(page: Page, base_url: str) -> tuple[str, dict[str, Any]]:
    await page.goto(f"{base_url}/book")
    result, code, namespace = await recorded_code(page, "book", "Book an appointment", RECORDED, SETTLE_MS)
    assert result.completed, result.reason
    return code, namespace


async def test_code_chooses_each_runs_own_option_named_in_the_pages_words(
    page: Page, base_url: str, posted: Posts
) -> None:
    code, namespace = await _code(page, base_url)
    assert posted == [{"nm": ["Ann Lee"], "kind": ["k47"], "why": ["w1"]}]
    assert "recorded_choice" not in code and code.count("page.choose(") == 2, code
    for values, kind, why in [({"appointment_type": "face-to-face", "problem": "Graffiti"}, "k31", "w3"),
                              ({"appointment_type": "video", "problem": "pothole"}, "k52", "w1"),
                              ({"appointment_type": "Telephone", "problem": "potholes"}, "k47", "w1")]:
        actions = await replayed(namespace, "book", page, f"{base_url}/book", {"name": "Bo Yi", **values}, SETTLE_MS)
        await page.wait_for_load_state()
        assert posted[-1] == {"nm": ["Bo Yi"], "kind": [kind], "why": [why]}, values
        # Recorded for the parameter, so code generated again from this run chooses by the value again.
        assert {a.payload_key for a in actions if a.type != 1 and a.payload_key} >= {"appointment_type", "problem"}


async def test_a_value_naming_no_one_option_fails_the_replay_and_nothing_is_sent(
    page: Page, base_url: str, posted: Posts
) -> None:
    _, namespace = await _code(page, base_url)
    posted.clear()
    for problem in ("home visit", "road"):  # no option's words; then the words of two options alike
        with pytest.raises(ReplayFailed, match="names no one option"):
            await replayed(namespace, "book", page, f"{base_url}/book",
                           {"name": "Bo Yi", "appointment_type": "video", "problem": problem}, SETTLE_MS)
    assert posted == []


async def test_a_recorded_option_its_value_does_not_name_chooses_nothing_for_another_value(
    page: Page, base_url: str, posted: Posts
) -> None:
    # Chosen for "a call back" when recorded: the page's words do not say so, so the agent knew more than the
    # rules; another value named only in other words ("telephone" for "Phone call") is the agent's to choose.
    await page.goto(f"{base_url}/book")
    code = replay(page)
    phone = Target(role="radio", name="Phone call")
    with pytest.raises(ReplayFailed, match="by more than its words say"):
        await code.choose(phone, "telephone", recorded="a call back", intent="Choose the appointment type")
    assert not await page.is_checked("#t2")
    await code.choose(phone, "video", recorded="a call back", intent="Choose the appointment type")
    assert await page.is_checked("#t3")  # named by its own words: chosen as any run's value would be
    await code.choose(phone, "a  Call back", recorded="a call back", intent="Choose the appointment type")
    assert await page.is_checked("#t2")  # the recorded value itself: the recorded option


async def test_a_slot_asked_by_day_and_time_is_chosen_by_each_runs_day_and_time(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/slots")
    result, code, namespace = await recorded_code(page, "join", "Join a seminar group",
                                                  {"seminar": "Thursday 10:00"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"group": ["g2"]}] and "page.choose(" in code and 'group="group"' in code, code
    for slot, group in (("Monday 14:00", "g1"), ("Thu 14:00", "g3")):
        await replayed(namespace, "join", page, f"{base_url}/slots", {"seminar": slot}, SETTLE_MS)
        await page.wait_for_load_state()
        assert posted[-1] == {"group": [group]}, slot
    with pytest.raises(ReplayFailed, match="names no one option"):
        await replayed(namespace, "join", page, f"{base_url}/slots", {"seminar": "Friday 10:00"}, SETTLE_MS)
    assert len(posted) == 3


async def test_the_option_a_secret_chose_is_never_recorded(page: Page, base_url: str, posted: Posts) -> None:
    ctx = RunContext(run_id="t", parameters={"kind": "video", "problem": "graffiti"},
                     secret_keys=frozenset({"kind", "problem"}))
    code, kept = _recording(page, ctx)
    await page.goto(f"{base_url}/book")
    await code.choose(Target(role="radio", name="Phone call"), ctx.param("kind"), recorded="telephone")
    await code.choose(Target(label="Type of problem"), ctx.param("problem"), recorded="pothole", option="w1")
    assert await page.is_checked("#t3") and await page.input_value("#why") == "w3"  # chosen all the same
    text = " ".join(str(action) for action in kept)
    assert len(kept) == 2 and not any(word in text for word in ("Online video", "w3", "Graffiti", "video")), text


async def test_a_healed_option_records_the_option_chosen_not_the_one_healing_found(
    page: Page, base_url: str, posted: Posts
) -> None:
    # The recorded slot's words changed ("8 places left" is now 7): healing finds it, and the option this run's
    # value names is chosen in its group; the record must name that option, or the block's judge reads another.
    async def healer(page_: Page, intent: str, fingerprint: trace_pb2.ElementFingerprint) -> ElementHandle | None:
        return await page_.query_selector('input[value="g2"]')

    ctx = RunContext(run_id="t", parameters={"seminar": "Mon 14:00"})
    code, kept = _recording(page, ctx, healer)
    await page.goto(f"{base_url}/slots")
    recorded = Target(role="radio", name="Thursday 10am–11am · Room L302 · 8 places left")
    await code.choose(recorded, ctx.param("seminar"), recorded="Thursday 10:00", intent="Choose the seminar")
    assert await page.is_checked('input[value="g1"]')
    assert len(kept) == 1 and kept[0].element.label.startswith("Mon 2pm–3pm"), kept


async def test_the_recorded_value_chooses_the_option_it_names_not_the_one_found_where_it_was(
    page: Page, base_url: str, posted: Posts
) -> None:
    # On a page laid out otherwise the recorded option's place holds another ("Mon 2pm–3pm" where "Thursday 10am"
    # was): the value names its own option, which is chosen.
    await page.goto(f"{base_url}/slots")
    where_it_was = Target(role="radio", name="Thursday 10am–11am · Room L302 · 8 places left", css='input[value="g1"]')
    await replay(page).choose(where_it_was, "Thursday 10:00", recorded="Thursday 10:00", intent="Choose the seminar")
    assert await page.is_checked('input[value="g2"]') and not await page.is_checked('input[value="g1"]')


async def test_an_option_renamed_since_is_found_by_this_runs_value_without_healing(
    page: Page, base_url: str, posted: Posts
) -> None:
    # The recorded radio's name changed ("Phone call (free)" then, "Phone call" now): the radio whose name holds
    # this run's value finds the group; no healer is there to ask.
    await page.goto(f"{base_url}/book")
    renamed = Target(role="radio", name="Phone call (free)", choice="video")
    await replay(page).choose(renamed, "video", recorded="telephone", intent="Choose the appointment type")
    assert await page.is_checked("#t3")


async def test_a_group_whose_options_words_changed_is_found_by_its_form_name_without_healing(
    page: Page, base_url: str, posted: Posts
) -> None:
    # "8 places left" was recorded; the page says 2 now, and no healer is there to ask: the radios' form name finds
    # the group, and the day and time this run asks for names its slot.
    await page.goto(f"{base_url}/slots")
    recorded = Target(role="radio", name="Thursday 10am–11am · Room L302 · 8 places left", choice="Monday 14:00")
    await replay(page).choose(recorded, "Monday 14:00", recorded="Thursday 10:00", group="group", intent="Choose")
    assert await page.is_checked('input[value="g1"]')
    # A value named only in other words cannot be checked against a recorded option the page no longer names.
    await page.goto(f"{base_url}/slots")
    with pytest.raises(ReplayFailed, match="no longer names so"):
        await replay(page).choose(recorded, "Friday 9:00", recorded="Thursday 10:00", group="group", intent="Choose")
