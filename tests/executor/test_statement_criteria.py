"""Plain-language completion criteria: said in the page's own words after the block's click, never by text that
was there before it, and never when the page's answer contradicts them (real Chromium on a local page)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from playwright.async_api import Page

from executor_service.browser.block_facts import BlockFacts
from executor_service.browser.completion import judge_block
from executor_service.browser.criteria import criterion_holds
from executor_service.browser.page_events import answer_says_failure
from executor_service.browser.statements import answer_says, contradicts, says, statement_checkable
from executor_service.engine.modes.judging import named_parameters
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import workflow_pb2
from services.workflows.criteria import parse_criterion
from tests.executor import page_fixtures

SETTLE_MS = 1500
STATEMENT = "The request was received"


# --- the rule, pure ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "sentence"),
    [
        ("The ticket was created", "Ticket #5001 was created."),
        ("The ticket was created", "Ticket created"),
        ("The transfer is confirmed as on its way", "Done: €12.50 is on its way to Ana Lopez."),
        ("Account created", "Welcome! Your account has been created"),
        ("Saved", "Your changes were saved"),
        ("The contact was saved", "Contact created"),
        ("The contact was saved", "New contact added"),
        ("The customer was updated", "Customer details saved"),
        ("My address was changed", "Your new address has been saved."),
        ("The payment was transferred", "Payment transferred"),
        ("The Direct Debit is set up", "Direct Debit set up"),
        ("The Direct Debit is set up", "Your Direct Debit has been set up"),
        ("I am enrolled on the module", "You are enrolled on the module"),
        ("The policy was bought", "Policy confirmed - Harbour Mutual"),
        ("The tickets were purchased", "Your tickets are paid"),
    ],
)
def test_a_sentence_in_other_words_says_the_statement(statement: str, sentence: str) -> None:
    assert says(statement, sentence)


@pytest.mark.parametrize(
    ("statement", "sentence"),
    [
        ("The ticket was created", "Ticket could not be created."),  # denied
        ("The ticket was created", "We will get back to you soon."),  # no outcome
        ("Booking confirmed", "Please confirm your booking"),  # a request, not an outcome
        ("Booking confirmed", "Your booking was cancelled."),  # undone
        ("The order is confirmed", "Order history"),
        ("The transfer is confirmed as on its way", "Check your transfer"),
        ("Saved", "Message sent"),  # a bare outcome must be that very one
        ("The order is confirmed", "Your invoice was sent"),  # another thing's outcome
        ("The order is confirmed", "Order failed, sorry"),
        # Another outcome is not this one: received is not confirmed, submitted for approval is not approved.
        ("The order is confirmed", "Thank you, your order has been placed"),
        ("The booking was confirmed", "Your booking request was received."),
        ("The request was approved", "Your request was submitted for approval."),
        # Not done yet: in the future, in progress, waiting, already so before.
        ("The order was placed", "Your order will be placed when you click Confirm."),
        ("The payment was completed", "Your payment is being processed."),
        ("The application was approved", "Thanks! Your application is awaiting review."),
        ("Registration completed", "You are already registered for this event."),
        ("The ticket was created", "Draft saved"),
        ("The ticket was updated", "Draft saved"),  # a draft kept is no edit made
        # "Set up" asked, offered or denied is no outcome.
        ("The Direct Debit is set up", "Set up Direct Debit"),
        ("The Direct Debit is set up", "You can only set up a Direct Debit from a UK bank account"),
        ("The Direct Debit is set up", "Your Direct Debit is not set up yet."),
        ("The table was booked", "Table for 4 at 8:30pm (fully booked)"),  # nothing left, nothing done
    ],
)
def test_a_sentence_that_does_not_say_it(statement: str, sentence: str) -> None:
    assert not says(statement, sentence)


def test_only_outcomes_that_deny_nothing_are_matched_by_meaning() -> None:
    assert statement_checkable("The ticket was created")
    assert not statement_checkable("The dashboard is shown")  # no outcome: its literal text only
    assert not statement_checkable("No errors were reported")  # denies: literal only
    assert not statement_checkable("The order was not placed")
    assert parse_criterion("The ticket was created").plain  # type: ignore[union-attr]
    assert not parse_criterion("text:Ticket created").plain  # type: ignore[union-attr]


def test_one_contradicting_sentence_spoils_the_whole_answer() -> None:
    answer = ["✓ Thank you for your order!", "Reference T-123456.", "Payment authorisation failed (code 05).",
              "This order has not been placed and no tickets were reserved."]
    assert says("Thanks for your order", answer[0])
    assert answer_says("Thanks for your order", answer) == ""
    assert contradicts("The order is confirmed", "This order has not been placed")
    for sentence in ("There was a problem charging your card.", "We could not complete your purchase.",
                     "1 of 2 items added to your cart.", "Your order is on hold.", "Your order wouldn't go through.",
                     "Payment held for review."):
        assert contradicts("The order is confirmed", sentence), sentence
    # Sending and submitting a form are the same act.
    assert says("The application was sent", "Application submitted")
    assert says("The form was submitted", "Your form has been sent")
    # What the other side received was handed in; a request sent was requested.
    assert says("The application was sent", "Application received")
    assert says("The quote was requested", "Quote request sent")
    # How long a booking keeps is no hold on it.
    booked = ["Your table is booked", "A confirmation has been sent to you.", "We hold tables for 15 minutes."]
    assert answer_says("The table was booked", booked) == "Your table is booked"
    # Instructions, questions, conditions and a number's label deny nothing.
    for sentence in ("Do not reply to this message.", "Didn't get the email?",
                     "Don't forget to track your order.", "If you're unable to attend, tell us.", "Order No. 12345",
                     "Booking no: 4321"):
        assert not contradicts("The order is confirmed", sentence), sentence
    answer = ["Ticket created", "Do not reply to this message."]
    assert answer_says("The ticket was created", answer) == "Ticket created"


@pytest.mark.parametrize(
    ("sentence", "partial"),
    [
        ("1 of 2 items added to your cart.", True),
        ("Uploaded 2 out of 5 files", True),
        ("0 of 3 invitations sent", True),
        ("3 of 3 files uploaded", False),  # all of them
        ("Showing 1–1 of 1 · Page 1 of 1", False),  # a table's position, reloaded by the save
        ("Showing 1–8 of 23", False),
        ("Step 2 of 3", False),
    ],
)
def test_a_count_is_a_partial_success_only_when_it_reports_fewer_done(sentence: str, partial: bool) -> None:
    assert contradicts("The customer was updated", sentence) is partial
    answer = ["Customer updated", sentence]
    assert (answer_says("The customer was updated", answer) == "") is partial


@pytest.mark.parametrize(
    ("sentence", "failure"),
    [
        ("There was a problem with your payment", True),
        ("There is a problem", True),
        ("Problem", True),
        ("A problem occurred while saving your answers", True),
        ("We hit a problem sending your form", True),
        ("Urgent problems that are a danger to the public are made safe within 24 hours.", False),
        ("Report another problem", False),
    ],
)
def test_a_problem_is_a_failure_only_when_said_as_one(sentence: str, failure: bool) -> None:
    assert contradicts("The report was submitted", sentence) is failure


def test_a_subject_still_awaiting_approval_has_not_taken_effect() -> None:
    # "✓ Payment sent" over its status line: the bank holds the payment until the customer approves it in the app.
    answer = ["✓ Payment sent", "£120.50 to Okafor Plumbing & Heating, reference RENT.",
              "Payment ID FP-1234 · awaiting app approval"]
    assert says("The payment was sent", answer[0])
    assert answer_says("The payment was sent", answer) == ""
    assert contradicts("The transfer was made", "The transfer is waiting for approval by a second signatory.")
    assert contradicts("The payment was sent", "Your payment is pending authorisation.")
    # Asked for that very approval, waiting alone, another subject, or advice: no contradiction.
    assert not contradicts("The expense report was submitted for approval",
                           "Expense report ER-12 has been submitted and is awaiting approval.")
    assert not contradicts("The invitation was sent", "Invitation pending")
    assert not contradicts("The payment was sent", "Status: awaiting approval of your new limit")
    assert not contradicts("The payment was sent", "If a payment is awaiting approval, open the app.")


# --- on a page -----------------------------------------------------------------------------------------------------

# The shared fixtures: the pages' server, one Chromium per module, a fresh context per test.
base_url, page = page_fixtures.base_url, page_fixtures.page


def _facts(rec: ActionRecorder, start: str, completion: str, named: dict[str, str] | None = None) -> BlockFacts:
    block = workflow_pb2.Block(label="request", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    return BlockFacts(
        block=block, actions=list(rec.actions), payload={}, start_url=start, completion=completion, named=named or {}
    )


async def _click(page: Page, rec: ActionRecorder, css: str) -> None:
    found = await page.query_selector(css)
    assert found is not None, css
    await rec.click(page, found)


@pytest.mark.browser
async def test_the_pages_answer_in_its_own_words_completes_the_block(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/requests")
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    await _click(page, rec, "#create")
    verdict = await judge_block(page, _facts(rec, page.url, STATEMENT), settle_ms=SETTLE_MS)
    assert verdict.ok, verdict.reason
    assert any("Your request #42 has been received" in e for e in verdict.evidence), verdict.evidence
    # The literal grammar is unchanged: text: means those very words.
    verdict = await judge_block(page, _facts(rec, page.url, f"text:{STATEMENT}"), settle_ms=300)
    assert verdict.status == "unverified"


@pytest.mark.browser
async def test_text_that_was_there_before_the_click_proves_nothing(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/requests")
    # The history already says a request was received; before the block clicks, only the literal text counts.
    assert not await criterion_holds(page, STATEMENT, acted=False)
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    await _click(page, rec, "#draft")  # the click's answer is "Draft kept.": it says nothing of the kind
    assert not await criterion_holds(page, STATEMENT, acted=True, wait_ms=300)
    verdict = await judge_block(page, _facts(rec, page.url, STATEMENT), settle_ms=300)
    assert verdict.status == "unverified" and "completion criterion not met" in verdict.reason
    # A click that sends nothing (it shows past requests) is no answer, whatever the text it shows says.
    await _click(page, rec, "#history")
    assert await page.inner_text("#note") == "Your request #8 has been received."
    verdict = await judge_block(page, _facts(rec, page.url, STATEMENT), settle_ms=300)
    assert verdict.status == "unverified" and "completion criterion not met" in verdict.reason


@pytest.mark.browser
async def test_on_the_document_a_click_loaded_what_the_old_one_said_is_no_answer(page: Page, base_url: str) -> None:
    # The settings page comes back saying the changes were saved, with its standing warning ("deletes your saved
    # details", "cannot be undone") shown again: that warning was there before the click, so it contradicts nothing.
    await page.goto(f"{base_url}/settings")
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    await page.fill("#phone", "020 7946 0000")
    await _click(page, rec, "#save")
    assert page.url.endswith("/settings-saved")
    verdict = await judge_block(page, _facts(rec, page.url, "The changes were saved"), settle_ms=SETTLE_MS)
    assert verdict.ok, verdict.reason  # its "Close my account" button, styled as dangerous, is no error message
    # A denial the form page never showed still overrules the new page's "Thank you".
    await page.goto(f"{base_url}/tickets")
    await page.fill("#who", "Ana")
    await _click(page, rec, "#buy")
    assert page.url.endswith("/tickets-answer")
    for statement in ("The order was placed", "Thank you for your order"):
        verdict = await judge_block(page, _facts(rec, page.url, statement), settle_ms=300)
        assert verdict.status == "unverified", (statement, verdict)


@pytest.mark.browser
async def test_a_success_heading_over_a_failure_in_small_print_is_no_success(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/requests")
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    await _click(page, rec, "#shaky")
    await page.wait_for_selector("text=Thank you for your request")
    for statement in (STATEMENT, "Thank you for your request"):  # in other words, or the heading's very words
        verdict = await judge_block(page, _facts(rec, page.url, statement), settle_ms=300)
        assert verdict.status == "unverified", (statement, verdict)


@pytest.mark.browser
async def test_a_payment_sent_while_its_status_awaits_approval_is_no_success(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/requests")
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    await _click(page, rec, "#held")
    await page.wait_for_selector("text=Payment sent")
    verdict = await judge_block(page, _facts(rec, page.url, "The payment was sent"), settle_ms=300)
    assert verdict.status == "unverified", verdict


@pytest.mark.browser
async def test_a_success_shown_before_the_server_refused_is_no_success(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/requests")
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    await _click(page, rec, "#optimistic")  # "received" at once; the request it then sends is refused
    verdict = await judge_block(page, _facts(rec, page.url, STATEMENT), settle_ms=SETTLE_MS)
    assert verdict.status == "unverified", verdict


@pytest.mark.browser
@pytest.mark.parametrize(("button", "kept"), [("#said-no", False), ("#said-yes", True)])
async def test_a_success_over_an_api_answer_saying_it_failed_is_no_success(
    page: Page, base_url: str, button: str, kept: bool
) -> None:
    # Both answers are 200; only the body says whether the server kept the request.
    await page.goto(f"{base_url}/requests")
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    await _click(page, rec, button)
    await page.wait_for_selector("text=has been received")
    verdict = await judge_block(page, _facts(rec, page.url, STATEMENT), settle_ms=SETTLE_MS)
    assert verdict.ok is kept, verdict


@pytest.mark.parametrize(
    ("body", "failure"),
    [
        ({"ok": False, "message": "Workspace URL is taken"}, "ok: false"),
        ({"success": False}, "success: false"),
        ({"status": "error", "code": 17}, "status: 'error'"),
        ({"error": "Card declined"}, "error: 'Card declined'"),
        ({"data": None, "errors": [{"message": "Not allowed"}]}, "errors: [{'message': 'Not allowed'}]"),
        ({"ok": True, "id": 5}, ""),
        ({"status": "ok", "error": None, "errors": []}, ""),
        ({"status": "failed_over_to_backup"}, ""),
        ([{"ok": False}], ""),  # a list of records is no verdict on the request
    ],
)
def test_what_a_json_answer_says_of_the_request(body: object, failure: str) -> None:
    assert answer_says_failure(body) == failure


async def _answered(page: Page, base_url: str, button: str, shown: str) -> ActionRecorder:
    """Click ``button`` on /answers-in-context (recorded) and wait until the page's answer shows ``shown``."""
    await page.goto(f"{base_url}/answers-in-context")
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    await _click(page, rec, button)
    await page.wait_for_selector(f"text={shown}")
    return rec


