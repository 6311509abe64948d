"""Our own small pages for the saved snapshots (never the corpus's): one or more per pattern, and each state's steps."""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.executor.agent_pages import PAGES as AGENT_PAGES

_CSS = "<style>body{font:15px serif;max-width:40rem} .row{margin:.5rem 0} td,th{padding:2px 6px}</style>"


@dataclass(frozen=True)
class Case:
    """One saved snapshot: the page, what is done on it first, and what shows it is ready."""

    pattern: str
    name: str
    path: str
    # ("fill", selector, text) or ("click", selector, "") in order, each before the snapshot.
    steps: tuple[tuple[str, str, str], ...] = ()
    ready: str = ""  # a selector that is visible once the state to save is on screen

    @property
    def file(self) -> str:
        return f"{self.pattern}__{self.name}.json"


PAGES: dict[str, str] = {
    # Four ways of labelling: <label for>, a wrapping label, aria-label, aria-labelledby.
    "/signup": _CSS + """<h1>Open a studio account</h1>
<form action="/done" method="post">
  <div class="row"><label for="fullname">Your name</label> <input id="fullname" name="n1"></div>
  <div class="row"><label>Work e-mail <input type="email" id="workmail" name="n2"></label></div>
  <div class="row"><input type="tel" id="cell" name="n3" aria-label="Mobile number"></div>
  <div class="row"><span id="org-cap">Organisation</span> <input id="org" name="n4" aria-labelledby="org-cap"></div>
  <p><a href="/terms">Terms</a></p>
  <input type="submit" value="Create the account"> <button type="reset">Start over</button>
</form>""",
    # Two fields named alike in one form: a key for either is a tie, not a guess.
    "/contacts": _CSS + """<h1>Contact numbers</h1>
<form action="/done" method="post">
  <label for="t1">Phone</label><input id="t1" name="phone_a">
  <label for="t2">Phone</label><input id="t2" name="phone_b">
  <label for="em">E-mail address</label><input id="em" name="em" type="email">
  <button>Save numbers</button>
</form>""",
    # No labels at all: a caption in a cell, a placeholder, a bare name, a table header, a caption paragraph.
    "/delivery": _CSS + """<h2>Where should we deliver?</h2>
<form action="/done" method="post">
  <table>
    <tr><th>Street and number</th><td><input name="a_line1" id="x1"></td></tr>
    <tr><td>Town</td><td><input name="a_c" id="x2"></td></tr>
  </table>
  <p><input placeholder="Postcode" id="x3" size="8"></p>
  <p><input name="country_code" id="x4" size="3"></p>
  <p>Anything the driver should know?</p><textarea id="x5" rows="3"></textarea>
  <button type="submit">Deliver here</button>
</form>""",
    # A password asked twice, the second time in other words.
    "/register": _CSS + """<h1>New player</h1>
<form action="/done" method="post">
  <p>Pick a nickname <input name="nick" id="nick"></p>
  <p><label for="pw">Secret word</label> <input type="password" id="pw" name="pw"></p>
  <p><label for="pw2">Type the secret word again</label> <input type="password" id="pw2" name="pw2"></p>
  <button>Join the league</button>
</form>""",
    # Selects whose labels share nothing with the keys: the values are the options' texts.
    "/membership": _CSS + """<h1>Membership</h1>
<form action="/done" method="post">
  <label for="lvl">Which card would you like?</label>
  <select id="lvl" name="lvl"><option value="">Choose one</option><option value="c1">Bronze</option>
    <option value="c2">Silver</option><option value="c3">Gold</option></select>
  <label for="dst">Post it to</label>
  <select id="dst" name="dst"><option value="">--</option><option value="BE">Belgium</option>
    <option value="PT">Portugal</option><option value="ES">Spain</option></select>
  <button>Order the card</button>
</form>""",
    # A radio group and a checkbox list named by their options' text only.
    "/preferences": _CSS + """<h1>How may we reach you?</h1>
<form action="/done" method="post">
  <div><input type="radio" name="rc" id="r1" value="1"><label for="r1">Letter</label>
    <input type="radio" name="rc" id="r2" value="2"><label for="r2">Phone call</label>
    <input type="radio" name="rc" id="r3" value="3"><label for="r3">E-mail</label></div>
  <div><label><input type="checkbox" name="t" value="g" id="c1"> Gardening</label>
    <label><input type="checkbox" name="t" value="k" id="c2"> Cooking</label>
    <label><input type="checkbox" name="t" value="v" id="c3"> Travel</label></div>
  <button>Keep my choices</button>
</form>""",
    # Many buttons and a link; the goal quotes one of them.
    "/editor": _CSS + """<h1>Note</h1>
<form action="/done" method="post" id="note">
  <label for="body">Text</label><textarea id="body" name="body"></textarea>
  <div><button name="do" value="draft">Save draft</button> <button type="button" id="pv">Preview</button>
    <button name="do" value="pub">Publish now</button> <button type="button" id="del">Delete</button></div>
</form>
<nav><a href="/help">Help</a> <a href="/history">Version history</a></nav>""",
    # A newsletter box and a cookie banner laid over the form; the box has its own e-mail field and button.
    "/quote": _CSS + """<h1>Ask for a quote</h1>
<form action="/done" method="post">
  <label for="qn">Name</label><input id="qn" name="qn">
  <label for="qm">E-mail</label><input id="qm" name="qm" type="email">
  <label for="qw">What do you need?</label><textarea id="qw" name="qw"></textarea>
  <button>Send my request</button>
</form>
<div id="cookies" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1rem">
  We bake cookies. <button type="button" onclick="this.parentNode.remove()">Fine by me</button></div>
<div id="promo" role="dialog" aria-modal="true" style="display:none;position:fixed;inset:10% 20%;background:#fff;
  border:2px solid #000;padding:1rem">
  <p>Ten percent off your first order!</p>
  <input type="email" placeholder="Your e-mail for the code" id="pm">
  <button type="button" id="getcode">Get the code</button>
  <button type="button" aria-label="Close" onclick="this.parentNode.style.display='none'">×</button></div>
<script>setTimeout(() => { document.getElementById('promo').style.display = 'block'; }, 200);</script>""",
    # The region list arrives a moment after the page: first an empty, busy list, then its options.
    "/slowform": _CSS + """<h1>Report a pothole</h1>
<form action="/done" method="post" id="f">
  <label for="where">Street</label><input id="where" name="where">
  <div id="area" aria-busy="true"><label for="dist">District</label><select id="dist" name="dist"></select></div>
  <button>Report it</button>
</form>
<script>
  setTimeout(() => {
    document.getElementById('dist').innerHTML = '<option value="">Choose</option>' +
      ['Harbour', 'Old Town', 'Riverside'].map((d, i) => `<option value="d${i}">${d}</option>`).join('');
    document.getElementById('area').setAttribute('aria-busy', 'false');
    document.getElementById('area').insertAdjacentHTML('beforeend',
      '<label for="size">How big is it (cm)?</label><input id="size" name="size" inputmode="numeric">');
  }, 1200);
</script>""",
    # The send button stays disabled until the consent box is ticked.
    "/consent": _CSS + """<h1>Volunteer sign-up</h1>
<form action="/done" method="post">
  <label for="vn">Name</label><input id="vn" name="vn">
  <label><input type="checkbox" id="ok" name="ok"> I agree to the volunteer code of conduct</label>
  <label><input type="checkbox" id="news" name="news"> Send me the monthly newsletter</label>
  <button id="send" disabled>Sign me up</button>
</form>
<script>document.getElementById('ok').onchange = (e) => {
  document.getElementById('send').disabled = !e.target.checked; };</script>""",
    # Two steps on one page: the second is drawn when the first is continued.
    "/order": _CSS + """<h1>Order flowers</h1>
<form id="w" onsubmit="return false">
  <section id="s1"><h2>Step 1 of 2: you</h2>
    <label for="on">Name</label><input id="on" name="on">
    <label for="oe">E-mail</label><input id="oe" name="oe" type="email">
    <button type="button" onclick="history.back()">Cancel</button>
    <button type="button" id="go2">Continue</button></section>
  <section id="s2" hidden><h2>Step 2 of 2: the recipient</h2>
    <label for="ra">Delivery address</label><input id="ra" name="ra">
    <label for="rm">Card message</label><input id="rm" name="rm">
    <button type="button" id="back">Back</button> <button type="button" id="buy">Place the order</button></section>
</form>
<script>document.getElementById('go2').onclick = () => {
  document.getElementById('s1').hidden = true; document.getElementById('s2').hidden = false; };</script>""",
    # A form in a same-origin iframe and another in an open shadow root.
    "/embedded": _CSS + """<h1>Partner booking</h1>
<iframe src="/embedded-frame" title="Booking" style="width:30rem;height:12rem"></iframe>
<room-request></room-request>
<script>
  customElements.define('room-request', class extends HTMLElement {
    connectedCallback() {
      const root = this.attachShadow({mode: 'open'});
      root.innerHTML = `<form action="/done" method="post"><label for="guests">Guests</label>
        <input id="guests" name="guests" type="number"><label for="wish">Special wishes</label>
        <input id="wish" name="wish"><button>Request the room</button></form>`;
    }
  });
</script>""",
    "/embedded-frame": _CSS + """<form action="/done" method="post">
  <label for="guest">Lead guest</label><input id="guest" name="guest">
  <label for="arr">Arrival</label><input id="arr" name="arr" type="date">
  <button>Hold the booking</button></form>""",
    # The same form on two visits: fields in another order, ids numbered by position.
    "/survey-a": _CSS + """<h1>Visitor survey</h1>
<form action="/done" method="post">
  <div><label for="q1">Your age</label><input id="q1" name="q1" inputmode="numeric"></div>
  <div><label for="q2">Home town</label><input id="q2" name="q2"></div>
  <div><label for="q3">How did you hear of us?</label><input id="q3" name="q3"></div>
  <div><label for="q4">E-mail (for the prize draw)</label><input id="q4" name="q4" type="email"></div>
  <button>Hand in</button>
</form>""",
    "/survey-b": _CSS + """<h1>Visitor survey</h1>
<form action="/done" method="post">
  <div style="display:flex;gap:1rem">
  <div><label for="q1">E-mail (for the prize draw)</label><input id="q1" name="q1" type="email"></div>
  <div><label for="q2">How did you hear of us?</label><input id="q2" name="q2"></div></div>
  <div><label for="q3">Home town</label><input id="q3" name="q3"></div>
  <div><label for="q4">Your age</label><input id="q4" name="q4" inputmode="numeric"></div>
  <button>Hand in</button>
</form>""",
    # A date input, a number with a step, a time, and a code with a pattern.
    "/appointment": _CSS + """<h1>Book a check-up</h1>
<form action="/done" method="post">
  <label for="ad">Day of the visit</label><input id="ad" name="ad" type="date">
  <label for="at">Time</label><input id="at" name="at" type="time">
  <label for="ah">Height in cm</label><input id="ah" name="ah" type="number" step="1">
  <label for="ai">Insurance number</label><input id="ai" name="ai" pattern="[A-Z]{2}[0-9]{6}" placeholder="AB123456">
  <button>Book it</button>
</form>""",
}
# Pages of the agent's browser tests, already ours and unlike the corpus; served under the same paths.
PAGES.update({path: html for path, html in AGENT_PAGES.items() if path not in PAGES})

