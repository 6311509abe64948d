"""Small local pages the agent has never seen, written unlike the corpus: each asks for one kind of widget or flow.

A page posts to /sent (a form post, or a fetch with a JSON body); the server keeps what it received, per page.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_STYLE = "<style>body{font-family:sans-serif} label,legend{display:block;margin-top:.6rem}</style>"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]


def _options(values: list[tuple[str, str]]) -> str:
    return "".join(f'<option value="{v}">{t}</option>' for v, t in values)


PAGES: dict[str, str] = {
    # A new secret typed twice; the second box says so only in its placeholder.
    "/rekey": _STYLE + """<h2>Rotate the vault key</h2>
<form method="post" action="/sent">
  <label for="k1">New vault key</label><input id="k1" name="key" type="password">
  <input id="k2" name="key2" type="password" placeholder="Repeat it to be sure" aria-label="Key once more">
  <button>Rotate</button>
</form>""",
    # A ticket form whose subject is labelled "Title" (no word of the key) beside a free-text box: the replayed
    # code filled the box before it stopped at the title.
    "/retitled": _STYLE + """<h2>New ticket</h2>
<form method="post" action="/sent">
  <label for="t1">Title</label><input id="t1" name="title" size="50">
  <label for="t2">Describe the problem</label><textarea id="t2" name="body" rows="4"></textarea>
  <button>Create ticket</button>
</form>""",

    # A call-back form whose button names nothing of the goal, under a consent wall the code met late.
    "/walled-callback": _STYLE + """<h2>Talk to an advisor</h2>
<form method="post" action="/sent">
  <label for="n">Full name</label><input id="n" name="who">
  <label for="p">Telephone</label><input id="p" name="tel">
  <button>Send</button>
</form>
<div id="wall" style="position:fixed;inset:0;background:rgba(0,0,0,.4);z-index:10"></div>
<div id="cc" role="dialog" aria-label="Cookie consent" style="position:fixed;top:30%;left:20%;z-index:11;
  background:#fff;padding:1rem"><p>We use cookies.</p>
  <button onclick="document.getElementById('cc').remove(); document.getElementById('wall').remove()">Reject all
  </button></div>""",

    # One form: a search for free times, then (after "Find times") the times and the guest's details; the search
    # button stays beside them. The replayed code searched, chose a time and typed the name, then stopped.
    "/dinner-times": _STYLE + """<h2>Dinner reservations</h2>
<form method="post" action="/sent">
  <label for="g">Guests</label><select id="g" name="guests">""" + _options(
        [(str(n), f"{n} guests") for n in (2, 3, 4)]) + """</select>
  <label for="on">Evening</label><input id="on" name="evening" type="date">
  <button id="find" onclick="document.getElementById('later').hidden = false; return false">Find times</button>
  <div id="later" hidden>
    <fieldset><legend>Free times</legend>
      <label><input type="radio" name="at" value="19:00"> 19:00</label>
      <label><input type="radio" name="at" value="20:30"> 20:30</label>
    </fieldset>
    <label for="gn">Guest name</label><input id="gn" name="who">
    <label for="mob">Mobile</label><input id="mob" name="mobile">
    <button>Confirm</button>
  </div>
</form>""",
    # A call-back booking whose free times load (slowly) once a day is chosen; "Continue" sits beside them. The
    # replayed code chose the day and handed over while the times were still on their way.
    "/call-slots": _STYLE + """<h2>Book a call</h2>
<form method="post" action="/sent">
  <label for="day">Day</label><input id="day" name="day" type="date" onchange="fetch('/slow-slots')
    .then((r) => r.json()).then((times) => { document.getElementById('slots').innerHTML = '<legend>Time</legend>' +
    times.map((t) => `<label><input type=radio name=slot value='${t}'> ${t}</label>`).join(''); })">
  <fieldset id="slots"><legend>Time</legend><p>Choose a day first.</p></fieldset>
  <button>Continue</button>
</form>""",
    # A water meter reading: the date of the reading in three boxes first; the dials, once a meter is chosen, in
    # one-digit boxes under a question that names no key.
    "/water-reading": _STYLE + """<h2>Water meter</h2>
<form method="post" action="/sent">
  <fieldset><legend>Date of reading</legend>
    <label for="sd">Day</label><input id="sd" name="day" inputmode="numeric" size="2">
    <label for="sm">Month</label><input id="sm" name="month" inputmode="numeric" size="2">
    <label for="sy">Year</label><input id="sy" name="year" inputmode="numeric" size="4">
  </fieldset>
  <fieldset><legend>Which meter?</legend>
    <label><input type="radio" name="meter" value="k" onchange="document.getElementById('dials').hidden = false">
      Kitchen W-1001</label>
    <label><input type="radio" name="meter" value="g" onchange="document.getElementById('dials').hidden = false">
      Garden W-2002</label>
  </fieldset>
  <div id="dials" hidden><h3 id="dq">What numbers are on the dial?</h3>
    <div role="group" aria-labelledby="dq">""" + "".join(
        f'<input name="d{n}" maxlength="1" size="1" inputmode="numeric" aria-label="Digit {n} of 5">'
        for n in range(1, 6)) + """</div></div>
  <button>Send</button>
</form>""",
    # A search whose form also holds a collapsed "Add a group code" section (a button that only shows a field).
    "/lodge-search": _STYLE + """<h2>Lodges</h2>
<form method="post" action="/sent">
  <label for="ar">Arrival</label><input id="ar" name="arrival" type="date">
  <label for="nt">Nights</label><select id="nt" name="nights">""" + _options(
        [(str(n), f"{n} nights") for n in (1, 2, 3, 7)]) + """</select>
  <button type="button" aria-expanded="false" aria-controls="gc" onclick="this.setAttribute('aria-expanded',
    'true'); document.getElementById('gc').hidden = false">Add a group code</button>
  <div id="gc" hidden><label for="code">Group code</label><input id="code" name="code"></div>
  <button>See prices</button>
</form>""",
    # A password change whose third box asks "Type it again" (no word of the key) and whose button stays disabled
    # until the two new passwords match.
    "/passphrase": _STYLE + """<h2>Security</h2>
<form method="post" action="/sent" oninput="document.getElementById('save').disabled =
    !this.fresh.value || this.fresh.value !== this.again.value">
  <label for="old">Current password</label><input id="old" name="old" type="password">
  <label for="fresh">New password</label><input id="fresh" name="fresh" type="password">
  <label for="again">Type it again</label><input id="again" name="again" type="password">
  <button id="save" disabled>Save</button>
</form>""",
    # Van hire: two text dates alike in shape (a stated format), told apart only by their words; nothing asks about
    # a one-way hire.
    "/van-hire": _STYLE + """<h2>Hire a van</h2>
<form method="post" action="/sent">
  <label for="a">First night of your stay</label><input id="a" name="a" placeholder="DD.MM.YYYY">
  <label for="b">Last night of your stay</label><input id="b" name="b" placeholder="DD.MM.YYYY">
  <label for="town">Pick-up town</label><input id="town" name="town">
  <button>Book the van</button>
</form>""",
    # The same, with a box already ticked that the user never asked for: a "No" may be about it, under its name.
    "/van-hire-ticked": _STYLE + """<h2>Hire a van</h2>
<form method="post" action="/sent">
  <label for="town">Pick-up town</label><input id="town" name="town">
  <label><input type="checkbox" name="cover" checked> Full protection (+£14 a day)</label>
  <button>Book the van</button>
</form>""",
    # The same, with a list already on "Yes".
    "/van-hire-offers": _STYLE + """<h2>Hire a van</h2>
<form method="post" action="/sent">
  <label for="town">Pick-up town</label><input id="town" name="town">
  <label for="deal">Add the weekend deal</label><select id="deal" name="deal"><option>Yes</option><option>Later</option>
  </select>
  <button>Book the van</button>
</form>""",
    # Finish swatches named by a choosing verb, the list and the value run on ("Pick finish Walnut"), no caption.
    "/sideboard": _STYLE + """<h2>Low sideboard</h2>
<form method="post" action="/sent">
  <input type="hidden" name="finish" id="finish" value="Oak">""" + "".join(
        f'<button type="button" aria-label="Pick finish {f}" aria-pressed="{str(f == "Oak").lower()}" onclick="'
        f"document.getElementById('finish').value = '{f}'; document.querySelectorAll('[aria-pressed]').forEach("
        f"(b) => b.setAttribute('aria-pressed', String(b === this)))\">&#9679;</button>"
        for f in ("Oak", "Walnut", "Ash")) + """
  <label for="n">How many</label><input id="n" name="count" type="number" value="1">
  <button>Add to basket</button>
</form>""",
    # Alert switches in one fieldset, two already on; "Keep changes" sends every switch's state.
    "/alerts": _STYLE + """<h2>Alerts</h2>
<fieldset><legend>Email me when</legend>""" + "".join(
        f'<div><button type="button" role="switch" aria-checked="{str(on).lower()}" aria-label="{name}" '
        "onclick=\"this.setAttribute('aria-checked', String(this.getAttribute('aria-checked') !== 'true'))\">"
        f"</button> {name}</div>"
        for name, on in (("Price drops", False), ("Back in stock", True), ("Order shipped", True),
                         ("Survey invitations", False))) + """</fieldset>