@pytest.mark.browser
async def test_an_answer_speaks_of_what_the_clicked_control_named(page: Page, base_url: str) -> None:
    # "Changes saved" after "Update customer" says the customer was updated; after a bare "Save" it does not say
    # which thing was saved.
    # A bare "Save" in a dialog titled "Edit customer" acts on the customer as well.
    for button, ok in (("#update", True), ("#save", False), ("#dsave", True)):
        rec = await _answered(page, base_url, button, "Changes saved")
        verdict = await judge_block(page, _facts(rec, page.url, "The customer was updated"), settle_ms=300)
        assert verdict.ok is ok, (button, verdict)
    # Saving keeps what the control changed: "Update preferences" answered "Changes saved" saved the preferences
    # ("Update customer" says nothing of them).
    for button, ok in (("#prefs", True), ("#update", False)):
        rec = await _answered(page, base_url, button, "Changes saved")
        verdict = await judge_block(page, _facts(rec, page.url, "The notification preferences were saved"),
                                    settle_ms=300)
        assert verdict.ok is ok, (button, verdict)


@pytest.mark.browser
async def test_the_heading_over_a_save_names_what_it_kept(page: Page, base_url: str) -> None:
    # "Changes saved" after "Save changes" under "Notification settings" says the settings were saved (before: the
    # criterion was not met); it says nothing of another thing.
    await page.goto(f"{base_url}/settings-kept")
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    await _click(page, rec, "#keep")
    await page.wait_for_selector("text=Changes saved")
    for statement, ok in (("The settings were saved", True), ("The invoice was saved", False)):
        verdict = await judge_block(page, _facts(rec, page.url, statement), settle_ms=300)
        assert verdict.ok is ok, (statement, verdict)


