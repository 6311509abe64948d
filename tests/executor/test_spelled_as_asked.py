"""Values a field asks for in its own spelling on common payment and publishing forms: a card expiry hinted
"MM / YY" given as "2027-04", a mobile number given internationally in a box sized for the national form, a sum
with its thousands grouped in a number field, tags added one by one with Enter where the box says so. Without
these, the expiry went as "2027-04", the phone was refused, the sum found no field, and the tags were typed into
the box and never added (the server received none while the run said done). The agent's and the replayed code's
fills share the mechanism, so code spells its own run's value. Judged by what the server received."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.browser.number_bands import number_text
from executor_service.browser.phone_numbers import national_spellings
from executor_service.browser.value_checks import adds_on_enter, declared_format
from executor_service.runtime import Target
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page, replay = page_fixtures.page, page_fixtures.replay
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
PAGES = {
    "/pay": """<!doctype html><title>Payment</title><h1>Payment</h1><form method="post" action="/sent">
<label for="cn">Card number</label><input id="cn" name="card" inputmode="numeric" placeholder="1234 5678 9012 3456">
<label for="ex">Expiry date</label><input id="ex" name="exp" placeholder="MM / YY" maxlength="7">
<label for="ph">Mobile number</label><input id="ph" name="phone" type="tel" maxlength="11" placeholder="07700 900123">
<label for="amt">Amount</label><input id="amt" name="amt" type="number" step="0.01"><button>Pay now</button></form>""",
    "/checkout": """<!doctype html><title>Checkout</title><h1>Checkout</h1><form method="post" action="/sent">
<fieldset><legend>Would you like to hear about offers?</legend>
<label><input type="radio" name="offers" value="1"> Yes, please</label>
<label><input type="radio" name="offers" value="0"> No, thanks</label></fieldset>
<fieldset><legend>Card expiry</legend><label for="em">Month</label><select id="em" name="exp_m">
<option value="">MM</option>""" + "".join(f"<option>{m}</option>" for m in "Jan Feb Mar Apr May Jun Jul Aug Sep Oct "
                                          "Nov Dec".split()) + """</select><label for="ey">Year</label>
<select id="ey" name="exp_y"><option value="">YYYY</option><option>2026</option><option>2027</option>
<option>2028</option><option>2029</option></select></fieldset><button>Pay now</button></form>""",
    "/listing": """<!doctype html><title>Listing</title><h2>Create listing</h2><form method="post" action="/sent">
<div class="input-group"><span class="input-group-text">£</span><input name="price" aria-label="Price"></div>
<div class="input-group"><span class="input-group-text">@</span><input name="handle" aria-label="Username"></div>
<button>Publish listing</button></form>""",
    "/parcel": """<!doctype html><title>Parcel</title><h1>Send a parcel</h1><form method="post" action="/sent">
<label for="w">Weight (kg)</label><input id="w" name="weight" type="number" step="0.1">
<button>Get price</button></form>""",
    "/article": """<!doctype html><title>New article</title><h1>New article</h1>
