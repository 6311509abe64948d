"""Small local pages for the postcondition tests: each one does (or pointedly fails to do) one kind of effect."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_SETTINGS = """<!doctype html><title>Settings</title><main><h1>Your profile</h1>{note}
<form method="post" action="/go/settings-saved"><label>Phone <input id="phone" name="phone"></label>
<button id="save">Save changes</button></form>
<h2>Close account</h2><p>Closing your account deletes your saved details. This cannot be undone.</p>
<form method="post" action="/go/settings"><div class="danger-zone"><button id="close" type="button"
  class="btn btn-outline-danger">Close my account</button></div></form></main>"""

PAGES: dict[str, str] = {
    # Fields: a plain text field, a date input, a masked phone field, a field that refuses what is typed,
    # a text date field that declares its format, one that shows an example date in its hint,
    # a digits-only field, a select, a checkbox that unticks itself,
    # a day / month / year row whose boxes have no maxlength (each would take the whole date).
    "/fields": """<!doctype html><title>Fields</title>
<form id="f" action="/done" method="post">
  <label>Name <input id="name" name="name"></label>
  <label>Start <input id="start" type="date" name="start"></label>
  <label>Phone <input id="phone" name="phone"></label>
  <label>Code <input id="code" name="code"></label>
  <label>Birthday <input id="birthday" name="birthday" placeholder="DD/MM/YYYY"></label>
  <label for="visit">Visit date</label><p id="visit-hint">Open weekdays until 30/12/2026. For example, 17/3/2027.</p>
  <input id="visit" name="visit" aria-describedby="visit-hint">
  <label>Zip <input id="zip" name="zip" inputmode="numeric" pattern="[0-9]*"></label>
  <label>Plan <select id="plan" name="plan">
    <option value="b">Basic</option><option value="p">Pro</option></select></label>
  <label>Stubborn plan <select id="stubborn">
    <option value="b">Basic</option><option value="p">Pro</option></select></label>
  <label><input id="news" type="checkbox" name="news"> News</label>
  <label><input id="sticky" type="checkbox"> Sticky</label>
  <fieldset><legend>Date of birth</legend>
    <label for="dob-d">Day</label><input id="dob-d" name="dob_day">
    <label for="dob-m">Month</label><input id="dob-m" name="dob_month">
    <label for="dob-y">Year</label><input id="dob-y" name="dob_year"></fieldset>
  <button id="go">Send</button>
</form>
<script>
  const phone = document.getElementById('phone');
  phone.addEventListener('input', () => {   // a mask: (555) 123-4567
    const d = phone.value.replace(/\\D/g, '').slice(0, 10);
    phone.value = d.length > 6 ? `(${d.slice(0,3)}) ${d.slice(3,6)}-${d.slice(6)}` : d;
  });
  const code = document.getElementById('code');
  code.addEventListener('input', () => { code.value = 'XX'; });       // refuses anything typed
  const zip = document.getElementById('zip');
  zip.addEventListener('input', () => { zip.value = zip.value.replace(/\\D/g, ''); });
  const stubborn = document.getElementById('stubborn');
  stubborn.addEventListener('change', () => { stubborn.value = 'b'; });  // always snaps back
  const sticky = document.getElementById('sticky');
  sticky.addEventListener('click', (e) => { e.preventDefault(); });     // never changes state
</script>""",
    # Fields that take a value only after the input event: a controlled field that puts it back on the next task
    # (an asynchronous state update), one that does so in the next animation frame, one with a list of boxes.
    "/late-fields": """<!doctype html><title>Late fields</title>
<form id="f" action="/done" method="post">
  <label>Next task <input id="task" name="task"></label>
  <label>Next frame <input id="frame" name="frame"></label>
  <label>Slow mask <input id="slow" name="slow"></label>