@pytest.mark.browser
async def test_a_control_that_only_looked_something_up_names_no_subject(page: Page, base_url: str) -> None:
    # "Find a table" then a slot "8:30pm (fully booked)": the search performed no booking, so "table" is not said.
    await page.goto(f"{base_url}/answers-in-context")
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    found = await page.query_selector("#find")
    assert found is not None
    await rec.click(page, found, irreversible=True)  # it posted the search, as a booking page's search does
    await page.wait_for_selector("text=fully booked")
    verdict = await judge_block(page, _facts(rec, page.url, "The table was booked"), settle_ms=300)
    assert verdict.status == "unverified", verdict


@pytest.mark.browser
async def test_a_general_noun_stands_for_the_parameter_the_page_names(page: Page, base_url: str) -> None:
    # "I am enrolled on the module": the page names the module by its code and title, the run's ``module``.
    for named, ok in (({"module": "Data Visualisation"}, True), ({"module": "Organisational Behaviour"}, False),
                      ({}, False), ({"term": "Data Visualisation"}, False)):
        rec = await _answered(page, base_url, "#enrol", "You are now enrolled")
        facts = _facts(rec, page.url, "I am enrolled on the module", named)
        verdict = await judge_block(page, facts, settle_ms=300)
        assert verdict.ok is ok, (named, verdict)
        assert await criterion_holds(page, "I am enrolled on the module", acted=True, named=named) is ok