<button type="button" onclick="fetch('/sent', {method: 'POST', body: JSON.stringify(Object.fromEntries(
  [...document.querySelectorAll('[role=switch]')].map((b) => [b.getAttribute('aria-label'),
  b.getAttribute('aria-checked')])))}).then(() => document.body.innerHTML = '<h1>Saved</h1>')">Keep changes</button>""",
    # A cabin's two date pickers; their names say nothing of the keys.
    "/cabin": _STYLE + """<h2>Book the cabin</h2>
<form method="post" action="/sent">
  <label for="ar">Turning up on</label><input id="ar" name="ar" type="date">
  <label for="de">Heading home on</label><input id="de" name="de" type="date">
  <button>Check the cabin</button>
</form>""",
    # A standing order whose declaration names the payer ("I am the payer...") beside the payer's own name field.
    "/standing-order": _STYLE + """<h2>New standing order</h2>
<form method="post" action="/sent">
  <label for="amt">Amount each month</label><input id="amt" name="amount">
  <label for="who">Full name of the person paying</label><input id="who" name="payer_name">
  <label><input type="checkbox" name="declare" value="yes"> I am the payer and may set this up alone</label>
  <button>Set it up</button>
</form>""",
    # A dialog to pick a class's session in, its title naming the class: "Close" sits by the title, "Confirm" below.
    "/pottery": _STYLE + """<h2>Evening classes</h2>
<div role="dialog" aria-modal="true" aria-labelledby="pt">
  <div><h3 id="pt">Pottery for Beginners: choose a session</h3><button type="button" id="x"
    onclick="this.closest('[role=dialog]').remove()">Close</button></div>
  <fieldset><legend>Sessions</legend>
    <label><input type="radio" name="s" value="sat"> Sat 10:00–12:00 · Studio 2 · 4 places left</label>
    <label><input type="radio" name="s" value="sun"> Sun 14:00–16:00 · Studio 1 · 2 places left</label></fieldset>
  <button type="button" onclick="this.closest('[role=dialog]').remove()">Cancel</button>
  <button type="button" onclick="fetch('/sent', {method: 'POST', body: JSON.stringify({session:
    document.querySelector('input[name=s]:checked').value})}).then(() => document.body.innerHTML =
    '<h1>You are booked on Pottery for Beginners</h1>')">Confirm</button>
</div>""",
    # An adviser's call-back: its answers worded as the bank words them ("Phone call", "Letter by post").
    "/adviser": _STYLE + """<h2>Talk to an adviser</h2>
<form method="post" action="/sent">
  <fieldset><legend>How would you like to meet?</legend>
    <label><input type="radio" name="meet" value="branch"> In person at your branch</label>
    <label><input type="radio" name="meet" value="video"> Video chat</label>
    <label><input type="radio" name="meet" value="call"> Phone call</label></fieldset>
  <fieldset><legend>Where should we send the summary?</legend>
    <label><input type="radio" name="summary" value="mail"> E-mail</label>
    <label><input type="radio" name="summary" value="post"> Letter by post</label>
    <label><input type="radio" name="summary" value="sms"> Text message</label></fieldset>
  <button>Ask for an adviser</button>
</form>""",
    # A password change outside any form or region: the page's script sends the fields "Save" reads.
    "/loose-password": _STYLE + """<h2>Password</h2>
  <label for="o">Old password</label><input id="o" type="password">
  <label for="n">New password</label><input id="n" type="password">
  <label for="c">Confirm new password</label><input id="c" type="password">
  <button type="button" onclick="fetch('/sent', {method: 'POST', body: JSON.stringify({old:
    document.getElementById('o').value, new: document.getElementById('n').value, again:
    document.getElementById('c').value})}).then(() => document.body.innerHTML = '<h1>Password changed</h1>')"
  >Save</button>""",
    # A checkout outside any form: the card in the page's main region, a voucher in a collapsed section of the side
    # region with its own "Redeem". The replayed code opened the section and typed the card, then stopped.
    "/voucher-checkout": _STYLE + """<h2>Checkout</h2>
<main>
  <label for="holder">Name on the card</label><input id="holder">
  <label for="num">Card number</label><input id="num">
  <button type="button" onclick="fetch('/sent', {method: 'POST', body: JSON.stringify({holder:
    document.getElementById('holder').value, number: document.getElementById('num').value, voucher:
    document.getElementById('v').dataset.redeemed || ''})}).then(() => document.body.innerHTML =
    '<h1>Thank you, your order is placed.</h1>')">Pay £48.00</button>
</main>
<aside>
  <button type="button" aria-expanded="false" aria-controls="vp" onclick="const open = this.getAttribute(
    'aria-expanded') === 'true'; this.setAttribute('aria-expanded', String(!open));
    document.getElementById('vp').hidden = open">Have a voucher code?</button>
  <div id="vp" hidden>
    <label for="v">Voucher code</label><input id="v">
    <button type="button" onclick="const v = document.getElementById('v'); v.dataset.redeemed = v.value;
      document.getElementById('ok').textContent = 'Voucher applied'">Redeem</button>
    <p id="ok"></p>
  </div>
</aside>""",
    "/renewal": _STYLE + """<h2>Renew your club card</h2>
<form method="post" action="/sent">
  <label for="gn">Given name</label><input id="gn" name="given">
  <span id="since">Member since</span>
  <div role="group" aria-labelledby="since">
    <select name="y" aria-label="Year"><option value="">----</option>""" + _options(
        [(str(y), str(y)) for y in range(2025, 1989, -1)]) + """</select>
    <select name="m" aria-label="Month"><option value="">---</option>""" + _options(
        [(str(i), m) for i, m in enumerate(_MONTHS, 1)]) + """</select>
    <select name="d" aria-label="Day"><option value="">--</option>""" + _options(
        [(f"{d:02d}", str(d)) for d in range(1, 32)]) + """</select>
  </div>
  <button>Renew card</button>
</form>""",
    # Three short text inputs under one legend (the way many public-service forms ask for a date).
    "/permit": _STYLE + """<h2>Parking permit</h2>
<form method="post" action="/sent">
  <fieldset><legend>When should the permit start?</legend>
    <label for="pd">Day</label><input id="pd" name="start-day" maxlength="2" size="2" inputmode="numeric">
    <label for="pm">Month</label><input id="pm" name="start-month" maxlength="2" size="2" inputmode="numeric">
    <label for="py">Year</label><input id="py" name="start-year" maxlength="4" size="4" inputmode="numeric">
  </fieldset>
  <label for="plate">Number plate</label><input id="plate" name="plate">
  <button>Apply for the permit</button>
</form>""",
    # A read-only field that opens a grid of day cells under a "Month Year" heading; days are named by title.
    "/courier": _STYLE + """<h2>Arrange a collection</h2>
<form method="post" action="/sent" id="f">
  <label for="pickup">Collection day</label>
  <input id="pickup" readonly aria-haspopup="dialog" placeholder="pick a day">
  <input type="hidden" name="day" id="iso">
  <div id="cal" role="dialog" style="display:none;border:1px solid #888;width:16rem">
    <button type="button" id="back" title="Earlier">«</button> <h3 id="cap" style="display:inline"></h3>
    <button type="button" id="fwd" title="Later">»</button>
    <div id="grid" style="display:grid;grid-template-columns:repeat(7,2rem)"></div>
  </div>
  <label for="parcels">Parcels</label><input id="parcels" name="parcels" type="number" min="1">
  <button>Book the collection</button>
</form>
<script>
  const NAMES = """ + json.dumps(_LONG_MONTHS) + """;
  let y = 2027, m = 0;
  const field = document.getElementById('pickup'), cal = document.getElementById('cal');
  const pad = (n) => String(n).padStart(2, '0');
  function draw() {
    document.getElementById('cap').textContent = NAMES[m] + ' ' + y;
    const grid = document.getElementById('grid'); grid.innerHTML = '';
    for (let d = 1; d <= new Date(y, m + 1, 0).getDate(); d++) {
      const cell = document.createElement('div');
      cell.setAttribute('role', 'gridcell'); cell.textContent = d; cell.title = d + ' ' + NAMES[m] + ' ' + y;
      cell.style.cursor = 'pointer';
      cell.onclick = () => { field.value = pad(d) + '.' + pad(m + 1) + '.' + y;
        document.getElementById('iso').value = y + '-' + pad(m + 1) + '-' + pad(d); cal.style.display = 'none'; };
      grid.appendChild(cell);
    }
  }
  field.onclick = () => { cal.style.display = 'block'; draw(); };
  document.getElementById('fwd').onclick = () => { m++; if (m > 11) { m = 0; y++; } draw(); };
  document.getElementById('back').onclick = () => { m--; if (m < 0) { m = 11; y--; } draw(); };
</script>""",
    # A phone field with a US mask beside a fixed "+1", and a card expiry that takes MM/YY.
    "/callme": _STYLE + """<h2>Call me back</h2>
<form method="post" action="/sent">
  <label for="ph">Best number to reach you</label><span>+1</span>
  <input id="ph" name="phone" type="tel" placeholder="(___) ___-____" maxlength="14">
  <label for="vu">Valid until</label><input id="vu" name="valid" placeholder="MM/YY" maxlength="5">
  <button>Request the call</button>
</form>
<script>
  const ph = document.getElementById('ph');
  ph.addEventListener('input', () => {
    const d = ph.value.replace(/\\D/g, '').slice(0, 10);
    ph.value = d.length > 6 ? `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}` : d.length > 3 ?
      `(${d.slice(0, 3)}) ${d.slice(3)}` : d;
  });
  const vu = document.getElementById('vu');
  vu.addEventListener('input', () => {
    const d = vu.value.replace(/\\D/g, '').slice(0, 4);
    vu.value = d.length > 2 ? d.slice(0, 2) + '/' + d.slice(2) : d;
  });
</script>""",
    # An autocomplete bound to its list by aria-controls, a listbox of divs, and a button that opens a list;
    # the choices are sent by fetch as JSON.
    "/rental": _STYLE + """<h2>Hire a van</h2>
<label for="depot">Pick-up depot</label>
<input id="depot" role="combobox" aria-controls="depots" aria-expanded="false" autocomplete="off">
<ul id="depots" role="listbox" hidden></ul>
<span id="sz">Van size</span>
<div role="listbox" aria-labelledby="sz" tabindex="0" id="sizes">
  <div role="option" aria-selected="false">Compact</div><div role="option" aria-selected="false">Long wheelbase</div>
  <div role="option" aria-selected="false">Luton</div></div>
<span id="fl">Fuel policy</span>
<button type="button" id="fuel" aria-haspopup="listbox" aria-expanded="false" aria-labelledby="fl fuel">Choose</button>
<ul role="listbox" id="fuels" hidden><li role="option">Full to full</li><li role="option">Prepaid tank</li></ul>
<button type="button" id="go">Reserve the van</button><p id="out" role="status"></p>
<script>
  const DEPOTS = ['Leeds North', 'Leeds South', 'Leicester', 'Lincoln'];
  const box = document.getElementById('depot'), list = document.getElementById('depots');
  const chosen = {};
  box.addEventListener('input', () => {
    chosen.depot = '';
    const q = box.value.toLowerCase();
    list.innerHTML = DEPOTS.filter((d) => q.length > 1 && d.toLowerCase().includes(q))
      .map((d) => `<li role="option" data-v="${d}">${d}</li>`).join('');
    list.hidden = !list.children.length;
  });
  list.addEventListener('mousedown', (e) => { const li = e.target.closest('li'); if (!li) return;
    e.preventDefault(); box.value = li.dataset.v; chosen.depot = li.dataset.v; list.hidden = true; });
  document.getElementById('sizes').addEventListener('click', (e) => {
    const o = e.target.closest('[role=option]'); if (!o) return;
    document.querySelectorAll('#sizes [role=option]').forEach((x) => x.setAttribute('aria-selected', x === o));
    chosen.size = o.textContent; });
  const fuel = document.getElementById('fuel'), fuels = document.getElementById('fuels');
  fuel.onclick = () => { fuels.hidden = !fuels.hidden; fuel.setAttribute('aria-expanded', String(!fuels.hidden)); };
  fuels.addEventListener('click', (e) => { const o = e.target.closest('[role=option]'); if (!o) return;
    chosen.fuel = o.textContent; fuel.textContent = o.textContent; fuels.hidden = true; });
  document.getElementById('go').onclick = async () => {
    if (!chosen.depot || !chosen.size || !chosen.fuel) {
      document.getElementById('out').textContent = 'Incomplete'; return; }
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(chosen)});
    document.getElementById('out').textContent = 'Van reserved';
  };
</script>""",
    # A ledger paged on the client by an "Older entries" button; the goal names one state to keep.
    "/ledger": _STYLE + """<h2>Payments</h2>
<table id="t"><thead><tr><th>Booked on</th><th>Recipient</th><th>Sum</th><th>State</th></tr></thead><tbody></tbody>
</table><button type="button" id="older">Older entries</button>
<script>
  const ROWS = [];
  const STATES = ['Settled', 'Held', 'Settled', 'Refused'];
  for (let i = 0; i < 11; i++) ROWS.push([(i + 3) + ' Mar 2026', 'Shop ' + String.fromCharCode(65 + i),
    '€' + (10 + i * 7) + '.50', STATES[i % 4]]);
  let page = 0;
  function show() {
    document.querySelector('#t tbody').innerHTML = ROWS.slice(page * 4, page * 4 + 4)
      .map((r) => '<tr>' + r.map((c) => `<td>${c}</td>`).join('') + '</tr>').join('');
    document.getElementById('older').disabled = (page + 1) * 4 >= ROWS.length;
  }
  document.getElementById('older').onclick = () => { page++; show(); };
  show();
</script>""",
    # A catalogue search whose results are cards; the plain edition sits among its variants.
    "/catalogue": _STYLE + """<h2>City library</h2>
<div role="search"><input id="q" type="search" placeholder="Title, author or ISBN"></div>
<div id="hits"></div>
<script>
  const BOOKS = ['The Dispossessed (large print)', 'The Dispossessed', 'The Dispossessed: a graphic novel',
                 'Dispossession and its discontents'];
  const q = document.getElementById('q');
  q.addEventListener('input', () => setTimeout(() => {
    const words = q.value.toLowerCase().split(/\\s+/).filter(Boolean);
    document.getElementById('hits').innerHTML = BOOKS.filter((b) => words.length &&
      words.every((w) => b.toLowerCase().includes(w)))
      .map((b) => `<article><h4>${b}</h4><button type="button" data-b="${b}">Reserve</button></article>`).join('');
    document.querySelectorAll('#hits button').forEach((btn) => btn.onclick = async () => {
      await fetch('/sent', {method: 'POST', body: JSON.stringify({book: btn.dataset.b})});
      btn.textContent = 'Reserved';
    });
  }, 120));
</script>""",
    # A newsletter popup opens a moment after load; the form's button stays disabled until the rules are accepted.
    "/club": _STYLE + """<h2>Join the climbing club</h2>
<form method="post" action="/sent" id="f">
  <label for="nm">Your full name</label><input id="nm" name="who">
  <label for="em">E-mail</label><input id="em" name="mail" type="email">
  <label><input type="checkbox" name="rules" id="rules"> I accept the house rules</label>
  <label><input type="checkbox" name="promo"> Send me partner offers</label>
  <button id="join" disabled>Join</button>
</form>
<dialog id="pop"><p>Our monthly letter?</p><input type="email" placeholder="you@example.org">
  <button type="button" id="later">Maybe later</button></dialog>
<script>
  const f = document.getElementById('f');
  const rules = document.getElementById('rules');
  f.addEventListener('change', () => { document.getElementById('join').disabled = !rules.checked; });
  document.getElementById('later').onclick = () => document.getElementById('pop').close();
  setTimeout(() => document.getElementById('pop').showModal(), 250);
</script>""",
    # A contact list with a search box, whose "Add contact" opens the form in a dialog; saved by fetch.
    "/contacts": _STYLE + """<h2>Contacts</h2>
<div><input type="search" placeholder="Search contacts" aria-label="Search contacts">
  <button type="button" id="add">Add contact</button></div>
<table id="list"><tr><th>Name</th><th>Email</th></tr></table>
<dialog id="dlg"><h3>New contact</h3>
  <label for="cn">Full name</label><input id="cn">
  <label for="ce">Email address</label><input id="ce" type="email">
  <button type="button" id="cancel">Cancel</button><button type="button" id="save">Save contact</button></dialog>
<script>
  const dlg = document.getElementById('dlg');
  document.getElementById('add').onclick = () => dlg.showModal();
  document.getElementById('cancel').onclick = () => dlg.close();
  document.getElementById('save').onclick = async () => {
    const name = document.getElementById('cn').value, mail = document.getElementById('ce').value;
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                          body: new URLSearchParams({name, mail})});
    dlg.close();
    document.getElementById('list').insertAdjacentHTML('beforeend', `<tr><td>${name}</td><td>${mail}</td></tr>`);
  };
</script>""",
    # A profile whose preferred contact is a radio group; the goal also speaks of a new phone number.
    "/contact-preference": _STYLE + """<h2>Your profile</h2>
<form method="post" action="/sent">
  <label for="tp">Telephone</label><input id="tp" name="tel">
  <label for="co">Country</label><select id="co" name="country"><option value="">Choose…</option>
    <option>Canada</option><option>Ireland</option></select>
  <div id="rg" hidden><label for="re">Region</label><select id="re" name="region"></select></div>
  <fieldset><legend>How should we contact you?</legend>
    <label><input type="radio" name="pref" value="email"> Email</label>
    <label><input type="radio" name="pref" value="phone" checked> Phone</label>
    <label><input type="radio" name="pref" value="post"> Post (letter)</label></fieldset>
  <button>Save changes</button>
</form>
<script>document.getElementById('co').onchange = (e) => {  // the regions show once the country is chosen
  document.getElementById('re').innerHTML = e.target.value === 'Canada'
    ? '<option value="">Choose…</option><option>Ontario</option><option>Quebec</option>'
    : '<option value="">Choose…</option><option>Leinster</option><option>Munster</option>';
  document.getElementById('rg').hidden = false; };</script>""",
    # Notification settings: switches named by what they notify of, saved as JSON by one button.
    # Questions for labels, a select of income bands, and radio cards whose native radio is visually hidden under
    # the card's own text (a click on the radio itself lands on that text).
    "/home-quote": _STYLE + """<style>.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;
overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0} .card{display:block;position:relative;
border:1px solid #999;width:14rem} .card>span{display:block;position:relative;padding:1rem;background:#fff}</style>
<h2>Home insurance quote</h2>
<form method="post" action="/sent">
  <label for="rb">Roughly how much would it cost to rebuild your home?</label>
  <div>£ <input id="rb" name="rebuild" inputmode="decimal"></div>
  <label for="pp">How many people live in your home?</label><input id="pp" name="people">
  <label for="inc">What is your household's yearly income?</label>
  <select id="inc" name="income"><option value="">Choose</option><option value="i1">Under £20,000</option>
    <option value="i2">£20,000 – £39,999</option><option value="i3">£40,000 – £59,999</option>
    <option value="i4">£60,000 or more</option></select>
  <fieldset><legend>How long have you lived there?</legend>
    <label><input type="radio" name="lived" value="l1">Less than a year</label>
    <label><input type="radio" name="lived" value="l2">1 to 5 years</label>
    <label><input type="radio" name="lived" value="l3">More than 5 years</label></fieldset>
  <fieldset><legend>How often would you like to pay?</legend>
    <label class="card"><input type="radio" name="pay" value="m" class="sr-only" aria-labelledby="pm">
      <span><b id="pm">Monthly</b> twelve payments</span></label>
    <label class="card"><input type="radio" name="pay" value="a" class="sr-only" aria-labelledby="pa">
      <span><b id="pa">Annually</b> one payment, 5% off</span></label></fieldset>
  <button>Get my price</button>
</form>""",
    "/notifications": _STYLE + """<h2>Notifications</h2>
  <div><span id="l1">Someone mentions me</span>
    <button type="button" role="switch" aria-checked="true" aria-labelledby="l1" data-k="mention"></button></div>
  <div><span id="l2">Weekly summary</span>
    <button type="button" role="switch" aria-checked="false" aria-labelledby="l2" data-k="weekly"></button></div>
  <div><span id="l3">Product news and tips</span>
    <button type="button" role="switch" aria-checked="false" aria-labelledby="l3" data-k="news"></button></div>
  <button type="button" id="save">Save changes</button><p id="msg" role="status"></p>
<script>
  document.querySelectorAll('[role=switch]').forEach((s) => s.onclick = () =>
    s.setAttribute('aria-checked', String(s.getAttribute('aria-checked') !== 'true')));
  document.getElementById('save').onclick = async () => {
    const state = {};
    document.querySelectorAll('[role=switch]').forEach((s) => { state[s.dataset.k] = s.getAttribute('aria-checked'); });
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams(state)});
    document.getElementById('msg').textContent = 'Your preferences were saved.'; };
</script>""",
    # A product page: a colour and a size are buttons named by their value; the basket button waits for a size.
    "/product": _STYLE + """<h2>Merino crew jumper</h2>
  <p>Colour</p><div><button type="button" class="sw" aria-label="Oat"></button>
    <button type="button" class="sw" aria-label="Navy"></button><button type="button" class="sw" aria-label="Rust">
  </button></div>
  <p>Size</p><div><button type="button" class="sz">S</button><button type="button" class="sz">M</button>
    <button type="button" class="sz">L</button><button type="button" class="sz" disabled>XL</button></div>
  <button type="button" id="add" disabled>Add to basket</button><p id="msg" role="status"></p>
<script>
  let colour = '', size = '';
  document.querySelectorAll('.sw').forEach((b) => b.onclick = () => { colour = b.getAttribute('aria-label'); });
  document.querySelectorAll('.sz').forEach((b) => b.onclick = () => {
    size = b.textContent; document.getElementById('add').disabled = false; });
  document.getElementById('add').onclick = async () => {
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({colour, size})});
    document.getElementById('msg').textContent = 'Added to your basket.'; };
</script>""",
    # An invitation whose role is a dropdown button named otherwise ("Permission level"), its options hidden until
    # it opens; sent by fetch, no form.
    "/invite": _STYLE + """<h2>Members</h2><div id="panel">
  <label for="im">Work email</label><input id="im" type="email">
  <span id="pl">Permission level</span>
  <button type="button" id="rb" aria-haspopup="listbox" aria-expanded="false" aria-labelledby="pl rv">
    <span id="rv">Member</span> ▾</button>
  <ul role="listbox" id="rl" hidden><li role="option" data-v="viewer">Viewer</li>
    <li role="option" data-v="member" aria-selected="true">Member</li><li role="option" data-v="admin">Admin</li></ul>
  <button type="button" id="send">Send invite</button><p id="msg" role="status"></p></div>
<script>
  const rb = document.getElementById('rb'), rl = document.getElementById('rl');
  let role = 'member';
  const show = (open) => { rl.hidden = !open; rb.setAttribute('aria-expanded', String(open)); };
  rb.onclick = () => show(rl.hidden);
  rl.querySelectorAll('[role=option]').forEach((o) => o.onclick = () => {
    role = o.dataset.v; document.getElementById('rv').textContent = o.textContent; show(false); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') show(false); });
  document.getElementById('send').onclick = async () => {
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({email: document.getElementById('im').value, role})});
    document.getElementById('msg').textContent = 'Invitation sent.'; };
</script>""",
    # The same dropdown named "Access", whose options each carry a line of details under the role's own name.
    "/invite-described": _STYLE + """<h2>Members</h2><div id="panel">
  <label for="im">Work email</label><input id="im" type="email">
  <span id="pl">Access</span>
  <button type="button" id="rb" aria-haspopup="listbox" aria-expanded="false" aria-labelledby="pl rv">
    <span id="rv">Member</span> ▾</button>
  <ul role="listbox" id="rl" hidden>
    <li role="option" data-v="viewer"><b>Viewer</b> <small>Can see projects, never change them</small></li>
    <li role="option" data-v="member" aria-selected="true"><b>Member</b> <small>Can edit projects</small></li>
    <li role="option" data-v="admin"><b>Admin</b> <small>Can manage members, billing and every setting</small></li></ul>
  <button type="button" id="send">Send invite</button><p id="msg" role="status"></p></div>
<script>
  const rb = document.getElementById('rb'), rl = document.getElementById('rl');
  let role = 'member';
  const show = (open) => { rl.hidden = !open; rb.setAttribute('aria-expanded', String(open)); };
  rb.onclick = () => show(rl.hidden);
  rl.querySelectorAll('[role=option]').forEach((o) => o.onclick = () => {
    role = o.dataset.v; document.getElementById('rv').textContent = o.querySelector('b').textContent; show(false); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') show(false); });
  document.getElementById('send').onclick = async () => {
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({email: document.getElementById('im').value, role})});
    document.getElementById('msg').textContent = 'Invitation sent.'; };
</script>""",
    # A booking whose contact fields show only once a time is chosen: they are not on the page the agent first reads.
    "/slot-then-details": _STYLE + """<h2>Book a table</h2>
<form method="post" action="/sent">
  <fieldset><legend>Time</legend>
    <label><input type="radio" name="time" value="18:00"> 18:00</label>
    <label><input type="radio" name="time" value="19:30"> 19:30</label></fieldset>
  <fieldset id="details" hidden><legend>Your details</legend>
    <label for="fn">Full name</label><input id="fn" name="name" required>
    <label for="em">Email</label><input id="em" name="email" type="email" required></fieldset>
  <button>Book now</button>
</form>
<script>document.querySelectorAll('[name=time]').forEach((r) => r.onchange = () => {
  document.getElementById('details').hidden = false; });</script>""",
    # Switches saved by their own button: the goal names two of them, a third shares its words ("New ..."), and the
    # switches themselves send nothing.
    "/switches-save": _STYLE + """<h2>Notifications</h2>
  <div><button type="button" role="switch" aria-checked="true" id="s1">New comments on my tasks</button></div>
  <div><button type="button" role="switch" aria-checked="false" id="s2">New sign-in to my account</button></div>
  <div><button type="button" role="switch" aria-checked="false" id="s3">Product news and tips</button></div>
  <button type="button" id="save">Save changes</button><p id="msg" role="status"></p>
<script>
  document.querySelectorAll('[role=switch]').forEach((s) => s.onclick = () =>
    s.setAttribute('aria-checked', String(s.getAttribute('aria-checked') !== 'true')));
  document.getElementById('save').onclick = async () => {
    const on = (id) => document.getElementById(id).getAttribute('aria-checked');
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({comments: on('s1'), signin: on('s2'), news: on('s3')})});
    document.getElementById('msg').textContent = 'Your notification preferences were saved.'; };
</script>""",
    # Extras as switches under a sticky action bar whose "Continue" opens the review dialog (PIN, Confirm): the
    # first switch lies behind the bar as the page opens. The bar is the page's way on, not a banner to dismiss.
    "/extras-sticky": _STYLE + """<h2>Boost your plan</h2>
  <div style="height:600px">Your current plan: Essentials 8GB</div>
  <ul style="list-style:none;padding:0">
    <li style="height:60px"><span id="e1">Roam Further</span>
      <button type="button" role="switch" aria-checked="false" aria-labelledby="e1" data-x="roam">&nbsp;</button></li>
    <li style="height:60px"><span id="e2">Video Pass</span>
      <button type="button" role="switch" aria-checked="false" aria-labelledby="e2" data-x="video">&nbsp;</button></li>
    <li style="height:60px"><span id="e3">Europe Roaming</span>
      <button type="button" role="switch" aria-checked="false" aria-labelledby="e3" data-x="europe">&nbsp;</button></li>
  </ul>
  <div style="position:sticky;bottom:0;height:90px;background:#fff;border-top:1px solid #ccc">
    New monthly total <b>£10.00</b> <button type="button" id="review">Continue</button></div>
  <div id="dialog" hidden style="position:fixed;inset:0;background:rgba(0,0,0,.5)">
    <div role="dialog" aria-modal="true" aria-labelledby="dt" style="background:#fff;margin:4rem;padding:1rem">
      <h2 id="dt">Confirm your changes</h2>
      <label for="pin">Account PIN</label><input id="pin" type="password" inputmode="numeric" maxlength="4">
      <button type="button" id="cancel">Cancel</button><button type="button" id="confirm">Confirm</button></div></div>
  <p id="msg" role="status"></p>
<script>
  const on = () => Array.from(document.querySelectorAll('[data-x]'))
    .filter((s) => s.getAttribute('aria-checked') === 'true').map((s) => s.dataset.x);
  document.querySelectorAll('[data-x]').forEach((s) => s.onclick = () => {
    s.setAttribute('aria-checked', String(s.getAttribute('aria-checked') !== 'true')); });
  document.getElementById('review').onclick = () => { document.getElementById('dialog').hidden = false; };
  document.getElementById('cancel').onclick = () => { document.getElementById('dialog').hidden = true; };
  document.getElementById('confirm').onclick = async () => {
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({extras: on().join(','), pin: document.getElementById('pin').value})});
    document.getElementById('dialog').hidden = true;
    document.getElementById('msg').textContent = 'Your plan change is confirmed.'; };
</script>""",
    # A cookie notice over the whole page that comes up as the pointer first goes down: after the agent looked for
    # covers, under its click.
    "/late-consent": _STYLE + """<h2>Email preferences</h2>
  <div><button type="button" role="switch" aria-checked="false" id="w">Weekly summary</button></div>
  <div><button type="button" role="switch" aria-checked="false" id="p">Partner offers</button></div>
  <button type="button" id="save">Save preferences</button><p id="msg" role="status"></p>
  <div id="consent" hidden style="position:fixed;inset:0;background:rgba(0,0,0,.6)">
    <div style="background:#fff;margin:4rem;padding:1rem"><p>We use cookies.</p>
      <button type="button" id="accept">Accept all cookies</button></div></div>
<script>
  document.addEventListener('pointerdown', () => {
    if (!document.cookie.includes('seen=1')) document.getElementById('consent').hidden = false; }, {once: true});
  document.getElementById('accept').onclick = () => {
    document.cookie = 'seen=1'; document.getElementById('consent').hidden = true; };
  document.querySelectorAll('[role=switch]').forEach((s) => s.onclick = () =>
    s.setAttribute('aria-checked', String(s.getAttribute('aria-checked') !== 'true')));
  document.getElementById('save').onclick = async () => {
    const on = (id) => document.getElementById(id).getAttribute('aria-checked');
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({weekly: on('w'), partners: on('p')})});
    document.getElementById('msg').textContent = 'Your preferences were saved.'; };
</script>""",
    # A council's report form: the kinds of problem in the council's own words, none of them the resident's.
    "/report-problem": _STYLE + """<h2>Report a problem</h2>
<form method="post" action="/sent">
  <fieldset><legend>What do you want to report?</legend>
    <label><input type="radio" name="kind" value="vehicle"> Abandoned vehicle</label>
    <label><input type="radio" name="kind" value="lights"> Street lighting fault</label>
    <label><input type="radio" name="kind" value="cleaning"> Road sweeping</label>
    <label><input type="radio" name="kind" value="hedge"> Overgrown hedge or tree</label></fieldset>
  <label for="more">More details</label><textarea id="more" name="details"></textarea>
  <button>Continue</button>
</form>""",
    # A booking whose time slots are loaded by a request once the date is set, shown on the 12-hour clock.
    "/date-then-slots": _STYLE + """<h2>Book an appointment</h2>
<form method="post" action="/sent">
  <label for="d">Date</label><input id="d" name="date" type="date">
  <div id="slots" role="group" aria-label="Available times"></div>
  <input type="hidden" name="time" id="t">
  <button>Book appointment</button>
</form>
<script>
  document.getElementById('d').onchange = async () => {
    await fetch('/date-then-slots?load=slots');
    await new Promise((r) => setTimeout(r, 200));
    const box = document.getElementById('slots');
    box.innerHTML = '';
    for (const [value, label] of [['09:10', '9:10am'], ['13:30', '1:30pm'], ['15:50', '3:50pm']]) {
      const b = document.createElement('button');
      b.type = 'button'; b.textContent = label; b.setAttribute('aria-pressed', 'false');
      b.onclick = () => { document.getElementById('t').value = value;
        box.querySelectorAll('button').forEach((x) => x.setAttribute('aria-pressed', String(x === b))); };
      box.appendChild(b);
    }
  };
</script>""",
    # Two steps: the details, then check your answers, whose declaration is said as an instruction ("Confirm that
    # ..."), not as "I declare": nothing is filled on that step, yet it cannot be sent without the box.
    "/check-answers": _STYLE + """<h2>Apply for a library card</h2>
<form method="post" action="/sent">
  <div id="step1"><label for="nm">Full name</label><input id="nm" name="name">
    <button type="button" id="next">Continue</button></div>
  <div id="step2" hidden><h3>Check your answers</h3><p id="summary"></p>
    <label><input type="checkbox" name="declare" required> Confirm that the information you have given is correct
    </label><button id="send">Send application</button></div>
</form>
<script>
  document.getElementById('next').onclick = () => {
    document.getElementById('summary').textContent = 'Name: ' + document.getElementById('nm').value;
    document.getElementById('step1').hidden = true; document.getElementById('step2').hidden = false; };
</script>""",
    # A form sent once already and answered with an error summary whose links jump to the fields they are about
    # (one repeats the goal's declaration word for word); the email field says what it is for ("… confirmation");
    # the declaration box is not marked required.
    "/declare-again": _STYLE + """<h2>Set up a payment from your account</h2>
<div role="alert"><h3>There is a problem</h3><ul>
  <li><a href="#holder">Enter the name of the account holder</a></li>
  <li><a href="#declare">Confirm that you are the account holder and can authorise payments on your own</a></li>
</ul></div>
<form method="post" action="/sent" novalidate>
  <label for="holder">Account holder name</label><input id="holder" name="holder">
  <label for="mail">Email address for your payment confirmation</label><input id="mail" name="mail" type="email">
  <label><input type="checkbox" id="declare" name="declare"> I confirm I am the account holder and I can
    authorise payments from this account on my own</label>
  <label><input type="checkbox" name="offers"> Send me offers from our partners</label>
  <button>Continue</button>
</form>""",
    # Plan cards below the form, each headed by its plan with a "Choose this plan" button (no form field holds the
    # plan until one is pressed); a number to pick first.
    "/plan-cards": _STYLE + """<h2>Change your plan</h2>
<form method="post" action="/sent">
  <label for="line">Mobile number</label><select id="line" name="line"><option value="">Choose</option>
    <option value="L1">07700 900 111</option><option value="L2">07700 900 642</option></select>
  <input type="hidden" name="plan" id="plan">
  <button>Continue</button>
</form>
<div class="cards">
  <article><h3>Unlimited Lite</h3><p>£18 a month</p>
    <button type="button" data-plan="lite">Choose this plan</button></article>
  <article><h3>Unlimited Max</h3><p>£30 a month</p>
    <button type="button" data-plan="max" aria-label="Choose this plan: Unlimited Max">Choose this plan</button>
  </article>
  <article><h3>Unlimited Max Family</h3><p>£44 a month</p>
    <button type="button" data-plan="family" aria-label="Choose this plan: Unlimited Max Family">
      Choose this plan</button></article>
</div>
<script>
  document.querySelectorAll('[data-plan]').forEach((b) => b.onclick = () => {
    document.getElementById('plan').value = b.dataset.plan;
    // The pressed card's button now says the plan is selected, in words that repeat the goal's.
    const label = (o) => o.closest('article').querySelector('h3').textContent;
    document.querySelectorAll('[data-plan]').forEach((o) => {
      o.textContent = 'Choose this plan'; o.setAttribute('aria-label', 'Choose this plan: ' + label(o)); });
    b.textContent = 'Selected'; b.setAttribute('aria-label', 'Selected: ' + label(b)); });
</script>""",
    # A leave request whose "Review request" refuses the last day, each press clearing and showing its message again.
    "/leave-refused": _STYLE + """<h2>Request leave</h2>
<form onsubmit="return false">
  <label for="who">Employee number</label><input id="who" name="who">
  <label for="last">Last day of leave</label><input id="last" name="last" placeholder="YYYY-MM-DD">
  <p id="err" role="alert"></p>
  <button type="button" id="go">Review request</button>
</form>
<script>
  document.getElementById('go').onclick = () => {
    const err = document.getElementById('err');
    err.textContent = '';
    setTimeout(() => { err.textContent = 'The last day must be after your first day of leave'; }, 50);
  };
</script>""",
    # Rooms for four guests: one room is on offer, its card a form of its own with a "Choose" button; the others
    # only say they are not available.
    "/rooms-left": _STYLE + """<h2>Choose your room</h2>
<article><h3>Classic Double</h3><p>18 m² · sleeps up to 2</p><p>Not available for 4 guests</p></article>
<article><h3>Family Room</h3><p>30 m² · sleeps up to 4 · £189 per night</p>
  <form method="post" action="/sent"><input type="hidden" name="room" value="family"><button>Choose</button></form>
</article>
<article><h3>Junior Suite</h3><p>32 m² · sleeps up to 3</p><p>Not available for 4 guests</p></article>""",
    # Suites for a party of five: one is on offer, its card holding a rate list and a button that says the goal's own
    # action; the guest's name is asked after it, on the same page.
    "/suites-left": _STYLE + """<main id="app"><h2>Pick a suite</h2>
<article><h3>Loft Suite</h3><p>Sleeps 4</p><p>Fully booked for 5 guests</p></article>
<article><h3>Garden Suite</h3><p>Sleeps 6 · from €240</p>
  <label for="rate">Rate</label><select id="rate"><option value="flex">Flexible</option>
  <option value="saver">Saver (non-refundable)</option></select>
  <button type="button" id="pick">Reserve this suite</button></article>
<article><h3>Tower Suite</h3><p>Sleeps 2</p><p>Fully booked for 5 guests</p></article></main>
<script>
  document.getElementById('pick').onclick = () => {
    const rate = document.getElementById('rate').value;
    document.getElementById('app').innerHTML = '<h2>Who is staying?</h2><label for="gn">Lead guest</label>' +
      '<input id="gn"><button type="button" id="ok">Confirm reservation</button>';
    document.getElementById('ok').onclick = () => fetch('/sent', {method: 'POST', body: JSON.stringify(
      {suite: 'garden', rate, guest: document.getElementById('gn').value})})
      .then(() => { document.getElementById('app').innerHTML = '<h1>Reservation confirmed</h1>'; });
  };
</script>""",
    # A call-back request whose text area asks in its own words, none of them the key's.
    "/call-back": _STYLE + """<h2>Ask the surgery to call you</h2>
<form method="post" action="/sent">
  <label for="nm">Your name</label><input id="nm" name="name">
  <label for="ph">Phone number</label><input id="ph" name="phone" type="tel">
  <label for="ph2">Another number we can try</label><input id="ph2" name="phone2" type="tel">
  <label for="tp">What would you like to talk about?</label><textarea id="tp" name="topic" rows="3"></textarea>
  <button>Request a call</button>
</form>""",
    # A delivery slot: a name and a day in a stated format, nothing for the access notes a payload may carry.
    "/delivery-day": _STYLE + """<h2>Book a delivery</h2>
<form method="post" action="/sent">
  <label for="nm">Your name</label><input id="nm" name="name">
  <label for="dy">Delivery day</label><input id="dy" name="day" placeholder="DD/MM/YYYY">
  <button>Book delivery</button>
</form>""",
    # A week of lists, one per day, each offering the office or home working: the day a value names is the list to
    # set, the key's words ("home working") the option in it.
    "/home-day": _STYLE + """<h2>Your working pattern</h2>
<form method="post" action="/sent">
  <label for="who">Employee number</label><input id="who" name="who">
  <fieldset><legend>Where will you work each day?</legend>""" + "".join(
        f'<label for="d{n}">{day}</label><select id="d{n}" name="{day[:3].lower()}">'
        '<option value="office">In the office</option><option value="home">Home working</option>'
        '<option value="off">Not working</option></select>'
        for n, day in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])) + """</fieldset>
  <button>Save pattern</button>
</form>""",
    # Plan cards and a review dialog that asks for the PIN before the change is sent (the plan is in no field of the
    # dialog: it was chosen on the page behind).
    "/plan-review": _STYLE + """<h2>Change your plan</h2>
<form method="post" action="/sent" id="change">
  <label for="line">Mobile number</label><select id="line" name="line"><option value="">Choose</option>
    <option value="L1">07700 900 111</option><option value="L2">07700 900 642</option></select>
  <input type="hidden" name="plan" id="plan">
  <div role="dialog" aria-modal="true" aria-labelledby="rv" id="review" hidden
       style="position:fixed;inset:0;background:#fff">
    <h3 id="rv">Check your change</h3><p id="summary"></p>
    <label for="pin">Your 4-digit PIN</label><input id="pin" name="pin" inputmode="numeric" maxlength="4">
    <button type="button" id="back">Go back</button><button>Yes, change my plan</button>
  </div>
</form>
<div class="cards">
  <article><h3>Unlimited Lite</h3>
    <button type="button" data-plan="lite" aria-label="Switch to this plan: Unlimited Lite">Switch to this plan</button>
  </article>
  <article><h3>Unlimited Max</h3>
    <button type="button" data-plan="max" aria-label="Switch to this plan: Unlimited Max">Switch to this plan</button>
  </article>
</div>
<button type="button" id="open">Review changes</button>
<script>
  document.querySelectorAll('[data-plan]').forEach((b) => b.onclick = () => {
    document.getElementById('plan').value = b.dataset.plan; b.textContent = 'Selected'; });
  document.getElementById('open').onclick = () => {
    document.getElementById('summary').textContent = 'New plan: ' + document.getElementById('plan').value;
    document.getElementById('review').hidden = false; };
  document.getElementById('back').onclick = () => { document.getElementById('review').hidden = true; };
</script>""",
    # A change of address: the postcode's "Find address" lists addresses (town and postcode in each option) by a
    # script; the town field waits in a hidden manual panel; the moving-in month and year (maxlength 4) come first.
    "/address-lookup": _STYLE + """<h2>Change your address</h2>
<form method="post" action="/sent">
  <fieldset role="group" aria-describedby="mh"><legend>When did you move in?</legend>
    <p id="mh">For example, March 2025</p>
    <label for="mm">Month</label><select id="mm" name="month"><option value="">Month</option>""" + "".join(
        f'<option value="{n}">{m}</option>' for n, m in enumerate(_LONG_MONTHS, start=1)) + """</select>
    <label for="yy">Year</label><input id="yy" name="year" maxlength="4" inputmode="numeric"></fieldset>
  <fieldset><legend>Your new address</legend>
    <div><label for="pc">Postcode</label><input id="pc" name="search">
      <button type="button" id="find">Find address</button></div>
    <div id="pick" hidden><label for="addr">Select your address</label><select id="addr" name="address"></select></div>
    <div hidden><label for="town">Town or city</label><input id="town" name="town"></div></fieldset>
  <button>Confirm new address</button>
</form>
<script>
  document.getElementById('find').onclick = async () => {
    await new Promise((r) => setTimeout(r, 150));
    document.getElementById('addr').innerHTML = '<option value="">2 addresses found</option>' +
      '<option value="a35">35 Orchard Way, Lancaster, LA7 7PB</option>' +
      '<option value="a37">37 Orchard Way, Lancaster, LA7 7PB</option>';
    document.getElementById('pick').hidden = false; };
</script>""",
    # A vaccination booked in two steps on one page: a day, then a time by its button (pressed, it shows so); "Next"
    # shows the answers to check above the form with a declaration to tick (required) and "Confirm booking", which
    # sends it all.
    "/jab-booking": _STYLE + """<h2>Book your flu vaccination</h2>
<div id="check" hidden><a href="/jab-booking" id="back">Back</a><h3>Check your answers</h3><p id="said"></p>
  <label><input type="checkbox" name="sure" form="jab" required> I confirm these details are correct</label>
  <button form="jab">Confirm booking</button></div>
<form method="post" action="/sent" id="jab">
  <div id="pick">
    <label for="day">Day (dd/mm/yyyy)</label><input id="day" name="day">
    <fieldset><legend>Time</legend><input type="hidden" id="at" name="at">
      <button type="button" class="slot">09:20</button> <button type="button" class="slot">10:40</button>
      <button type="button" class="slot">11:00</button></fieldset>
    <button type="button" id="next">Next</button>
  </div>
</form>
<script>
  for (const b of document.querySelectorAll('.slot')) b.onclick = () => {
    document.querySelectorAll('.slot').forEach((o) => o.setAttribute('aria-pressed', 'false'));
    b.setAttribute('aria-pressed', 'true'); document.getElementById('at').value = b.textContent; };
  const swap = (checking) => { document.getElementById('pick').hidden = checking;
    document.getElementById('check').hidden = !checking; };
  document.getElementById('next').onclick = () => { swap(true); document.getElementById('said').textContent =
    'Your flu vaccination on ' + document.getElementById('day').value + ' at ' + document.getElementById('at').value;
  };
</script>""",
    # Two dates, each in three boxes labelled alike (Day, Month, Year) under a question and an example, the way
    # public-service forms ask them.
    "/two-dates": _STYLE + """<h2>Renew your passport</h2>
<form method="post" action="/sent">""" + "".join(
        f'''<fieldset role="group" aria-describedby="{key}-hint"><legend>{question}</legend>
  <div id="{key}-hint">{hint}</div>''' + "".join(
            f'<div style="display:inline-block"><label for="{key}-{part}">{part.capitalize()}</label>'
            f'<input id="{key}-{part}" name="{name}_{part}" inputmode="numeric" style="width:{width}em"></div>'
            for part, width in (("day", 3), ("month", 3), ("year", 5))) + "</fieldset>"
        for key, name, question, hint in (
            ("born", "birth", "What is your date of birth?", "For example, 31 3 1980"),
            ("expires", "expiry", "When does your passport expire?", "For example, 1 9 2031"))) + """
  <label for="pn">Passport number</label><input id="pn" name="number">
  <button>Continue</button>
</form>""",
    # A two-step join form on one page: a membership by its radio, "Back" and "Next"; then the step that sends.
    "/join-steps": _STYLE + """<h2>Join Harbour Gym</h2>
<form method="post" action="/sent">
  <div id="one"><fieldset><legend>Which membership?</legend>
    <label><input type="radio" name="membership" value="standard"> Standard</label>
    <label><input type="radio" name="membership" value="family"> Family</label>
    <label><input type="radio" name="membership" value="student"> Student</label></fieldset>
    <button type="button" onclick="history.back()">Back</button>
    <button type="button" onclick="one.hidden = true; two.hidden = false">Next</button></div>
  <div id="two" hidden><p>Your first month is free.</p><button>Join now</button></div>
</form>""",
    # A parcel collection: the postcode's "Look up" greys out and reads "Looking up…" for most of a second (no
    # request: a script), then lists the premises to collect from.
    "/collection": _STYLE + """<h2>Book a parcel collection</h2>
<form method="post" action="/sent">
  <label for="pn">Parcel number</label><input id="pn" name="parcel">
  <div><label for="zip">Collection postcode</label><input id="zip" name="zip">
    <button type="button" id="look">Look up</button></div>
  <div id="where" hidden><label for="prem">Collect from</label><select id="prem" name="premises"></select></div>
  <button>Book collection</button>
</form>
<script>
  const look = document.getElementById('look');
  look.onclick = async () => {
    look.disabled = true; look.textContent = 'Looking up\u2026';
    await new Promise((r) => setTimeout(r, 900));
    document.getElementById('prem').innerHTML = '<option value="">Choose premises</option>' +
      '<option value="u4">Unit 4, Mill Lane Trading Estate</option>' +
      '<option value="u9">Unit 9, Mill Lane Trading Estate</option>';
    document.getElementById('where').hidden = false;
    look.disabled = false; look.textContent = 'Look up'; };
</script>""",
    # The same asked by a server: "Find address" sends the form and the page comes back with the addresses listed
    # and the postcode kept, but the moving-in date it also sent is gone.
    "/address-search": _STYLE + """<h2>Change your address</h2>
<form method="post" action="/sent">
  <label for="mm">Month you moved in</label><select id="mm" name="month"><option value="">Month</option>
    <option value="6">June</option><option value="7">July</option></select>
  <div><label for="pc">Postcode</label><input id="pc" name="search">
    <button formmethod="get" formaction="/address-found">Find address</button></div>
  <button>Confirm new address</button>
</form>""",
    "/address-found": _STYLE + """<h2>Change your address</h2>
<form method="post" action="/sent">
  <label for="mm">Month you moved in</label><select id="mm" name="month"><option value="">Month</option>
    <option value="6">June</option><option value="7">July</option></select>
  <div><label for="pc">Postcode</label><input id="pc" name="search" value="LA7 7PB">
    <button formmethod="get" formaction="/address-found">Find address</button></div>
  <label for="addr">Select your address</label><select id="addr" name="address"><option value="">2 found</option>
    <option value="a35">35 Orchard Way, Lancaster, LA7 7PB</option>
    <option value="a37">37 Orchard Way, Lancaster, LA7 7PB</option></select>
  <button>Confirm new address</button>
</form>""",
    # A contact's name asked in two fields, as most forms do; the server needs both.
    "/name-parts": _STYLE + """<h2>New contact</h2>
<form method="post" action="/sent">
  <label for="fn">First name</label><input id="fn" name="first" required>
  <label for="ln">Last name</label><input id="ln" name="last" required>
  <label for="em">Email</label><input id="em" name="mail" type="email">
  <button>Create contact</button>
</form>""",
    # A members page: "+ Invite" in the header opens the panel (open already); the panel's own "Invite" sends.
    "/invite-twice": _STYLE + """<main><div class="head"><h1>Members</h1>
  <button type="button" id="open">+ Invite</button></div>
  <section id="panel"><h2>Invite a teammate</h2>
    <label for="em">Email address</label><input id="em" type="email">
    <button type="button" id="send">Invite</button></section><p id="msg" role="status"></p></main>
<script>
  document.getElementById('open').onclick = () => { document.getElementById('panel').hidden = false; };
  document.getElementById('send').onclick = async () => {
    await fetch('/sent', {method: 'POST', body: JSON.stringify({email: document.getElementById('em').value})});
    document.getElementById('msg').textContent = 'Invitation sent'; };
</script>""",
    # Swatches named by their list and value ("Colour: Navy"), the trim's too ("Trim: Navy"); nothing but the
    # pressed swatch says which colour is chosen.
    "/swatches": _STYLE + """<h2>Crew jumper</h2>
<div role="group" aria-label="Colour">""" + "".join(
        f'<button type="button" class="sw" data-k="colour" data-v="{c}" aria-label="Colour: {c}"></button>'
        for c in ("Sage", "Navy", "Oat")) + """</div>
<div role="group" aria-label="Trim">""" + "".join(
        f'<button type="button" class="sw" data-k="trim" data-v="{c}" aria-label="Trim: {c}"></button>'
        for c in ("Navy", "Cream")) + """</div>
<button type="button" id="add">Add to basket</button><p id="msg" role="status"></p>
<style>.sw{width:2rem;height:2rem;margin:.2rem}</style>
<script>
  const chosen = {colour: '', trim: ''};
  document.querySelectorAll('.sw').forEach((b) => b.onclick = () => { chosen[b.dataset.k] = b.dataset.v; });
  document.getElementById('add').onclick = () => fetch('/sent', {method: 'POST', body: JSON.stringify(chosen)})
    .then(() => { document.getElementById('msg').textContent = 'Added to your basket'; });
</script>""",
    # A tag input: Enter turns what is typed into a tag (the hint says so beside it, tied to nothing); what is left
    # typed when the issue is saved is dropped, as such inputs do.
    "/tag-input": _STYLE + """<h2>New issue</h2>
  <label for="t">Title</label><input id="t">
  <div class="field"><label for="tags">Labels</label>
    <div><span id="chips"></span><input id="tags" placeholder="Add label…" autocomplete="off"></div>
    <div class="hint">Press Enter to add a label</div></div>
  <button type="button" id="save">Save issue</button><p id="msg" role="status"></p>
<script>
  const labels = [];
  const tags = document.getElementById('tags');
  const draw = () => { document.getElementById('chips').innerHTML =
    labels.map((l) => `<span class="chip">${l} <button type="button" aria-label="Remove ${l}">×</button></span>`)
      .join(''); };
  tags.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && tags.value.trim()) { e.preventDefault(); labels.push(tags.value.trim()); tags.value = '';
      draw(); } });
  document.getElementById('save').onclick = async () => {
    await fetch('/sent', {method: 'POST', body: JSON.stringify({title: document.getElementById('t').value,
      labels: labels.join('|')})});
    document.getElementById('msg').textContent = 'Issue created'; };
</script>""",
    # A staff directory shown five at a time, the rest behind "Next" and a search box; each row edits its person
    # in a panel (a plain "Edit" per row, or, with ?menu, an actions menu per row holding "Edit"); ?nosearch takes
    # the search box away, ?q= opens the list already searched.
    "/staff": _STYLE + """<h2>Staff directory</h2>
  <input type="search" id="q" aria-label="Search staff" placeholder="Search by name">
  <table><thead><tr><th>Name</th><th>Team</th><th></th></tr></thead><tbody id="rows"></tbody></table>
  <button type="button" id="next">Next page</button>
  <div id="menu" role="menu" hidden></div>
  <section id="panel" role="dialog" aria-labelledby="ptitle" hidden><h3 id="ptitle">Edit staff member</h3>
    <label for="pname">Name</label><input id="pname">
    <label for="pteam">Team</label><select id="pteam"><option>Design</option><option>Finance</option>
      <option>Legal</option><option>Support</option></select>
    <button type="button" id="psave">Save</button></section>
  <p id="msg" role="status"></p>
<script>
  const people = [['Ada Osei', 'Design'], ['Bo Lindqvist', 'Support'], ['Chidi Eze', 'Legal'],
    ['Dana Kowalczyk', 'Support'], ['Emeka Balogun', 'Design'], ['Farah Haddad', 'Legal'],
    ['Gwen Tudor', 'Support'], ['Priya Raman', 'Design'], ['Ravi Menon', 'Legal'], ['Sofia Costa', 'Support']];
  const menu = new URLSearchParams(location.search).has('menu');
  if (new URLSearchParams(location.search).has('nosearch')) document.getElementById('q').remove();
  else document.getElementById('q').value = new URLSearchParams(location.search).get('q') || '';
  let start = 0, editing = null;
  const query = () => (document.getElementById('q') || {value: ''}).value.trim().toLowerCase();
  const shown = () => people.filter(([n, t]) => (n + ' ' + t).toLowerCase().includes(query()));
  const open = (i) => { editing = i; document.getElementById('menu').hidden = true;
    document.getElementById('pname').value = people[i][0]; document.getElementById('pteam').value = people[i][1];
    document.getElementById('panel').hidden = false; };
  const draw = () => {
    const rows = shown().slice(start, start + 5);
    document.getElementById('rows').innerHTML = rows.map(([n, t]) => `<tr><td>${n}</td><td>${t}</td><td>` +
      (menu ? `<button type="button" aria-haspopup="menu" aria-expanded="false" aria-label="Actions for ${n}"
          data-who="${n}">⋯</button>` : `<button type="button" data-who="${n}">Edit</button>`) + '</td></tr>').join('');
    document.querySelectorAll('[data-who]').forEach((b) => b.onclick = () => {
      const i = people.findIndex(([n]) => n === b.dataset.who);
      if (!menu) return open(i);
      const m = document.getElementById('menu');
      m.innerHTML = '<button type="button" role="menuitem">View profile</button>' +
        '<button type="button" role="menuitem">Edit</button><button type="button" role="menuitem">Remove</button>';
      const [view, edit, remove] = m.querySelectorAll('button');
      edit.onclick = () => open(i);
      view.onclick = () => { m.hidden = true; };
      remove.onclick = () => fetch('/sent', {method: 'POST', body: JSON.stringify({removed: people[i][0]})});
      m.hidden = false; b.setAttribute('aria-expanded', 'true');
    });
  };
  if (document.getElementById('q')) document.getElementById('q').oninput = () => { start = 0; draw(); };
  document.getElementById('next').onclick = () => { start += 5; draw(); };
  document.getElementById('psave').onclick = async () => {
    await fetch('/sent', {method: 'POST', body: JSON.stringify({name: document.getElementById('pname').value,
      team: document.getElementById('pteam').value})});
    document.getElementById('panel').hidden = true; document.getElementById('msg').textContent = 'Changes saved';
    draw(); };
  draw();
</script>""",
    # A checkout whose billing address fields show only once "same as shipping" is unticked.
    "/checkout-billing": _STYLE + """<h2>Checkout</h2>
<form method="post" action="/sent">
  <fieldset><legend>Shipping address</legend><label for="sa">Street address</label><input id="sa" name="ship_street">
  </fieldset>
  <label><input type="checkbox" name="same" id="same" checked> Billing address same as shipping</label>
  <fieldset id="bill" hidden><legend>Billing address</legend>
    <label for="ba">Street address</label><input id="ba" name="bill_street">
    <label for="bc">Town or city</label><input id="bc" name="bill_town"></fieldset>
  <button>Continue to payment</button>
</form>
<script>document.getElementById('same').onchange = (e) => {
  document.getElementById('bill').hidden = e.target.checked; };</script>""",
    # The same with no section names on the shipping side, whose optional second address line is the first empty
    # field a billing street could take before the billing fields show.
    "/checkout-billing-line2": _STYLE + """<h2>Checkout</h2>
<form method="post" action="/sent">
  <label for="sa">Address</label><input id="sa" name="ship_street">
  <input id="s2" name="address2" placeholder="Address line 2 (optional)">
  <label for="st">Town or city</label><input id="st" name="ship_town">
  <label><input type="checkbox" name="same" id="same" checked> Billing address same as shipping</label>
  <fieldset id="bill" hidden><legend>Billing address</legend>
    <label for="ba">Address</label><input id="ba" name="bill_street">
    <label for="bc">Town or city</label><input id="bc" name="bill_town"></fieldset>
  <button>Continue to payment</button>
</form>
<script>document.getElementById('same').onchange = (e) => {
  document.getElementById('bill').hidden = e.target.checked; };</script>""",
    # A checkout asking the e-mail first (its label holds the word "Address"), shipping then billing in fields
    # labelled alike, the billing ones shown once "same as" is unticked.
    "/checkout-email": _STYLE + """<h2>Checkout</h2>
<form method="post" action="/sent">
  <label for="em">Email address</label><input id="em" name="email" type="email">
  <label for="sa">Address line 1</label><input id="sa" name="ship_street">
  <label for="st">City</label><input id="st" name="ship_town">
  <label><input type="checkbox" name="same" id="same" checked>
    My billing address is the same as my delivery address</label>
  <div id="bill" hidden><label for="ba">Address line 1</label><input id="ba" name="bill_street">
    <label for="bc">City</label><input id="bc" name="bill_town"></div>
  <button>Review and pay</button>
</form>
<script>document.getElementById('same').onchange = (e) => {
  document.getElementById('bill').hidden = e.target.checked; };</script>""",
    # A staff search whose box has no search words of its own ("Who are you looking for?") in a search form; the
    # results, two namesakes, show under it once "Search" is pressed, each row with its own "Pick" form.
    "/people-search": _STYLE + """<h2>Choose a reviewer</h2>
<form role="search" id="find"><label for="who">Who are you looking for?</label><input id="who" name="who">
  <button>Search</button></form>
<div id="hits"></div>
<script>
const PEOPLE = [["p1", "Ravi Shah", "Legal"], ["p2", "Ravi Shah", "Finance"], ["p3", "Mia Cole", "Finance"]];
document.getElementById('find').onsubmit = (e) => {
  e.preventDefault();
  const words = document.getElementById('who').value.toLowerCase().split(/\\s+/).filter(Boolean);
  const rows = PEOPLE.filter(([, name]) => words.length && words.every((w) => name.toLowerCase().includes(w)));
  document.getElementById('hits').innerHTML = '<table><tr><th>Name</th><th>Team</th><th></th></tr>' + rows.map(
    ([id, name, team]) => `<tr><td>${name}</td><td>${team}</td><td><form method="post" action="/sent">
      <input type="hidden" name="reviewer" value="${id}"><button>Pick</button></form></td></tr>`).join('') +
    '</table>';
};
</script>""",
    # A cover quote in two steps on one page: the yearly mileage, then (after "Next") the years without a claim,
    # both dropdowns whose options are numbers.
    "/cover-steps": _STYLE + """<h2>Your cover</h2>
<form method="post" action="/sent">
  <div id="s1"><label for="mi">How many miles do you drive a year?</label><select id="mi" name="miles">
    <option value="">Choose</option><option>5,000</option><option>8,000</option><option>12,000</option></select>
    <button type="button" id="next">Next</button></div>
  <div id="s2" hidden><label for="nc">Years without a claim</label><select id="nc" name="years">
    <option value="">Choose</option><option>0</option><option>3</option><option>8</option><option>9+</option></select>
    <button>Get my quote</button></div>
</form>
<script>document.getElementById('next').onclick = () => {
  document.getElementById('s1').hidden = true; document.getElementById('s2').hidden = false; };</script>""",
    # A permit form that refuses to be sent without its declaration (marked by an asterisk only); offers stay off.
    "/permit-declaration": _STYLE + """<h2>Residents' parking permit</h2>
<form method="post" action="/sent">
  <label for="vr">Registration (number plate) <span class="req">*</span></label><input id="vr" name="reg">
  <label><input type="checkbox" name="offers"> I agree to receive offers from our partners</label>
  <label><input type="checkbox" name="declare" id="dc"> I declare that the information I have given is true.</label>
  <label><input type="checkbox" name="terms" aria-required="true"> I accept the permit conditions</label>
  <label><input type="checkbox" name="policy"> I accept the privacy policy <span class="req">*</span></label>
  <label><input type="checkbox" name="survey"> I agree to take part in a short survey</label>
  <p id="err" role="alert"></p>
  <button>Submit application</button>
</form>
<script>document.forms[0].addEventListener('submit', (e) => { if (!document.getElementById('dc').checked) {
  e.preventDefault(); document.getElementById('err').textContent = 'You must tick the declaration to apply'; }});
</script>""",
    # A booking form over which an offer asking for an e-mail opens by itself once typing has begun.
    "/booking-offer": _STYLE + """<h2>Reservations</h2>
<form method="post" action="/sent" id="bk">
  <label for="g1">Reservation name</label><input id="g1" name="guest">
  <label for="g2">Email for the confirmation</label><input id="g2" name="contact" type="email">
  <label for="g3">Party size</label><input id="g3" name="party" type="number" min="1" max="12">
  <button>Book now</button>
</form>
<dialog id="offer"><form method="dialog"><button value="close" aria-label="Close">×</button>
  <h3>Get 10% off your next visit</h3><label for="oe">Email</label><input id="oe" type="email">
  <button type="button" id="sub" onclick="fetch('/sent', {method: 'POST', body: 'newsletter=1'})">Subscribe</button>
  <button value="no">No thanks</button></form></dialog>
<script>
  document.getElementById('g1').addEventListener('input', () => {
    const offer = document.getElementById('offer'); if (!offer.open) offer.showModal(); }, {once: true});
</script>""",
    # A form-less app: the transfer view is drawn after a header button is pressed, then a review step.
    "/bank": _STYLE + """<header><button type="button" id="home">Home</button>
<button type="button" id="pay">Payments</button></header><main id="view"><h2>Welcome back</h2></main>
<script>
  const v = document.getElementById('view');
  document.getElementById('pay').onclick = () => {
    v.innerHTML = `<h2>New payment</h2><label for="b">Beneficiary</label><select id="b"><option value="">--</option>
      <option value="w1">Wanda Kowalski (PL12 ...4411)</option><option value="t2">Tomas Berg (SE33 ...9001)</option>
      </select><label for="s">Sum (EUR)</label><input id="s" inputmode="decimal">
      <label for="r">Reference</label><input id="r"><button type="button" id="next">Next</button>`;
    document.getElementById('next').onclick = () => {
      const data = {to: document.getElementById('b').value, sum: document.getElementById('s').value,
                    ref: document.getElementById('r').value};
      v.innerHTML = `<h2>Check the payment</h2><p>${data.sum} EUR to ${data.to}</p>
        <button type="button" id="edit">Edit</button> <button type="button" id="ok">Authorise</button>`;
      document.getElementById('ok').onclick = async () => {
        await fetch('/sent', {method: 'POST', body: JSON.stringify(data)});
        v.innerHTML = '<h2>Payment authorised</h2>';
      };
    };
  };
</script>""",
    # A class booking in three pages: the centre and day (a button that commits nothing), the day's classes as
    # items with a button each, then the attendee; each page carries the earlier answers in its query.
    "/gym": _STYLE + """<h2>Book a class</h2>
<form action="/gym/classes" method="get">
  <label for="c">Centre</label><select id="c" name="centre"><option value="">Choose</option>
    <option value="north">Northgate</option><option value="river">Riverside</option></select>
  <label for="d">Day</label><input id="d" name="day" type="date">
  <button>See timetable</button>
</form>""",
    "/gym/classes": _STYLE + """<h2>Classes</h2><ul>
  <li><h3>Spin Express</h3><p>07:00 · 45 minutes · 3 places left</p>
    <form action="/gym/book"><input type="hidden" name="cls" value="c1"><button>Reserve a place</button></form></li>
  <li><h3>Yoga Flow</h3><p>12:30 · 60 minutes · 8 places left</p>
    <form action="/gym/book"><input type="hidden" name="cls" value="c2"><button>Reserve a place</button></form></li>
  <li><h3>Power Yoga</h3><p>18:00 · 60 minutes · full</p>
    <form action="/gym/book"><input type="hidden" name="cls" value="c3"><button>Reserve a place</button></form></li>
  <li><h3>Circuit Training</h3><p>19:15 · 30 minutes · 1 place left</p>
    <form action="/gym/book"><input type="hidden" name="cls" value="c4"><button>Reserve a place</button></form></li>
</ul>
<script>
  const asked = new URLSearchParams(location.search);
  for (const form of document.forms) for (const name of ['centre', 'day']) {
    const kept = document.createElement('input');
    kept.type = 'hidden'; kept.name = name; kept.value = asked.get(name) || ''; form.append(kept);
  }
</script>""",
    "/gym/book": _STYLE + """<h2>Your details</h2>
<form method="post" action="/sent" id="f">
  <label for="n">Name</label><input id="n" name="who">
  <label for="m">Email</label><input id="m" name="mail" type="email">
  <button>Confirm booking</button>
</form>
<script>
  for (const [name, value] of new URLSearchParams(location.search)) {
    const kept = document.createElement('input');
    kept.type = 'hidden'; kept.name = name; kept.value = value; document.getElementById('f').append(kept);
  }
</script>""",
    # A basket whose voucher box sits in a closed <details>; the voucher counts only once "Apply" accepted it, and
    # the order (a fetch) carries the voucher the page applied, not what the box holds.
    "/basket": _STYLE + """<h2>Your basket</h2><p>Walking boots, £120.00</p>
<details><summary>Got a voucher?</summary>
  <div><input id="v" placeholder="Code"><button type="button" id="ap">Apply</button></div>
  <p id="vm" role="status"></p></details>
<h3>Payment</h3>
<label for="cn">Card number</label><input id="cn" inputmode="numeric">
<label for="nm">Name on card</label><input id="nm">
<button type="button" id="pay">Pay now</button><p id="done" role="status"></p>
<script>
  let applied = '';
  document.getElementById('ap').onclick = () => {
    applied = document.getElementById('v').value.trim().toUpperCase();
    document.getElementById('vm').textContent = `Voucher ${applied} applied: 10% off`;
  };
  document.getElementById('pay').onclick = async () => {
    const order = {card: document.getElementById('cn').value, holder: document.getElementById('nm').value,
                   voucher: applied};
    await fetch('/sent', {method: 'POST', body: JSON.stringify(order)});
    document.getElementById('done').textContent = 'Thank you, your order is placed.';
  };
</script>""",
    # A gift message behind a collapsed button (aria-expanded), in a form the browser posts.
    "/gift": _STYLE + """<h2>Send a gift card</h2>
<form method="post" action="/sent">
  <label for="to">Recipient's email</label><input id="to" name="to" type="email">
  <button type="button" id="tg" aria-expanded="false" aria-controls="gm">Add a personal message</button>
  <div id="gm" hidden><label for="msg">Your words</label><textarea id="msg" name="msg"></textarea></div>
  <button>Send gift card</button>
</form>
<script>
  document.getElementById('tg').onclick = (e) => {
    const open = e.target.getAttribute('aria-expanded') !== 'true';
    e.target.setAttribute('aria-expanded', String(open)); document.getElementById('gm').hidden = !open;
  };
</script>""",
    # A share panel opened by "+ Share" and sent by "Share"; its role dropdown's name shows the role chosen, its
    # options a line of details under each role's name.
    "/share": _STYLE + """<h2>Quarterly report.docx</h2><main>
  <button type="button" id="open">+ Share</button>
  <div id="panel" hidden>
    <label for="em">Email</label><input id="em" type="email">
    <span id="rl">Role</span>
    <button type="button" id="rb" aria-haspopup="listbox" aria-expanded="false" aria-labelledby="rl rv">
      <span id="rv">Viewer</span></button>
    <ul role="listbox" id="ls" hidden><li role="option" data-v="viewer"><b>Viewer</b> <small>Can read</small></li>
      <li role="option" data-v="editor"><b>Editor</b> <small>Can edit and comment</small></li>
      <li role="option" data-v="owner"><b>Owner</b> <small>Can share and delete</small></li></ul>
    <button type="button" id="send">Share</button><p id="msg" role="status"></p>
  </div></main>
<script>
  const rb = document.getElementById('rb'), ls = document.getElementById('ls');
  let role = 'viewer';
  document.getElementById('open').onclick = () => { document.getElementById('panel').hidden = false; };
  const show = (open) => { ls.hidden = !open; rb.setAttribute('aria-expanded', String(open)); };
  rb.onclick = () => show(ls.hidden);
  ls.querySelectorAll('[role=option]').forEach((o) => o.onclick = () => {
    role = o.dataset.v; document.getElementById('rv').textContent = o.querySelector('b').textContent; show(false); });
  document.getElementById('send').onclick = async () => {
    await fetch('/sent', {method: 'POST', body: JSON.stringify({email: document.getElementById('em').value, role})});
    document.getElementById('msg').textContent = 'Shared.'; };
</script>""",
    # A table booking whose times are 12-hour slot buttons and whose arrival list says "7 PM" (asked as 19:00).
    "/dinner": _STYLE + """<h2>Book a table</h2>
<form method="post" action="/sent">
  <label for="pp">Guests</label><input id="pp" name="guests" type="number" min="1">
  <p id="sl">Time</p><div role="group" aria-labelledby="sl">
    <button type="button" class="slot" aria-pressed="false">6:30 pm</button>
    <button type="button" class="slot" aria-pressed="false">7:00 pm</button>
    <button type="button" class="slot" aria-pressed="false">7:30 pm</button>
    <button type="button" class="slot" aria-pressed="false">8:00 pm (last table)</button></div>
  <input type="hidden" name="slot" id="slot">
  <label for="dr">Drinks from</label><select id="dr" name="drinks"><option value="">Choose</option>
    <option>6 PM</option><option>7 PM</option><option>8 PM</option></select>
  <button>Book</button>
</form>
<script>
  document.querySelectorAll('.slot').forEach((b) => b.onclick = () => {
    document.querySelectorAll('.slot').forEach((o) => o.setAttribute('aria-pressed', String(o === b)));
    document.getElementById('slot').value = b.textContent; });
</script>""",
    # A sort code in three two-digit boxes, named only by their place in it.
    "/debit": _STYLE + """<h2>Set up a Direct Debit</h2>
<form method="post" action="/sent">
  <fieldset><legend>Sort code</legend>
    <input name="sc1" maxlength="2" size="2" inputmode="numeric" aria-label="Sort code, first two digits"> -
    <input name="sc2" maxlength="2" size="2" inputmode="numeric" aria-label="Sort code, middle two digits"> -
    <input name="sc3" maxlength="2" size="2" inputmode="numeric" aria-label="Sort code, last two digits"></fieldset>
  <label for="an">Account number</label><input id="an" name="acct" maxlength="8" inputmode="numeric">
  <button>Continue</button>
</form>""",
    # The same boxes without maxlength: only their (visually hidden) labels say each holds two digits.
    "/debit-labelled": _STYLE + """<h2>Set up a Direct Debit</h2>
<form method="post" action="/sent">
  <fieldset><legend>Sort code</legend>
    <label class="hidden" for="sc1">First two digits</label><input id="sc1" name="sc1" inputmode="numeric"> -
    <label class="hidden" for="sc2">Middle two digits</label><input id="sc2" name="sc2" inputmode="numeric"> -
    <label class="hidden" for="sc3">Last two digits</label><input id="sc3" name="sc3" inputmode="numeric"></fieldset>
  <label for="an">Account number</label><input id="an" name="acct" inputmode="numeric">
  <button>Continue</button>
</form>""",
    # A reading asked in five one-digit boxes under a question that names no key ("Number 1 of 5" …).
    "/counter": _STYLE + """<h2>Read your water meter</h2>
<form method="post" action="/sent">
  <label for="cn">Customer number</label><input id="cn" name="customer">
  <div role="group" aria-labelledby="q"><p id="q">Which numbers does the counter show?</p>
    <input name="n1" inputmode="numeric" aria-label="Number 1 of 5"><input name="n2" inputmode="numeric"
    aria-label="Number 2 of 5"><input name="n3" inputmode="numeric" aria-label="Number 3 of 5"><input name="n4"
    inputmode="numeric" aria-label="Number 4 of 5"><input name="n5" inputmode="numeric" aria-label="Number 5 of 5">
  </div><button>Send</button>
</form>""",
    # Courses whose "Book …" button opens a modal dialog asking for a session; the dialog's "Confirm" books it.
    # The row's button stays on the page behind the dialog, naming the course the goal names.
    "/courses": _STYLE + """<h2>Evening courses</h2>
<form role="search" onsubmit="event.preventDefault(); document.getElementById('list').hidden = false;">
  <label for="kw">Course name</label><input id="kw">
  <label for="lv">Level</label><select id="lv"><option value="">Any</option><option>Beginner</option>
  <option>Advanced</option></select><button>Find courses</button></form>
<ul id="list" hidden>
  <li>Pottery for Beginners <button type="button" class="book" data-c="pottery">Book Pottery for Beginners</button></li>
  <li>Life Drawing <button type="button" class="book" data-c="drawing">Book Life Drawing</button></li></ul>
<div id="dlg" role="dialog" aria-modal="true" aria-labelledby="dt" hidden
  style="position:fixed;top:20%;left:20%;background:#fff;border:1px solid #999;padding:1rem">
  <h3 id="dt">Choose a session</h3>
  <fieldset><legend>Sessions</legend>
    <label><input type="radio" name="session" value="sat"> Sat 10:00–12:00 · Studio 2</label>
    <label><input type="radio" name="session" value="sun"> Sun 14:00–16:00 · Studio 1</label></fieldset>
  <button type="button" id="cancel">Cancel</button> <button type="button" id="ok">Confirm</button></div>
<form id="f" method="post" action="/sent" hidden><input name="course"><input name="session"></form>
<script>
  const dlg = document.getElementById('dlg'), f = document.getElementById('f');
  document.querySelectorAll('.book').forEach((b) => b.onclick = () => {
    f.course.value = b.dataset.c; dlg.querySelectorAll('input').forEach((i) => { i.checked = false; });
    dlg.hidden = false; });
  document.getElementById('cancel').onclick = () => { dlg.hidden = true; };
  document.getElementById('ok').onclick = () => {
    const chosen = dlg.querySelector('input:checked'); if (!chosen) return;
    f.session.value = chosen.value; f.submit(); };
</script>""",
    # A service's start page that asks for nothing; its form is behind "Start now" (a link styled as a button).
    "/eta": _STYLE + """<h1>Apply for an electronic travel authorisation</h1>
<p>Use this service to apply before you travel. It takes about 10 minutes.</p>
<a href="/eta/form" role="button" class="button button--start">Start now</a>
<p><a href="/eta/help">Get help with your application</a></p>""",
    "/eta/form": _STYLE + """<h2>Your details</h2>
<form method="post" action="/sent"><label for="gn">Given names</label><input id="gn" name="given">
  <label for="em">Email address</label><input id="em" name="email" type="email"><button>Continue</button></form>""",
    # Supply points as radio cards, told apart only by their serial numbers (the question names no key).
    "/meters": _STYLE + """<h2>Submit a reading</h2>
<form method="post" action="/sent"><fieldset><legend>Your supply points</legend>
  <label><input type="radio" name="mp" value="m1"> Electricity · serial 14P3415463 · under the stairs</label>
  <label><input type="radio" name="mp" value="m2"> Gas · serial E6S1109550711 · kitchen cupboard</label>
  <label><input type="radio" name="mp" value="m3"> Gas · serial E6S2208841120 · garage</label></fieldset>
  <label for="rd">Reading</label><input id="rd" name="reading" inputmode="numeric"><button>Submit</button></form>""",
    # Payees as radio cards whose labels set the name and the account on two lines (<b>, <br>, <small>): their
    # text runs on ("Heating53-64-38") where Playwright's role names and the eye see two parts.
    "/payees": _STYLE + """<h2>Pay someone</h2>
<form method="post" action="/sent"><fieldset><legend>Who are you paying?</legend>
  <label><input type="radio" name="payee" value="p1"><b>Northside Dental</b><br><small>20-11-09 ····4410</small></label>
  <label><input type="radio" name="payee" value="p2"><b>Okafor Plumbing &amp; Heating</b><br><small>53-64-38
    ····6087</small></label>
  <label><input type="radio" name="payee" value="p3"><b>Okafor Legal</b><br><small>40-02-17 ····1152</small></label>
  </fieldset><label for="am">Amount</label><input id="am" name="amount" inputmode="decimal"><button>Pay now</button>
</form>""",
    # A module catalogue (one form) whose rows each have their own "Select …" button; the seminar group is asked
    # after.
    "/modules": _STYLE + """<h2>Module catalogue</h2><form id="cat" onsubmit="return false"><table><tbody>
  <tr><td>HIST1001</td><td>Modern History</td><td><button type="button" data-m="HIST1001">Select HIST1001 Modern
    History</button></td></tr>
  <tr><td>HIST2040</td><td>Medieval Europe</td><td><button type="button" data-m="HIST2040">Select HIST2040 Medieval
    Europe</button></td></tr></tbody></table></form>
<form method="post" action="/sent" id="enrol" hidden><input type="hidden" name="module" id="mod">
  <label for="sg">Seminar group</label><select id="sg" name="group"><option value="">Choose</option>
  <option>Group A (Monday)</option><option>Group B (Thursday)</option></select><button>Confirm enrolment</button>
</form>
<script>
  document.querySelectorAll('button[data-m]').forEach((b) => b.onclick = () => {
    document.getElementById('mod').value = b.dataset.m; document.getElementById('enrol').hidden = false; });
</script>""",
    # A change of address whose postcode has its own "Find address" submit: the form answers it with the street's
    # addresses (as a server would), and only "Save address" sends it.
    "/moving": _STYLE + """<h2>Change your address</h2>
<form method="post" action="/sent" id="mv">
  <div><label for="pc">Postcode</label><input id="pc" name="postcode"><button name="act" value="find">Find address
  </button></div>
  <div id="pick" hidden><label for="ad">Address</label><select id="ad" name="address"></select></div>
  <button name="act" value="save">Save address</button>
</form>
<script>
  document.getElementById('mv').addEventListener('submit', (e) => {
    if (e.submitter && e.submitter.value === 'find') {
      e.preventDefault();
      const pc = document.getElementById('pc').value.toUpperCase();
      document.getElementById('ad').innerHTML = '<option value="">Choose your address</option>' +
        ['10', '12', '14'].map((n) => `<option>${n} Rose Street, ${pc}</option>`).join('');
      document.getElementById('pick').hidden = false;
    }
  });
</script>""",
    # Inputs without a name in a form the browser posts itself: the post carries none of them.
    "/nameless": _STYLE + """<h2>Ask the librarian</h2>
<form method="post" action="/sent"><label for="a">Your name</label><input id="a">
  <label for="b">Question</label><textarea id="b"></textarea><button>Ask</button></form>""",
    # The same, but a script copies what is typed into named hidden fields: those are posted.
    "/copied": _STYLE + """<h2>Ask the librarian</h2>
<form method="post" action="/sent"><label for="a">Your name</label><input id="a">
  <label for="b">Question</label><textarea id="b"></textarea>
  <input type="hidden" name="who" id="ha"><input type="hidden" name="what" id="hb"><button>Ask</button></form>
<script>
  for (const [from, to] of [['a', 'ha'], ['b', 'hb']]) {
    const copy = (e) => { document.getElementById(to).value = e.target.value; };
    document.getElementById(from).addEventListener('input', copy);
  }
</script>""",
    # A wizard's review step: a table to read, and "Next" submitting the step (a POST) right under it.
    "/review-step": _STYLE + """<h2>Step 2 of 3: check your items</h2>
<table id="items"><tr><th>Item</th><th>Qty</th></tr><tr><td>Desk lamp</td><td>2</td></tr>
<tr><td>Monitor arm</td><td>1</td></tr></table>
<form method="post" action="/sent"><input type="hidden" name="step" value="2"><button>Next</button></form>""",
    # A directory of people as cards (no table, no list markup): a name made of a link and a status badge, the
    # role in plain text, "Location: city", an e-mail only in its mailto: link, a phone in a tel: link; the unit
    # filter and a "Next ›" link redraw on the client, three cards at a time.
    "/people": _STYLE + """<h2>Who is who</h2>
<label for="unit">Unit</label><select id="unit"><option value="">Every unit</option>
<option>Design</option><option>Support</option><option>Research</option></select>
<button type="button" id="show">Show</button>
<p id="count" role="status"></p><div id="cards" class="people"></div><a href="#more" id="next">Next ›</a>
<style>.person{border:1px solid #ccc;margin:.4rem;padding:.4rem}.tag{margin-left:.5rem;color:#a60}</style>
<script>
  const PEOPLE = [
    ['Mira Kowalski', 'Design', 'Product designer', 'Lisbon', 'mira.k@team.test', '+351 21 000 0001', 'Away'],
    ['Tomas Reyes', 'Support', 'Support engineer', 'Madrid', 'tomas.r@team.test', '+34 91 000 0002', ''],
    ['Ines Duarte', 'Design', 'Illustrator', 'Porto', 'ines.d@team.test', '+351 22 000 0003', ''],
    ['Kofi Mensah', 'Research', 'User researcher', 'Accra', 'kofi.m@team.test', '+233 30 000 0004', ''],
    ['Lena Vogel', 'Design', 'Design lead', 'Berlin', 'lena.v@team.test', '+49 30 000 0005', 'New'],
    ['Arjun Rao', 'Design', 'Motion designer', 'Pune', 'arjun.r@team.test', '+91 20 000 0006', ''],
    ['Sara Lind', 'Support', 'Support lead', 'Malmo', 'sara.l@team.test', '+46 40 000 0007', ''],
    ['Noor Haddad', 'Design', 'Illustrator', 'Amman', 'noor.h@team.test', '+962 6 000 0008', ''],
  ];
  let unit = '', page = 0;
  function show() {
    const rows = PEOPLE.filter((p) => !unit || p[1] === unit);
    document.getElementById('count').textContent = rows.length + ' people';
    document.getElementById('cards').innerHTML = rows.slice(page * 3, page * 3 + 3).map((p, i) =>
      `<div class="person"><h4><a href="#p${i}">${p[0]}</a>${p[6] ? `<small class="tag">${p[6]}</small>` : ''}</h4>
       <p>${p[2]}</p><p class="unit">${p[1]}</p><p>Location: ${p[3]}</p>
       <a href="mailto:${p[4]}">Write</a> <a href="tel:${p[5].replace(/ /g, '')}">${p[5]}</a>
       <button type="button">Follow</button></div>`).join('');
    document.getElementById('next').hidden = (page + 1) * 3 >= rows.length;
  }
  document.getElementById('show').onclick = () => { unit = document.getElementById('unit').value; page = 0; show(); };
  document.getElementById('next').onclick = (e) => { e.preventDefault(); page++; show(); };
  show();
</script>""",
}