</form>
<script>
  const controlled = (el, later) => {
    let state = '';
    el.addEventListener('input', () => {
      const typed = el.value;
      el.value = state;                                   // the old state is shown until the update lands
      later(() => { state = typed.toUpperCase(); el.value = state; });
    });
  };
  controlled(document.getElementById('task'), (f) => setTimeout(f, 0));
  controlled(document.getElementById('frame'), (f) => requestAnimationFrame(f));
  const slow = document.getElementById('slow');              // a mask that never takes the spelling typed
  slow.addEventListener('input', () => { slow.value = slow.value.replace(/\\D/g, '').slice(0, 4); });
</script>""",
    # Clicks: each button has one kind of effect, or none.
    "/clicks": """<!doctype html><title>Clicks</title>
<main>
  <section id="s1"><h2>One</h2><button id="dom" onclick="this.parentElement.insertAdjacentHTML('beforeend',
    '<p>Saved</p>')">Save</button></section>
  <section id="s2"><h2>Two</h2><button id="nothing">Do nothing</button></section>
  <section id="s3"><h2>Three</h2><button id="hide" onclick="this.remove()">Hide me</button></section>
  <section id="s4"><h2>Four</h2><button id="disable" onclick="this.disabled = true">Disable me</button></section>
  <section id="s5"><h2>Five</h2><a id="nav" href="/landing">Go</a></section>
  <section id="s6"><h2>Six</h2><button id="alert" onclick="alert('hi')">Alert</button></section>
  <section id="s7"><h2>Seven</h2><a id="dl" href="/file.txt" download>Download</a></section>
  <section id="s8"><h2>Eight</h2><button id="late"
    onclick="setTimeout(() => document.getElementById('s8').append('Later'), 300)">Late</button></section>
  <section id="s9"><h2>Nine</h2><button id="modal" onclick="document.body.insertAdjacentHTML('beforeend',
    '<div role=dialog><p>Sure?</p></div>')">Modal</button></section>
  <section id="s10"><h2>Ten</h2><button id="reveal" onclick="document.getElementById('veil').hidden = false">Review
    </button></section>
</main>
<div id="veil" hidden><div role="dialog" aria-modal="true"><p>Enter your PIN</p></div></div>
<div id="drawer"><div role="dialog" aria-modal="true" aria-label="Edit plan"><p>Plan</p>
  <button id="shut" onclick="this.closest('[role=dialog]').hidden = true">Save plan</button></div></div>
