"""The demo site's invoices (a list to loop over, files to download) and a three-step application wizard."""

from __future__ import annotations

import html
from dataclasses import dataclass

from examples.demo_site.quote_math import format_money


@dataclass(frozen=True)
class Invoice:
    """One invoice of the signed-in customer."""

    number: str
    customer: str
    amount_cents: int

    def pdf(self) -> bytes:
        """A stand-in PDF whose bytes name the invoice, so a test can check which file was stored."""
        return f"%PDF-1.4\n% Rote demo invoice {self.number} for {self.customer}: {self.amount}\n%%EOF\n".encode()

    @property
    def amount(self) -> str:
        return format_money(self.amount_cents)


INVOICES = {
    inv.number: inv
    for inv in (
        Invoice("INV-1001", "Ada Lovelace", 12_950),
        Invoice("INV-1002", "Grace Hopper", 8_420),
        Invoice("INV-1003", "Alan Turing", 23_075),
    )
}


def invoices_page() -> str:
    rows = "\n".join(
        f'    <tr><td><a href="/invoices/{i.number}">{i.number}</a></td><td>{html.escape(i.customer)}</td>'
        f"<td>{i.amount}</td></tr>"
        for i in INVOICES.values()
    )
    return (
        f'<h1>Invoices</h1>\n<p id="invoice-count">{len(INVOICES)} invoices</p>\n'
        '<table id="invoices" aria-label="Invoices">\n  <thead><tr><th>Number</th><th>Customer</th><th>Amount</th>'
        f"</tr></thead>\n  <tbody>\n{rows}\n  </tbody>\n</table>"
    )


def invoice_page(invoice: Invoice) -> str:
    return (
        f"<h1>Invoice {invoice.number}</h1>\n<dl>\n"
        f'  <dt id="amount-label">Amount due</dt><dd id="amount" aria-labelledby="amount-label">{invoice.amount}</dd>\n'
        f'  <dt id="billed-label">Billed to</dt><dd id="billed" aria-labelledby="billed-label">'
        f"{html.escape(invoice.customer)}</dd>\n</dl>\n"
        f'<p><a id="download-pdf" href="/invoices/{invoice.number}/pdf">Download PDF</a></p>\n'
        '<p><a href="/invoices">Back to invoices</a></p>'
    )


# --- the wizard ---------------------------------------------------------------------------------

WIZARD_STEPS = {
    1: (
        "Company details",
        '<div><label for="company">Company name</label><input id="company" name="company" type="text" required>'
        "</div>\n"
        '<div><label for="size">Company size</label><select id="size" name="size">'
        '<option value="">Choose</option><option value="small">1-10</option><option value="medium">11-200</option>'
        '<option value="large">200+</option></select></div>',
    ),
    2: (
        "How should we reach you?",
        '<fieldset><legend>Contact preference</legend>'
        '<label><input type="radio" name="contact_preference" value="email"> Email</label>'
        '<label><input type="radio" name="contact_preference" value="phone"> Phone</label></fieldset>\n'
        '<div><label for="preferred_date">Preferred date</label>'
        '<input id="preferred_date" name="preferred_date" type="date" required></div>',
    ),
    3: (
        "Anything else?",
        '<div><label for="comments">Comments</label><textarea id="comments" name="comments"></textarea></div>\n'
        '<div><label><input id="terms" name="terms" type="checkbox" value="yes"> I accept the terms</label></div>',
    ),
}
WIZARD_FIELDS = {1: ("company", "size"), 2: ("contact_preference", "preferred_date"), 3: ("comments", "terms")}


def wizard_page(step: int, error: str = "") -> str:
    title, fields = WIZARD_STEPS[step]
    button = "Submit application" if step == len(WIZARD_STEPS) else "Next"
    problem = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    return (
        f"<h1>Apply for a business account</h1>\n<h2>Step {step} of {len(WIZARD_STEPS)}: {title}</h2>\n{problem}"
        f'<form method="post" action="/wizard/{step}">\n{fields}\n<button type="submit">{button}</button>\n</form>'
    )


def wizard_done_page(reference: str) -> str:
    return (
        '<h1>Application received</h1>\n<dl><dt id="application-ref-label">Application reference</dt>'
        f'<dd id="application-ref" aria-labelledby="application-ref-label">{html.escape(reference)}</dd></dl>'
    )