# An autocomplete whose suggestions change just as the agent looks: on /depot-late they come the moment after a look
# that found none (before the agent starts waiting for a change); on /depot-redrawn the list is drawn again, with new
# nodes, the moment after the look that listed it (results refined as they arrive). The page sees a look by the
# reference it leaves (window.__roteElements): a timer could not make either moment happen every time.
def _depot_page(mode: str) -> str:
    return _STYLE + """<h2>Hire a van</h2>
<label for="depot">Pick-up depot</label>
<input id="depot" role="combobox" aria-controls="depots" aria-expanded="false" autocomplete="off">
<ul id="depots" role="listbox" hidden></ul>
<button type="button" id="go">Reserve the van</button><p id="out" role="status"></p>
<script>
  const MODE = '""" + mode + """', DEPOTS = ['Leeds North', 'Leeds South', 'Leicester', 'Lincoln'];
  const box = document.getElementById('depot'), list = document.getElementById('depots');
  let chosen = '', typed = false, redrawn = false, latest;
  const draw = () => {
    const q = box.value.toLowerCase();
    list.innerHTML = DEPOTS.filter((d) => q.length > 1 && d.toLowerCase().includes(q))
      .map((d) => `<li role="option" data-v="${d}">${d}</li>`).join('');
    list.hidden = !list.children.length; box.setAttribute('aria-expanded', String(!list.hidden));
  };
  Object.defineProperty(window, '__roteElements', {configurable: true, get: () => latest, set: (registry) => {
    latest = registry;
    if (MODE === 'late' && typed && list.hidden) setTimeout(draw, 0);
    if (MODE === 'redrawn' && !list.hidden && !redrawn) { redrawn = true; setTimeout(draw, 0); }
  }});
  box.addEventListener('input', () => { chosen = ''; typed = true; if (MODE === 'redrawn') draw(); });
  list.addEventListener('mousedown', (e) => { const li = e.target.closest('li'); if (!li) return;
    e.preventDefault(); box.value = li.dataset.v; chosen = li.dataset.v; list.hidden = true; });
  document.getElementById('go').onclick = async () => {
    if (!chosen) { document.getElementById('out').textContent = 'Please choose a depot from the list'; return; }
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/json'},
                          body: JSON.stringify({depot: chosen})});
    document.getElementById('out').textContent = 'Van reserved';
  };
</script>"""