<div id="open"><div role="dialog"><p>Open already</p><button id="busy" onclick="this.disabled = true;
  document.getElementById('open').className = 'busy'">Confirm</button></div></div>""",
    "/landing": "<!doctype html><title>Landing</title><h1>Landed</h1>",
    # A single-page app whose URL never changes: Submit shows either a confirmation or nothing at all.
    "/spa": """<!doctype html><title>SPA</title>
<main><form id="f" onsubmit="event.preventDefault(); if (document.getElementById('email').value.includes('@'))
  fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
    document.getElementById('out').textContent = 'Thank you, we will be in touch'; });
  else { document.getElementById('err').textContent = 'Email is invalid';
         document.getElementById('email').setAttribute('aria-invalid', 'true'); }">
  <label>Email <input id="email" name="email"></label>
  <label>Name <input id="name" name="name" required></label>
  <p id="err" role="alert"></p>
  <button id="send">Send</button>
</form><p id="out"></p>
<button id="noop" type="button">Submit (does nothing)</button>
<p id="decline" hidden>Card declined: insufficient funds</p>
<button id="pay" type="button" onclick="document.getElementById('decline').hidden = false">Pay</button>
</main>""",
    # A help desk that answers in its own words: a request logged (the answer never repeats the criterion's words),
    # one whose success heading sits over a failure in small print, a payment "sent" whose status line says it
    # awaits approval, one that says so before the server refuses, one that says so though its API answered 200
    # {"ok": false} (and one whose API said {"ok": true}), and a history that already says "received".
    "/requests": """<!doctype html><title>Requests</title><style>.small { font-size: .7rem }</style>
<aside><h2>History</h2><p>Your request #7 has been received.</p></aside>
<main><section id="view"><label>Subject <input id="subject"></label>
<button type="button" id="create" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('view').innerHTML = '<h1>Request logged</h1><p>Your request #42 has been received. ' +
    'We reply within a day.</p><p>Do not reply to this message.</p>'; })">Open request</button>
<button type="button" id="shaky" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('view').innerHTML = '<h1>Thank you for your request!</h1>' +
    '<p class=small>Your request was not received: the queue is full.</p>'; })">Open anyway</button>
<button type="button" id="held" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('view').innerHTML = '<h1>&#10003; Payment sent</h1><p>&pound;120.50 to Okafor Plumbing, ' +
    'reference RENT.</p><p class=small>Payment ID FP-1234 &middot; awaiting app approval</p>'; })">Pay</button>
<button type="button" id="optimistic" onclick="
  document.getElementById('view').innerHTML = '<p>Your request #43 has been received.</p>';
  fetch('/api/refuse', {method: 'POST', body: 'x'})">Open quickly</button>
<button type="button" id="said-no" onclick="fetch('/api/said-no', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('view').innerHTML = '<p>Your request #44 has been received.</p>'; })">Open via API</button>
<button type="button" id="said-yes" onclick="fetch('/api/said-yes', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('view').innerHTML = '<p>Your request #45 has been received.</p>'; })">Open via API v2</button>
<button type="button" id="history" onclick="document.getElementById('note').innerHTML =
  '<p>Your request #8 has been received.</p>'">Show past requests</button>
<button type="button" id="draft" onclick="document.getElementById('note').textContent = 'Draft kept.'">
  Keep draft</button>
<p id="note"></p></section></main>""",
    # Answers that leave the criterion's subject to the context: a toast after "Update customer" (and the same toast
    # after a bare "Save"), an enrolment confirmed by the module's own name, a council report whose "What happens
    # next" speaks of the problems the council deals with, and a table search whose slots show "fully booked".
    "/answers-in-context": """<!doctype html><title>Admin</title><main><section id="view">
<button type="button" id="update" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('toast').textContent = 'Changes saved'; })">Update customer</button>
<button type="button" id="save" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('toast').textContent = 'Changes saved'; })">Save</button>
<button type="button" id="prefs" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('toast').textContent = 'Changes saved'; })">Update preferences</button>
<button type="button" id="enrol" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('view').innerHTML = '<p>You are now enrolled on DATA2105 Data Visualisation ' +
    '(seminar group: Friday 14:00).</p>'; })">Confirm</button>
<button type="button" id="report" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('view').innerHTML = '<h1>Report submitted</h1><p>Your reference number is RP-204.</p>' +
    '<h2>What happens next</h2><p>Urgent problems that are a danger to the public are made safe within 24 ' +
    'hours.</p>'; })">Send report</button>
<button type="button" id="trouble" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('view').innerHTML = '<h1>Report submitted</h1><p>There was a problem saving your ' +
    'photo.</p>'; })">Send with photo</button>
<button type="button" id="find" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('view').innerHTML = '<p>Friday 12 December, 4 people</p>' +
    '<div role=radio>7:30pm</div><div role=radio>8:30pm (fully booked)</div>'; })">Find a table</button>
</section><div role="dialog" aria-labelledby="dlg-title"><h2 id="dlg-title">Edit customer</h2>
<button type="button" id="dsave" onclick="fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('toast').textContent = 'Changes saved'; })">Save</button></div>
<p id="toast" role="status"></p></main>""",
    # A settings page: its heading names what a bare "Save changes" keeps; the toast says only "Changes saved".
    "/settings-kept": """<!doctype html><title>Account</title><main><h1>Notification settings</h1><form
onsubmit="event.preventDefault(); fetch('/api/ok', {method: 'POST', body: 'x'}).then(() => {
  document.getElementById('toast').textContent = 'Changes saved'; })"><label><input type="checkbox"> Weekly summary
</label><button id="keep">Save changes</button></form><p id="toast" role="status"></p></main>""",
    # A button that disables itself while its request is out (a slow API), then shows what it made in a banner;
    # its twin re-enables itself and shows nothing.
    "/busy-save": """<!doctype html><title>New issue</title><main><form onsubmit="return false">
<label>Title <input id="title"></label>
<button type="button" id="save" onclick="keep(this, true)">Save issue</button>
<button type="button" id="quiet" onclick="keep(this, false)">Save quietly</button></form>
<div id="banner" role="status" hidden></div></main>
<script>
  async function keep(button, say) {
    button.disabled = true;
    await fetch('/api/slow-ok', {method: 'POST', body: 'x'});
    button.disabled = false;
    if (!say) return;
    const banner = document.getElementById('banner');
    banner.hidden = false; banner.innerHTML = 'Issue <a href="#">ISS-7</a> created.';
    document.getElementById('title').value = '';
  }
</script>""",
    # A checkout with two addresses whose fields are labelled alike ("City"): only their groups tell them apart.
    "/two-addresses": """<!doctype html><title>Checkout</title><main><form id="f" onsubmit="event.preventDefault();
  fetch('/api/ok', {method: 'POST', body: new URLSearchParams(new FormData(this))}).then(() => {
    document.getElementById('out').textContent = 'Order placed'; })">
<fieldset><legend>Delivery address</legend><label for="c1">City</label><input id="c1" name="c1"></fieldset>
<fieldset><legend>Billing address</legend><label for="c2">City</label><input id="c2" name="c2"></fieldset>
<button id="place">Place order</button></form><p id="out" role="status"></p></main>""",
    # An app whose header menu switches the view in <main> (the URL never changes); a menu entry that does nothing;
    # a clock ticking in an aside and one in the main content (text changes, no element added).
    "/app-views": """<!doctype html><title>App</title>
<header><nav><button type="button" id="overview">Overview</button> <button type="button" id="tickets">Tickets</button>
<button type="button" id="help">Help</button></nav></header>
<aside><span id="clock"></span></aside><main id="view"><h1>Overview</h1><p id="tick"></p></main><script>
document.getElementById('tickets').onclick = () => {
  document.getElementById('view').innerHTML = '<h1>Tickets</h1><button type="button">New ticket</button>'; };
setInterval(() => { document.getElementById('clock').textContent = String(Date.now());
  const tick = document.getElementById('tick'); if (tick) tick.textContent = String(Date.now()); }, 50);
</script>""",
    # Saving: only locally (a toast, nothing sent), to a server that accepts, to one that refuses, or a script that
    # throws before it sends anything.
    "/prefs": """<!doctype html><title>Preferences</title>
<main><form onsubmit="return false"><label>Display name <input id="display"></label>
<button type="button" id="local" onclick="document.getElementById('t').textContent = 'Saved!'">Save locally</button>
<button type="button" id="ok" onclick="fetch('/api/ok', {method: 'POST', body: 'x'})
  .then(() => { document.getElementById('t').textContent = 'Saved!'; })">Save</button>
<button type="button" id="refused" onclick="fetch('/api/refuse', {method: 'POST', body: 'x'}).catch(() => null)
  .then(() => { document.getElementById('t').textContent = 'All set!'; })">Save anyway</button>
<button type="button" id="throws" onclick="document.getElementById('t').textContent = 'Sending...';
  null.send()">Send broken</button>
</form><p id="t"></p></main>""",
    # Several controls with the same or similar names: only the row (or the exact name) tells them apart.
    "/orders": """<!doctype html><title>Orders</title><main>
<div role="toolbar"><button onclick="document.getElementById('log').textContent = 'exported all'">Export</button>
<button onclick="document.getElementById('log').textContent = 'exported some'">Export selected</button></div>
<p id="log"></p>
<table><tr><th>Order</th><th></th></tr>
<tr><td>SO-1001</td><td><a href="/landing?o=1001">View</a></td></tr>
<tr><td>SO-1002</td><td><a href="/landing?o=1002">View</a></td></tr></table></main>""",
    # A paginated table: page 1 offers its next page, page 2 is the last.
    "/invoices": """<!doctype html><title>Invoices</title><table><tr><th>Number</th></tr><tr><td>INV-1</td></tr>
</table><a href="/invoices-2" rel="next">Next</a>""",
    "/invoices-2": """<!doctype html><title>Invoices</title><table><tr><th>Number</th></tr><tr><td>INV-2</td></tr>
</table><button disabled>Next</button>""",
    # A form inside an open shadow root: Send posts by fetch and answers in the shadow tree; Nothing does nothing;
    # Check shows an alert inside the shadow tree.
    "/shadow": """<!doctype html><title>Shadow</title><h1>Feedback</h1><feedback-box></feedback-box><script>
customElements.define('feedback-box', class extends HTMLElement { connectedCallback() {
  const root = this.attachShadow({mode: 'open'});
  root.innerHTML = '<form><label>Note <input id="note"></label><button id="send" type="submit">Send</button>' +
    '<button id="nothing" type="button">Nothing</button><button id="check" type="button">Check</button>' +
    '<p id="out"></p></form>';
  root.querySelector('form').addEventListener('submit', async (e) => { e.preventDefault();
    await fetch('/api/ok', {method: 'POST', body: root.getElementById('note').value});
    root.getElementById('out').textContent = 'Noted, thank you'; });
  root.getElementById('check').addEventListener('click', () => {
    root.getElementById('out').innerHTML = '<span role="alert">Note is required</span>'; });
}});
</script>""",
    # A sign-up form inside an iframe that thanks in place (the top page never changes).
    "/framed": """<!doctype html><title>Article</title><h1>An article</h1><p>Text.</p>
<iframe src="/framed-inner" title="Sign up" width="400" height="200"></iframe>""",
    "/framed-inner": """<!doctype html><title>Sign up</title><form id="f"><label>Your email <input id="mail"
name="mail"></label><button type="submit">Join</button></form><p id="thanks"></p><script>
document.getElementById('f').addEventListener('submit', async (e) => { e.preventDefault();
  await fetch('/api/ok', {method: 'POST', body: document.getElementById('mail').value});
  document.getElementById('thanks').textContent = 'Welcome aboard'; });
</script>""",
    # Client-side paging whose control carries an arrow.
    "/paged-arrows": """<!doctype html><title>Invoices</title><table><tr><th>Number</th></tr><tr><td>INV-1</td>
</tr></table><button type="button">Next ›</button>""",
    # Forms whose fields have no label: captions in row headers (the next visit reorders rows and renames fields),
    # and fields known only by their name attribute.
    "/captioned": """<!doctype html><title>Record</title><form method="post" action="/done"><table>
<tr><th>Department</th><td><input name="r0_11"></td></tr><tr><th>Job title</th><td><input name="r1_52"></td></tr>
<tr><th>Work phone</th><td><input name="r2_93"></td></tr></table><button>Save</button></form>""",
    "/captioned-next": """<!doctype html><title>Record</title><form method="post" action="/done"><table>
<tr><th>Work phone</th><td><input name="r0_40"></td></tr><tr><th>Department</th><td><input name="r1_17"></td></tr>
<tr><th>Job title</th><td><input name="r2_66"></td></tr></table><button>Save</button></form>""",
    # A button under a cookie wall that stays, and one under a wall that leaves by itself a moment later.
    "/covered": """<!doctype html><title>Covered</title><button id="go" onclick="this.textContent='Done'">Go</button>
<div role="dialog" aria-label="Cookie consent" style="position:fixed;inset:0;background:#fff">We use cookies</div>""",
    "/covered-briefly": """<!doctype html><title>Covered</title><button id="go" onclick="this.textContent='Done'">Go
</button><div id="wall" role="dialog" aria-label="Loading" style="position:fixed;inset:0;background:#fff">Wait</div>
<script>setTimeout(() => document.getElementById('wall').remove(), 150);</script>""",
    "/reworded": """<!doctype html><title>Contact</title><form method="post" action="/done">
<label>Email <input name="email"></label><label>Surname <input name="last_name"></label></form>""",
    # A contact form whose fields were reworded in common form words since the recording (fields numbered by
    # position); the second asks for a mobile and a telephone apart.
    "/reworded-synonyms": """<!doctype html><title>Contact</title><form method="post" action="/done">
<label>Your name <input name="f1"></label><label>Mobile number <input name="f2"></label>
<label>Postcode <input name="f3"></label></form>""",
    "/reworded-synonyms-twice": """<!doctype html><title>Contact</title><form method="post" action="/done">
<label>Your name <input name="f1"></label><label>Mobile number <input name="f2"></label>
<label>Telephone <input name="f3"></label></form>""",
    # Selects whose labels were reworded since the recording; the second form has two selects offering "Express".
    "/reworded-selects": """<!doctype html><title>Checkout</title><form method="post" action="/done">
<label>Delivery option <select id="c2" name="c2"><option>Standard</option><option>Express</option></select></label>
<label>Gift wrap <select id="c3" name="c3"><option>None</option><option>Paper</option></select></label></form>""",
    "/reworded-selects-twice": """<!doctype html><title>Checkout</title><form method="post" action="/done">
<label>Delivery option <select id="c2" name="c2"><option>Standard</option><option>Express</option></select></label>
<label>Returns <select id="c3" name="c3"><option>Standard</option><option>Express</option></select></label></form>""",
    # A cart whose only news is a live region in the header; a dead button beside it; a ticking clock (not live).
    "/live-cart": """<!doctype html><title>Shop</title><header>Shop <span id="cart" role="status"></span>
<span id="clock"></span></header><ul><li>Lamp <button type="button" id="add">Add</button>
<button type="button" id="dead">Save for later</button></li></ul><script>
document.getElementById('add').addEventListener('click', () => {
  setTimeout(() => { document.getElementById('cart').textContent = 'Added: Lamp'; }, 100); });
setInterval(() => { document.getElementById('clock').textContent = String(Date.now()); }, 50);
</script>""",
    # Results as list items: the wanted product among a refurbished one and a multipack; a second visit lists
    # only the variants; a directory with two namesakes in different teams.
    "/results": """<!doctype html><title>Shop</title><p id="cart" role="status"></p><ul>
<li><span>Desk Lamp (Refurbished)</span> <button onclick="add(this)">Add</button></li>
<li><span>Desk Lamp</span> <button onclick="add(this)">Add</button></li>
<li><span>Desk Lamp - 2 Pack</span> <button onclick="add(this)">Add</button></li>
<li><span>Floor Lamp</span> <button onclick="add(this)">Add</button></li></ul>
<script>function add(b) { document.getElementById('cart').textContent = 'Added ' + b.previousElementSibling
  .textContent; }</script>""",
    "/results-variants": """<!doctype html><title>Shop</title><p id="cart" role="status"></p><ul>
<li><span>Desk Lamp (Refurbished)</span> <button onclick="add(this)">Add</button></li>
<li><span>Floor Lamp - 2 Pack</span> <button onclick="add(this)">Add</button></li></ul>
<script>function add(b) { document.getElementById('cart').textContent = 'Added ' + b.previousElementSibling
  .textContent; }</script>""",
    "/people": """<!doctype html><title>People</title><p id="picked" role="status"></p><table>
<tr><td>Ada Berg</td><td>Finance</td><td><button onclick="pick(this)">Pick</button></td></tr>
<tr><td>Ada Berg</td><td>Research</td><td><button onclick="pick(this)">Pick</button></td></tr>
<tr><td>Ivo Lind</td><td>Research</td><td><button onclick="pick(this)">Pick</button></td></tr></table>
<script>function pick(b) { const r = b.closest('tr'); document.getElementById('picked').textContent =
  r.cells[0].textContent + ' / ' + r.cells[1].textContent; }</script>""",
    # A settings form that posts and comes back saying so, with a standing warning about closing the account; and
    # an order whose confirmation page says "Thank you" over a denial in small print that the form never showed.
    "/settings": _SETTINGS.format(note=""),
    "/settings-saved": _SETTINGS.format(note='<p role="status">Your changes have been saved.</p>'),
    "/tickets": """<!doctype html><title>Tickets</title><main><form method="post" action="/go/tickets-answer">
<label>Name <input id="who" name="who"></label><button id="buy">Buy tickets</button></form></main>""",
    "/tickets-answer": """<!doctype html><title>Order</title><main><h1>Thank you for your order!</h1>
<p style="font-size:.7rem">Payment authorisation failed. This order has not been placed.</p></main>""",
    # A policy bought: the page that answers names itself "Policy confirmed" in its title only; its body says "You're
    # all set" and the policy's number. Another answer has the same title over a card declined.
    "/policy": """<!doctype html><title>Your quote</title><main><form method="post" action="/go/policy-done">
<button id="buy">Buy this policy</button></form><form method="post" action="/go/policy-declined">
<button id="buy-declined">Buy with my other card</button></form></main>""",
    "/policy-done": """<!doctype html><title>Policy confirmed - Harbour Mutual</title><main><h1>You're all set</h1>
<p>Policy number HM-22931</p></main>""",
    "/policy-declined": """<!doctype html><title>Policy confirmed - Harbour Mutual</title><main>
<h1>You're all set</h1><p>Your card was declined.</p></main>""",
    # Plans as radios whose names hold a price beside the plan, and whose values are opaque codes.
    "/plans": """<!doctype html><title>Plans</title><form><fieldset><legend>Plan</legend>
<label><input type="radio" name="tier" value="pl_101"> Starter (free)</label>
<label><input type="radio" name="tier" value="pl_266"> Team (€8 per user)</label>
<label><input type="radio" name="tier" value="pl_311"> Team Plus (€12 per user)</label>
<label><input type="radio" name="tier" value="pl_424"> Business (€19 per user)</label></fieldset></form>""",
    # Reasons whose labels put an article between the words a value gives ("Tourism or a holiday").
    "/reasons": """<!doctype html><title>Reasons</title><form><fieldset><legend>Why are you travelling?</legend>
<label><input type="radio" name="why" value="r1"> Tourism or a holiday</label>
<label><input type="radio" name="why" value="r2"> Work or a business trip</label>
<label><input type="radio" name="why" value="r3"> Tourism or a work holiday</label></fieldset></form>""",
    # A contact form that asks for the name in two parts where the recorded one asked for it whole ("Name").
    "/name-in-parts": """<!doctype html><title>Contact</title><form method="post" action="/done">
<div><label for="fn">First name</label><input id="fn" name="firstName"></div>
<div><label for="ln">Last name</label><input id="ln" name="lastName"></div>
<div><label for="em">Email</label><input id="em" name="email"></div><button>Create</button></form>""",
    "/named-next": """<!doctype html><title>Legacy</title><form method="post" action="/done"><table>
<tr><td><input name="voucher"></td></tr><tr><td><input name="po_ref"></td></tr></table></form>""",
}
# The same single-page app after a change that broke it: Send now does nothing at all.
PAGES["/spa-broken"] = PAGES["/spa"].replace("event.preventDefault(); if", "event.preventDefault(); return; if")
_FILES = {"/file.txt": b"hello"}


_JSON_ANSWERS = {
    "/api/said-no": '{"ok": false, "message": "The request queue is closed for maintenance"}',
    "/api/said-yes": '{"ok": true, "id": 45}',
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?", 1)[0]
        if path in _FILES:
            body, kind = _FILES[path], "text/plain"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Disposition", "attachment; filename=file.txt")
        elif path in PAGES:
            body, kind = PAGES[path].encode(), "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
        else:
            body = b"not found"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path in _JSON_ANSWERS:
            # An API that answers 200 whatever happened, and says in its body whether it kept what was sent.
            data = _JSON_ANSWERS[self.path].encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if self.path == "/api/slow-ok":
            time.sleep(0.4)  # long enough for the button's busy state to be the click's first effect
        if self.path.startswith("/api/"):
            # An API call: /api/ok is accepted, /api/refuse answered like an expired session.
            self.send_response(200 if self.path in ("/api/ok", "/api/slow-ok") else 419)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(303)
        # A form posting to /go/<page> comes back to that page; any other lands on /landing.
        self.send_header("Location", self.path[3:] if self.path.startswith("/go/") else "/landing")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serving() -> Iterator[str]:
    """The pages on a free loopback port; yields the base URL and stops the server after."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