<form method="post" action="/sent" id="f"><label for="t">Title</label><input id="t" name="title">
<label for="tg">Tags</label><div id="chips"></div><input id="tg" placeholder="Type a tag and press Enter">
<input type="hidden" name="tags" id="tags"><button>Publish</button></form>
<script>
const tags = [], box = document.getElementById('tg');
box.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  e.preventDefault();
  if (box.value.trim()) {
    tags.push(box.value.trim());
    const chip = document.createElement('span'); chip.textContent = box.value.trim() + ' ×';
    document.getElementById('chips').appendChild(chip);
  }
  box.value = ''; document.getElementById('tags').value = tags.join('|');
});
</script>""",
}


async def test_the_agent_types_an_expiry_a_phone_and_a_sum_as_the_payment_form_asks(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/pay")
    payload = {"card_number": "4111 1111 1111 1111", "expiry": "2027-04", "mobile": "+44 7700 900123",
               "amount": "1,250.00"}
    result, recorder = await run_agent(page, "Pay the invoice", payload, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"card": ["4111 1111 1111 1111"], "exp": ["04 / 27"], "phone": ["07700900123"],
                       "amt": ["1250.00"]}]
    expiry = next(a for a in recorder.actions if a.parameter_key == "expiry")
    assert expiry.value == "2027-04"  # bound to the run's value: replay spells its own


async def test_replayed_code_spells_its_own_runs_expiry_and_phone(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/pay")
    code = replay(page)
    await code.fill(Target(label="Expiry date"), "2029-11", intent="Enter the expiry")
    await code.fill(Target(label="Mobile number"), "+44 7911 123456", intent="Enter the mobile")
    await page.get_by_role("button", name="Pay now").click()
    await page.wait_for_load_state()
    assert posted == [{"exp": ["11 / 29"], "phone": ["07911123456"]}]


async def test_tags_are_added_one_by_one_where_the_box_says_to_press_enter(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/article")
    result, _ = await run_agent(page, "Publish the article", {"title": "Hello", "tags": "news, sport"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"title": ["Hello"], "tags": ["news|sport"]}]  # before: no tags, and the run said done


@pytest.mark.parametrize(
    ("hint", "adds"),
    [
        ("Type a tag and press Enter", True),
        ("Press Enter to add a label", True),
        ("Type a city and press Enter to look it up", False),
        ("Search... press enter", False),
        ("Hit enter to send", False),
    ],
)
def test_a_box_adds_on_enter_when_its_hint_says_so_and_never_to_search_or_send(hint: str, adds: bool) -> None:
    assert adds_on_enter({"placeholder": hint}) is adds


def test_an_expiry_is_retyped_only_when_its_hint_spells_it_otherwise() -> None:
    assert declared_format("2027-04", {"placeholder": "MM / YY", "type": "text"}) == "04 / 27"
    assert declared_format("April 2027", {"placeholder": "MM/YYYY", "type": "text"}) == "04/2027"
    assert declared_format("04/27", {"placeholder": "MM/YY", "type": "text"}) == ""  # already its spelling
    assert declared_format("07/03/1990", {"placeholder": "DD/MM/YYYY", "type": "text"}) == ""


def test_only_an_international_number_has_national_spellings() -> None:
    assert national_spellings("+44 7700 900123") == ["07700 900123", "07700900123"]
    assert national_spellings("+33 6 12 34 56 78") == ["06 12 34 56 78", "0612345678"]
    assert national_spellings("07700 900123") == []
    assert national_spellings("+") == []


@pytest.mark.parametrize(("weight", "sent"), [("2.5 kg", [{"weight": ["2.5"]}]), ("6 lbs", [])])
async def test_a_number_with_its_unit_goes_into_a_box_of_that_unit_only(
    page: Page, base_url: str, posted: Posts, weight: str, sent: Posts
) -> None:
    await page.goto(f"{base_url}/parcel")
    result, _ = await run_agent(page, "Get a price for my parcel", {"weight": weight}, SETTLE_MS)
    assert result.completed is bool(sent), result.reason
    assert posted == sent  # "6 lbs" is never sent as 6 kg


def test_a_unit_the_label_names_otherwise_is_another_number() -> None:
    assert number_text("72.5 kg", "Weight (kg)") == "72.5" and number_text("32 years", "Age") == "32"
    assert number_text("160 lbs", "Weight (kg)") is None and number_text("6 months", "Loan term (years)") is None


@pytest.mark.parametrize(("offers", "sent"), [("no", "0"), ("yes", "1")])
async def test_a_polite_yes_or_no_answers_and_a_short_year_list_takes_the_expiry(
    page: Page, base_url: str, posted: Posts, offers: str, sent: str
) -> None:
    # Before: "No, thanks" was no answer (the question went unanswered) and four years were no year list (the
    # expiry found no field and nothing was sent).
    await page.goto(f"{base_url}/checkout")
    result, _ = await run_agent(page, "Pay", {"offers": offers, "card_expiry": "2028-03"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"offers": [sent], "exp_m": ["Mar"], "exp_y": ["2028"]}]


async def test_a_sign_the_page_shows_before_the_box_is_not_typed_again(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/listing")
    result, _ = await run_agent(page, "Publish the listing", {"price": "£120", "username": "@annlee"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"price": ["120"], "handle": ["annlee"]}]  # before: "£120" and "@annlee"
    assert declared_format("+44 7700 900123", {"prefix": "+44", "type": "tel"}) == "7700 900123"
    assert declared_format("Ann", {"prefix": "Name", "type": "text"}) == ""  # a caption, not the box's own part
