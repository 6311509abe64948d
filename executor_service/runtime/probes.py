"""Checks that ride along in the look that finds a target: the count, the hit test and a click's watch in one
page evaluation instead of three round trips to the browser."""

from __future__ import annotations

import functools

from executor_service.browser.click_watch import ARM_JS
from executor_service.browser.element_eval import on_the_one
from executor_service.browser.own_label import LABEL_AWAY, LABEL_SHOWN_JS, OUT_OF_REACH_JS, OWN_LABEL
from executor_service.browser.value_checks import READ_CHOICE_JS

# What sits on top of an element's centre, when it is not the element or a part of it ('' when nothing; OWN_LABEL
# when it is the content of the element's own label, which a click there sets; LABEL_AWAY for a box no click reaches
# whose own label is shown, which a click on that label sets).
# Asked of the element's own tree: in a shadow tree the document answers with the host, which does not contain
# the element as far as contains() goes, so every shadow control read as covered by its host and paid for a trial
# click (about 90 ms an action). Its shadow root answers within the tree, and with a cover from outside as itself.
COVER_JS = """
(el) => {
  el.scrollIntoView({block: 'center', inline: 'center'});
  if (__OUT_OF_REACH__) return __LABEL_SHOWN__ ? '__LABEL_AWAY__' : '';
  const r = el.getBoundingClientRect();
  const root = el.getRootNode();
  const top = (root.elementFromPoint ? root : document).elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (!top || top === el || el.contains(top) || top.contains(el)) return '';
  if (el.labels && Array.from(el.labels).some((l) => l === top || l.contains(top))) {
    return top.closest('a[href],button,select,textarea') ? '' : '__OWN_LABEL__';  // a link in it is no place to click
  }
  const box = top.closest('dialog,[role=dialog],[role=alertdialog],[aria-modal=true]') || top;
  const name = (box.getAttribute('aria-label') || box.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
  return `${box.tagName.toLowerCase()}${box.id ? '#' + box.id : ''}${name ? ' (' + JSON.stringify(name) + ')' : ''}`;
}
""".replace("__OWN_LABEL__", OWN_LABEL).replace("__LABEL_AWAY__", LABEL_AWAY).replace(
    "__OUT_OF_REACH__", OUT_OF_REACH_JS).replace("__LABEL_SHOWN__", LABEL_SHOWN_JS)
# Before a click: the hit test and, when nothing covers the target, the click watch armed on it:
# {cover: what covers it} or the watch's own answer ({context: ...}).
CLICK_JS = (
    f"(el) => {{ const cover = ({COVER_JS})(el); "
    f"return cover && cover !== '{OWN_LABEL}' && cover !== '{LABEL_AWAY}' ? {{cover}} : ({ARM_JS})(el); }}"
)

# Before ticking or unticking a box: the hit test and the box's state ({cover, state}): a box already as asked,
# with nothing over it, needs no press and no read-back. ``state`` is READ_CHOICE_JS's answer, null for an
# element Playwright's set_checked would not take as a box as it stands (not a checkbox or radio input, nor a role
# with aria-checked true or false; an indeterminate box, which a press settles).
BOX_JS = f"""
(el) => {{
  const input = el.tagName === 'INPUT' && /^(checkbox|radio)$/i.test(el.type);
  const aria = ['checkbox', 'radio', 'switch', 'menuitemcheckbox', 'menuitemradio'].includes(el.getAttribute('role'))
    && ['true', 'false'].includes(el.getAttribute('aria-checked'));
  const box = input ? !el.indeterminate : aria;
  return {{cover: ({COVER_JS})(el), state: box ? ({READ_CHOICE_JS})(el) : null}};
}}
"""


@functools.cache
def counting(probe: str) -> str:
    """A function over a locator's matches: [how many, what ``probe`` says of the only one]; the second is null
    when there is not exactly one match or the probe threw (the caller then asks again, the long way)."""
    return on_the_one(f"(el) => {{ try {{ return ({probe})(el); }} catch (e) {{ return null; }} }}")