PAGES["/depot-late"] = _depot_page("late")
PAGES["/depot-redrawn"] = _depot_page("redrawn")


# A claim whose costs go into a table one row per cost: a row to start with, "+ Add a line" for more; the columns
# (When | What it was | Type of cost | Cost) are not in the order the lines list their parts.
PAGES["/claim-lines"] = _STYLE + """<h2>Travel claim</h2>
<label for="why">Reason for travel</label><input id="why">
<table><thead><tr><th>When</th><th>What it was</th><th>Type of cost</th><th>Cost (£)</th><th></th></tr></thead>
<tbody id="rows"></tbody></table>
<button type="button" id="more">+ Add a line</button>
<button type="button" id="send">Send claim</button><p id="out" role="status"></p>
<template id="row"><tr><td><input type="date" aria-label="When"></td><td><input aria-label="What it was"></td>
<td><select aria-label="Type of cost"><option value="">Pick one</option><option value="c1">Train</option>
<option value="c2">Taxi</option><option value="c3">Hotel</option><option value="c4">Meal</option></select></td>
<td><input inputmode="decimal" aria-label="Cost"></td><td><button type="button" class="rm">Remove</button></td></tr>
</template>
<script>
  const rows = document.getElementById('rows'), out = document.getElementById('out');
  const add = () => rows.append(document.getElementById('row').content.firstElementChild.cloneNode(true));
  add();
  document.getElementById('more').onclick = add;
  rows.addEventListener('click', (e) => { if (e.target.classList.contains('rm')) e.target.closest('tr').remove(); });
  document.getElementById('send').onclick = async () => {
    const lines = [...rows.rows].map((tr) => [...tr.querySelectorAll('input, select')].map((f) => f.value));
    if (!document.getElementById('why').value || lines.some((l) => l.some((part) => !part))) {
      out.textContent = 'Please complete every line'; return; }
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({
      why: document.getElementById('why').value, lines: lines.map((l) => l.join(' / ')).join('; ')})});
    out.textContent = 'Claim sent';
  };
</script>"""