@pytest.mark.browser
async def test_problems_a_service_deals_with_are_no_failure(page: Page, base_url: str) -> None:
    # "Urgent problems ... are made safe within 24 hours" under "Report submitted" says what happens next;
    # "There was a problem saving your photo" under the same heading is a failure.
    for button, ok in (("#report", True), ("#trouble", False)):
        rec = await _answered(page, base_url, button, "Report submitted")
        verdict = await judge_block(page, _facts(rec, page.url, "The report was submitted"), settle_ms=300)
        assert verdict.ok is ok, (button, verdict)


def test_a_secret_never_stands_for_a_criterions_noun() -> None:
    # The run's parameters a general noun may stand for leave secrets out: a page echoing a PIN proves nothing,
    # and the judge never compares page text with a secret.
    scope = SimpleNamespace(ctx=SimpleNamespace(parameters={"module": "Data Visualisation", "pin": "7451"},
                                                secret_keys=frozenset({"pin"})))
    assert named_parameters(scope) == {"module": "Data Visualisation"}  # type: ignore[arg-type]


@pytest.mark.browser
async def test_the_title_of_the_document_a_click_loaded_is_part_of_its_answer(page: Page, base_url: str) -> None:
    # "Policy confirmed" is said by the answering document's title alone: a purchase confirmed is a purchase made.
    rec = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=SETTLE_MS)
    await page.goto(f"{base_url}/policy")
    await _click(page, rec, "#buy")
    assert page.url.endswith("/policy-done")
    verdict = await judge_block(page, _facts(rec, page.url, "The policy was bought"), settle_ms=SETTLE_MS)
    assert verdict.ok, verdict.reason
    # The same title over a card declined: the body contradicts it.
    await page.goto(f"{base_url}/policy")
    await _click(page, rec, "#buy-declined")
    assert page.url.endswith("/policy-declined")
    verdict = await judge_block(page, _facts(rec, page.url, "The policy was bought"), settle_ms=300)
    assert verdict.status == "unverified", verdict


