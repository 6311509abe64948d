"""Renders the demo site's pages from the HTML templates for one page variant."""

from __future__ import annotations

import functools
import html
import pathlib
from string import Template

from examples.demo_site.quote_math import PLAN_BASE_CENTS, format_money, quote_rows
from examples.demo_site.variants import Variant

TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates"

# Quote form fields, one snippet per kind; a variant only changes ids, classes, labels and order.
_FIELD = {
    "full_name": '<input id="$id" name="full_name" type="text" autocomplete="off" required>',
    "email": '<input id="$id" name="email" type="email" placeholder="name@example.com" required>',
    "start_date": '<input id="$id" name="start_date" type="date" required>',
    "notes": '<textarea id="$id" name="notes" rows="3" placeholder="Anything we should know?"></textarea>',
}
_ROW = Template('  <div class="$row_class">\n    <label for="$id">$label</label>\n    $control\n  </div>')
_CHECKBOX = Template(
    '  <div class="$row_class">\n    <label class="$check_class"><input id="$id" name="roadside" type="checkbox" '
    'value="yes"> $label</label>\n  </div>'
)


@functools.cache
def template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text())


def stylesheet() -> bytes:
    return (TEMPLATES / "style.css").read_bytes()


def _layout(variant: Variant, title: str, content: str, *, signed_in: bool) -> str:
    nav = '<nav><a href="/logout">Sign out</a></nav>' if signed_in else ""
    return template("layout.html").substitute(
        title=html.escape(title),
        body_class=variant.cls("page"),
        header_class=variant.cls("header"),
        main_class=variant.cls("main"),
        nav=nav,
        content=content,
    )


def _error(message: str) -> str:
    return f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""


def login_page(variant: Variant, *, error: str = "") -> str:
    content = template("login.html").substitute(
        error=_error(error),
        form_id=variant.id("login_form"),
        form_class=variant.cls("form"),
        row_class=variant.cls("row"),
        button_class=variant.cls("button"),
        username_id=variant.id("username"),
        username_label=variant.label("username"),
        password_id=variant.id("password"),
        password_label=variant.label("password"),
        sign_in_id=variant.id("sign_in"),
        sign_in_label=variant.label("sign_in"),
    )
    return _layout(variant, "Sign in", content, signed_in=False)


def _plan_select(element_id: str) -> str:
    options = ['<option value="">Choose a plan</option>']
    options += [f'<option value="{name.lower()}">{name}</option>' for name in PLAN_BASE_CENTS]
    return f'<select id="{element_id}" name="plan" required>' + "".join(options) + "</select>"


def _quote_field(variant: Variant, key: str) -> str:
    element_id = variant.id(key)
    if key == "roadside":
        return _CHECKBOX.substitute(
            row_class=variant.cls("row"), check_class=variant.cls("check"), id=element_id, label=variant.label(key)
        )
    control = _plan_select(element_id) if key == "plan" else Template(_FIELD[key]).substitute(id=element_id)
    return _ROW.substitute(row_class=variant.cls("row"), id=element_id, label=variant.label(key), control=control)


_MODAL = """
<div class="modal-backdrop" id="promo"$hidden>
  <div class="modal" role="dialog" aria-modal="true" aria-labelledby="promo-title">
    <p id="promo-title"><strong>Save 10% with a yearly plan</strong></p>
    <p>Ask about it after your quote.</p>
    <button type="button" id="promo-dismiss" onclick="document.getElementById('promo').remove()">Dismiss</button>
  </div>
</div>"""
_SHOW_ON_INPUT = """
<script>
  document.getElementById("$field_id").addEventListener("input", function () {
    var promo = document.getElementById("promo");
    if (promo) { promo.hidden = false; }
  }, {once: true});
</script>"""
_REVEAL = """
<script>
  (function () {
    var form = document.getElementById("$form_id");
    form.hidden = true;
    setTimeout(function () { form.hidden = false; }, $delay);
  })();
</script>"""


def quote_page(variant: Variant, *, error: str = "") -> str:
    content = template("quote.html").substitute(
        error=_error(error),
        form_id=variant.id("quote_form"),
        form_class=variant.cls("form"),
        fields="\n".join(_quote_field(variant, key) for key in variant.field_order),
        get_quote_id=variant.id("get_quote"),
        get_quote_label=variant.label("get_quote"),
        button_class=variant.cls("button"),
    )
    if variant.reveal_after_ms:
        content += Template(_REVEAL).substitute(form_id=variant.id("quote_form"), delay=variant.reveal_after_ms)
    if variant.modal:
        content += Template(_MODAL).substitute(hidden=" hidden" if variant.modal == "after_email" else "")
    if variant.modal == "after_email":
        content += Template(_SHOW_ON_INPUT).substitute(field_id=variant.id("email"))
    return _layout(variant, "Request a quote", content, signed_in=True)


def result_page(variant: Variant, *, reference: str, submission: dict[str, str]) -> str:
    rows = quote_rows(
        full_name=submission["full_name"], plan=submission["plan"], roadside=submission.get("roadside") == "yes"
    )
    cells = "\n".join(
        f"    <tr><td>{html.escape(r.plan)}</td><td>{format_money(r.monthly_cents)}</td><td>${r.deductible:,}</td></tr>"
        for r in rows
    )
    content = template("result.html").substitute(
        heading=html.escape(variant.result_heading),
        summary_class=variant.cls("summary"),
        quote_ref_id=variant.id("quote_ref"),
        quote_ref_label=variant.label("quote_ref"),
        reference=html.escape(reference),
        customer_id=variant.id("customer"),
        customer_label=variant.label("customer"),
        customer=html.escape(submission["full_name"]),
        start_date=html.escape(submission["start_date"]),
        table_id=variant.id("options_table"),
        table_class=variant.cls("table"),
        rows=cells,
    )
    return _layout(variant, "Your quote", content, signed_in=True)


def page(variant: Variant, title: str, content: str) -> str:
    """Any signed-in page in the site's layout."""
    return _layout(variant, title, content, signed_in=True)


def not_found_page(variant: Variant) -> str:
    return _layout(variant, "Not found", "<h1>Page not found</h1>", signed_in=False)