# A report sent only once its sender certifies it (a box with no required mark; "Send report" stays disabled till
# then) beside an enabled "Save draft", and a dialog that asks before sending: "Send the report?" OK / Cancel.
PAGES["/certify-send"] = _STYLE + """<h2>Mileage report</h2>
<label for="miles">Miles driven</label><input id="miles">
<p><input type="checkbox" id="cert"> <label for="cert">I certify that these journeys were made on company
business</label></p>
<p><input type="checkbox" id="news"> <label for="news">I agree to receive news about the car scheme</label></p>
<button type="button" id="draft">Save draft</button> <button type="button" id="send" disabled>Send report</button>
<p id="out" role="status"></p>
<div id="ask" role="dialog" aria-modal="true" aria-labelledby="ask-t" hidden style="position:fixed;top:30%;left:30%;
background:#fff;border:1px solid #888;padding:1rem"><h3 id="ask-t">Send the report?</h3>
<p>It goes to your manager for approval.</p><button type="button" id="ok">OK</button>
<button type="button" id="no">Cancel</button></div>
<script>
  const $ = (id) => document.getElementById(id);
  const ready = () => { $('send').disabled = !($('miles').value && $('cert').checked); };
  document.addEventListener('input', ready); document.addEventListener('change', ready);
  $('draft').onclick = () => { $('out').textContent = 'Draft saved'; };
  $('send').onclick = () => { $('ask').hidden = false; };
  $('no').onclick = () => { $('ask').hidden = true; };
  $('ok').onclick = async () => {
    $('ask').hidden = true;
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/json'},
                          body: JSON.stringify({miles: $('miles').value, news: String($('news').checked)})});
    $('out').textContent = 'Your report was sent for approval';
  };
</script>"""


