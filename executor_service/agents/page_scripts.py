"""Scripts the heuristic agent runs in the page: what covers a target, which dialog to close, waiting for change."""

from __future__ import annotations

# The words of a control that closes a layer without deciding anything for the user.
_CLOSE_WORDS = (
    "'^(dismiss|close|no,? thanks|not now|ok|okay|got it|accept( all)?( cookies)?|allow( all)?|agree|i agree|"
    "skip|later|maybe later|continue|reject( all)?|decline|×|✕|x)$'"
)

# A dialog (a promotion, a cookie notice) that sits over the page and asks for nothing: the control that closes it.
DISMISS_JS = f"""
() => {{
  const visible = (el) => {{
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.display !== 'none';
  }};
  const words = new RegExp({_CLOSE_WORDS}, 'i');
  const named = (c) => (c.getAttribute('aria-label') || c.innerText || c.value || c.title || '').trim();
  const dialogs = document.querySelectorAll('[role=dialog],[role=alertdialog],dialog[open],[aria-modal=true]');
  for (const dialog of Array.from(dialogs).filter(visible)) {{
    if (dialog.querySelector('input:not([type=hidden]):not([type=checkbox]),select,textarea')) continue;
    const controls = dialog.querySelectorAll('button,[role=button],a[href],input[type=button],input[type=submit]');
    for (const c of Array.from(controls).filter(visible)) {{
      if (words.test(named(c)) && !/continue/i.test(named(c))) return c;
    }}
  }}
  return null;
}}
"""

# The element topmost at the target's centre when it is not the target (nor inside it), or null; then the control
# that dismisses the layer it belongs to (a close/accept/no-thanks button), or null when there is none.
COVER_JS = f"""
(el) => {{
  const words = new RegExp({_CLOSE_WORDS}, 'i');
  const named = (c) => (c.getAttribute('aria-label') || c.innerText || c.value || c.title || '').trim();
  // A modal dialog makes the rest of the page inert: what is outside it cannot be typed into or clicked.
  const modal = el.ownerDocument.querySelector(':modal');
  if (modal && !modal.contains(el)) {{
    const controls = Array.from(modal.querySelectorAll('button,[role=button],a[href],input[type=button]'));
    return controls.find((c) => words.test(named(c)) && !/continue/i.test(named(c))) || null;
  }}
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return null;
  // Asked of the element's own tree: in a shadow tree the document answers with the host (see probes.COVER_JS).
  const root = el.getRootNode();
  const top = (root.elementFromPoint ? root : el.ownerDocument).elementFromPoint(x, y);
  if (!top || top === el || el.contains(top) || top.contains(el)) return null;
  if (el.labels && Array.from(el.labels).some((l) => l === top || l.contains(top))) return null;
  const body = el.ownerDocument.body;
  let layer = top;
  while (layer.parentElement && layer.parentElement !== body) layer = layer.parentElement;
  // "Continue" leaves a dialog that covers the page; on a sticky bar or in the page it is the form's way on.
  const closes = (c) => words.test(named(c)) &&
    (!/continue/i.test(named(c)) || !!c.closest('[role=dialog],[role=alertdialog],dialog,[aria-modal=true]'));
  const controls = layer.querySelectorAll('button,[role=button],a[href],input[type=button],input[type=submit]');
  for (const c of controls) {{
    if (closes(c)) return c;
  }}
  // A backdrop covers the page while the dialog beside it holds the button: look in every visible layer.
  const isLayer = (n) => n.matches('[role=dialog],[role=alertdialog],dialog[open],[aria-modal=true]') ||
    ['fixed', 'sticky'].includes(getComputedStyle(n).position);
  const layers = Array.from(body.querySelectorAll('*')).filter(isLayer);
  for (const l of layers) {{
    for (const c of l.querySelectorAll('button,[role=button],a[href],input[type=button],input[type=submit]')) {{
      const box = c.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && closes(c)) return c;
    }}
  }}
  return null;
}}
"""

# The button that comes next after a field whose wrapper holds nothing else, before any other field (GOV.UK's
# postcode group, then "Find address" below it): up to three siblings on, skipping hints and messages.
NEXT_BUTTON_JS = """
(field) => {
  const FIELDS = 'input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=image]), select, textarea';
  const BUTTONS = 'button, input[type=button], input[type=submit], [role=button]';
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility === 'visible';
  };
  let node = field;
  while (node.parentElement && !node.parentElement.matches('form, fieldset, body, [role=form], [role=dialog], dialog')
         && node.parentElement.querySelectorAll(FIELDS).length === 1) node = node.parentElement;
  let next = node.nextElementSibling;
  for (let step = 0; next && step < 3; step++, next = next.nextElementSibling) {
    if (next.matches(FIELDS) || next.querySelector(FIELDS)) return null;
    if (next.matches(BUTTONS)) return visible(next) ? next : null;
    const buttons = Array.from(next.querySelectorAll(BUTTONS)).filter(visible);
    if (buttons.length === 1) return buttons[0];
    if (buttons.length > 1) return null;
  }
  return null;
}
"""

# The one button that goes with a field and no other (a promo code's "Apply", a postcode's "Find address"): in the
# field's own small box (two levels up at most, never the whole form). Its name must say it applies the value.
COMPANION_JS = """
(field) => {
  const FIELDS = 'input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=image]), select, textarea';
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility === 'visible';
  };
  let box = field.parentElement;
  for (let depth = 0; box && depth < 2; depth++, box = box.parentElement) {
    if (box.matches('form, fieldset, body, [role=form], [role=dialog], dialog')) return null;
    if (box.querySelectorAll(FIELDS).length > 1) return null;
    const buttons = Array.from(box.querySelectorAll('button, input[type=button], [role=button]')).filter(visible);
    if (buttons.length > 1) return null;
    if (buttons.length === 1) return buttons[0];  // a submit too: a server-side "Find address" posts the lookup
  }
  return null;
}
"""