# --- answers in the words pages commonly use (a matrix of ordinary success pages nobody here wrote) ------------------


@pytest.mark.parametrize(
    ("statement", "answer", "clicked"),
    [
        ("The message was sent", ["Thanks for contacting us!", "We'll get back to you within 2 working days."],
         "Send message"),
        ("The order was placed", ["Thank you for your order", "Order number 12345"], "Place order"),
        ("The application was submitted", ["Application complete", "Your reference number is HDJ2123F"],
         "Accept and send"),
        ("The subscription was successful", ["You're subscribed!"], "Subscribe"),
        ("The password was changed", ["Your password has been updated"], "Change password"),
        ("The feedback was submitted", ["Thank you for your feedback"], "Send feedback"),
        ("The donation was made", ["Thank you for your donation of £35"], "Donate now"),
        ("The registration is complete", ["You're registered!"], "Register"),
        ("The ticket was created", ["Ticket #5001 opened"], "Create ticket"),
        ("The enquiry was sent", ["Thank you. Your enquiry has been received."], "Submit"),
        ("The claim was submitted", ["Claim received", "We'll review it within 5 days."], "Submit claim"),
        ("The form was submitted", ["Thank you!", "Your response has been recorded."], "Submit"),
        ("The payment was made", ["Payment successful"], "Pay now"),
        ("The booking was made", ["Your table is booked", "See you on Friday"], "Book table"),
        ("The account was created", ["Welcome, Ann!", "Your account is ready."], "Create account"),
        ("The quote was requested", ["Your quote is ready"], "Get my quote"),
        ("The quote was requested", ["Your quote is ready", "Total price: $185.35"], "See prices"),
        ("The report was requested", ["Your report is ready to download."], "Generate"),
        ("The reading was submitted", ["Thanks, we've got your reading"], "Submit reading"),
        ("The meeting room was booked", ["Room reserved: Borealis, 3 June 10:00"], "Book room"),
        ("The test drive was requested", ["Thanks! We'll call you to confirm your test drive."],
         "Request test drive"),
    ],
)
def test_ordinary_success_pages_say_the_criterion(statement: str, answer: list[str], clicked: str) -> None:
    # Before: each of these was "completion criterion not met" (unverified) though the page had done it.
    assert answer_says(statement, answer, clicked=clicked)