# A booking answered by a modal that only thanks ("Booked!" and "Close"): nothing in it is the goal's next step.
PAGES["/booked-dialog"] = _STYLE + """<h2>Book a table</h2>
<label for="who">Name for the booking</label><input id="who">
<button type="button" id="book">Book the table</button>
<div id="done" role="dialog" aria-modal="true" hidden style="position:fixed;top:30%;left:30%;background:#fff;
border:1px solid #888;padding:1rem"><h3>Booked!</h3><p>See you on Friday.</p><button type="button" id="x">Close</button>
</div>
<script>
  document.getElementById('book').onclick = async () => {
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/json'},
                          body: JSON.stringify({who: document.getElementById('who').value})});
    document.getElementById('done').hidden = false;
  };
  document.getElementById('x').onclick = () => { document.getElementById('done').hidden = true; };
</script>"""


# A wizard whose "Continue" also brings up an offer in a modal ("Join the club? Join / No thanks") over the step that
# asks the rest: the offer is closed, never joined, and the step filled.
PAGES["/step-offer"] = _STYLE + """<h2>Reading list</h2>
<div id="one"><label for="nm">Your name</label><input id="nm"> <button type="button" id="next">Continue</button></div>
<div id="two" hidden><label for="em">Email address</label><input id="em" type="email">
<button type="button" id="go">Send me the list</button></div><p id="out" role="status"></p>
<div id="offer" role="dialog" aria-modal="true" hidden style="position:fixed;top:30%;left:30%;background:#fff;
border:1px solid #888;padding:1rem"><h3>Join the book club?</h3><p>Members get 10% off.</p>
<button type="button" id="join">Join</button> <button type="button" id="nope">No thanks</button></div>
<script>
  const $ = (id) => document.getElementById(id);
  let joined = false;
  $('next').onclick = () => { $('one').hidden = true; $('two').hidden = false; $('offer').hidden = false; };
  $('join').onclick = () => { joined = true; $('offer').hidden = true; };
  $('nope').onclick = () => { $('offer').hidden = true; };
  $('go').onclick = async () => {
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/json'},
                          body: JSON.stringify({name: $('nm').value, email: $('em').value, joined: String(joined)})});
    $('out').textContent = 'The list is on its way';
  };
</script>"""