CASES: tuple[Case, ...] = (
    Case("labelled_inputs", "four_label_kinds", "/signup"),
    Case("labelled_inputs", "same_label_twice", "/contacts"),
    Case("unlabelled_inputs", "captions_and_names", "/delivery"),
    Case("password_confirm", "asked_again", "/register"),
    Case("select_by_text", "option_text_values", "/membership"),
    Case("radio_checkbox_text", "options_by_text", "/preferences"),
    Case("named_controls", "toolbar", "/editor"),
    Case("custom_widgets", "lists_shown", "/rental"),
    Case("custom_widgets", "suggestions_open", "/rental", steps=(("fill", "#depot", "Lee"),),
         ready="#depots li"),
    Case("custom_widgets", "dropdown_open", "/rental", steps=(("click", "#fuel", ""),), ready="#fuels li"),
    Case("dates", "year_month_day_selects", "/renewal"),
    Case("dates", "three_text_parts", "/permit"),
    Case("reformatting_fields", "mask_and_expiry", "/callme"),
    Case("reformatting_fields", "typed_inputs", "/appointment"),
    Case("iframe_shadow", "frame_and_shadow", "/embedded", ready="room-request"),
    Case("overlays", "promo_over_form", "/quote", ready="#promo #getcode"),
    Case("late_content", "loading", "/slowform"),
    Case("late_content", "loaded", "/slowform", ready="#size"),
    Case("disabled_submit", "before_consent", "/consent"),
    Case("disabled_submit", "after_consent", "/consent", steps=(("click", "#ok", ""),)),
    Case("wizard", "first_step", "/order"),
    Case("wizard", "second_step", "/order", steps=(("click", "#go2", ""),), ready="#buy"),
    Case("single_page_app", "home", "/bank"),
    Case("single_page_app", "payment_view", "/bank", steps=(("click", "#pay", ""),), ready="#next"),
    Case("paginated_table", "first_page", "/ledger"),
    Case("paginated_table", "last_page", "/ledger", steps=(("click", "#older", ""), ("click", "#older", ""))),
    Case("search_pick", "before_search", "/catalogue"),
    Case("search_pick", "results", "/catalogue", steps=(("fill", "#q", "dispossessed"),), ready="#hits button"),
    Case("shuffled_layout", "visit_a", "/survey-a"),
    Case("shuffled_layout", "visit_b", "/survey-b"),
)


@contextmanager
def serving() -> Iterator[str]:
    """Serve PAGES on 127.0.0.1 (a free port) for as long as the block runs; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            return

        def do_GET(self) -> None:  # noqa: N802 - stdlib naming
            page = PAGES.get(urllib.parse.urlsplit(self.path).path)
            body = f"<!doctype html><title>Saved snapshot page</title>{page}" if page is not None else "missing"
            data = body.encode()
            self.send_response(200 if page is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