@pytest.mark.parametrize(
    ("statement", "answer", "clicked"),
    [
        ("The order is confirmed", ["Thank you, your order has been placed"], "Place order"),
        ("The payment was made", ["Payment scheduled for 3 June"], "Schedule payment"),
        ("The message was sent", ["Thanks for your message.", "It could not be sent"], "Send"),
        ("The account was created", ["Thank you"], "Sign in"),  # thanks for another act
        ("The booking was confirmed", ["Your booking request was received."], "Request booking"),
        ("The donation was made", ["Thank you for visiting"], "Learn more"),
        ("The table was booked", ["Thanks! We'll confirm your table by email."], "Request a table"),
        ("The order was placed", ["Thank you", "Your basket has 2 items"], "Add to basket"),
        ("The application was submitted", ["Application saved as a draft"], "Save and come back later"),
        ("The registration is complete", ["Registration closes on 3 June"], "Register"),
        ("The subscription was successful", ["Subscription cancelled"], "Cancel subscription"),
        ("The form was submitted", ["Please complete all required fields"], "Submit"),
        ("The ticket was created", ["Ticket #5001 closed"], "Close ticket"),
        ("The request was approved", ["Your request was submitted for approval."], "Submit"),
        ("The order was placed", ["Ready to place your order?"], "Continue"),
        ("The reading was accepted", ["Thanks, we've got your reading"], "Submit reading"),  # received, not accepted
        ("The order was placed", ["Your order is ready for checkout"], "Add to basket"),
        ("The quote was requested", ["Ready to get your quote?"], "Continue"),  # an invitation, not an answer
        ("The quote was requested", ["Your quote will be ready in 2 days"], "See prices"),
        ("The quote was requested", ["Your quote is ready for review"], "Next"),
    ],
)
def test_thanks_or_a_near_word_never_says_another_outcome(statement: str, answer: list[str], clicked: str) -> None:
    assert not answer_says(statement, answer, clicked=clicked)