# A send answered by a browser alert ("Report submitted"), and a delete that asks "Are you sure?" in a modal.
PAGES["/alert-sent"] = _STYLE + """<h2>Monthly report</h2><label for="hrs">Hours worked</label><input id="hrs">
<button type="button" id="go">Submit report</button>
<script>
  document.getElementById('go').onclick = async () => {
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/json'},
                          body: JSON.stringify({hours: document.getElementById('hrs').value})});
    alert('Report submitted');
  };
</script>"""
PAGES["/confirm-delete"] = _STYLE + """<h2>Account</h2><button type="button" id="del">Delete my account</button>
<p id="out" role="status"></p>
<div id="ask" role="dialog" aria-modal="true" hidden style="position:fixed;top:30%;left:30%;background:#fff;
border:1px solid #888;padding:1rem"><h3>Are you sure?</h3><button type="button" id="yes">Yes</button>
<button type="button" id="no">No</button></div>
<script>
  const $ = (id) => document.getElementById(id);
  $('del').onclick = () => { $('ask').hidden = false; };
  $('no').onclick = () => { $('ask').hidden = true; };
  $('yes').onclick = async () => {
    $('ask').hidden = true;
    await fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"deleted": "yes"}'});
    $('out').textContent = 'Your account was deleted';
  };
</script>"""

# "Submit" stays disabled until an approver is chosen (no value names one); "Save draft" is enabled beside it.
PAGES["/draft-only"] = _STYLE + """<h2>Timesheet</h2><label for="h">Hours</label><input id="h">
<label for="ap">Approver</label><select id="ap"><option value="">Choose</option><option>Kim</option></select>
<button type="button" id="draft">Save draft</button> <button type="button" id="sub" disabled>Submit</button>
<script>
  const $ = (id) => document.getElementById(id);
  document.addEventListener('change', () => { $('sub').disabled = !$('ap').value; });
  $('draft').onclick = () => fetch('/sent', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                            body: '{"draft": "yes"}'});
</script>"""


@dataclass
class Received:
    """What the pages sent, in order: (path of the page that sent it, the fields)."""

    posts: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def last(self) -> dict[str, str]:
        assert self.posts, "the page sent nothing"
        return self.posts[-1][1]


@contextmanager
def serving() -> Iterator[tuple[str, Received]]:
    """Serve PAGES on 127.0.0.1 (a free port); yields the base URL and what the pages send."""
    received = Received()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            return

        def _answer(self, body: str, status: int = 200, kind: str = "text/html; charset=utf-8") -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - stdlib naming
            if urllib.parse.urlsplit(self.path).path == "/slow-slots":
                time.sleep(0.6)  # free times that take a while to come
                self._answer(json.dumps(["09:00", "15:30"]), kind="application/json")
                return
            page = PAGES.get(urllib.parse.urlsplit(self.path).path)
            self._answer(f"<!doctype html><title>t</title>{page}" if page else "missing", 200 if page else 404)

        def do_POST(self) -> None:  # noqa: N802 - stdlib naming
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            if raw.startswith("{"):
                fields = {k: str(v) for k, v in json.loads(raw).items()}
            else:
                fields = {k: v[-1] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
            with lock:
                received.posts.append((self.headers.get("Referer", ""), fields))
            self._answer("<!doctype html><title>Done</title><h1>Thank you, all received.</h1>")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()
