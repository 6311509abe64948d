"""Target: an element addressed by several ranked locators, resolved to exactly one visible match."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.async_api import Frame, Locator
from playwright.async_api import Page as PlaywrightPage

from executor_service.browser.list_parts import renumbered
from executor_service.browser.whole_words import whole_words
from services.gen.rote.v1 import trace_pb2

_CSS_IDENT_UNSAFE = re.compile(r"([^a-zA-Z0-9_-])")
# What a ``row`` scope looks in: the item an element sits in (a table row, a list item, a result card). The
# recorder reads the same item, so an input found in it scopes the element on replay.
ROWS = "tr, [role=row], li, [role=listitem], article, [role=article]"


# A radio or checkbox with no label of its own is named by the text right after it ("<input type=radio> Small";
# the snapshot reads it so): its first following sibling with text, normalised. A box with a label of its own
# (around it, pointing at it, an aria name) is named by that label, never by this; so is a box followed by a
# label pointing elsewhere.
_BOX_CAPTION = "normalize-space(string(following-sibling::node()[normalize-space(.) != ''][1]))"
_UNLABELLED = (
    "not(ancestor::label) and not(@aria-label) and not(@aria-labelledby) and not(@id and @id = //label/@for)"
    " and not(following-sibling::node()[normalize-space(.) != ''][1][self::label][@for])"
)
# A <label> tied to nothing right after a box ("<input type=radio><label>Daily</label>") names it as the snapshot
# reads it, by its whole text only: "Email" never finds the box of "Email digest" written so.
_NO_LABEL_AFTER = "not(following-sibling::node()[normalize-space(.) != ''][1][self::label])"


def xpath_literal(text: str) -> str:
    """``text`` as an XPath 1.0 string literal (which has no escapes: a text with both quotes is a concat())."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


def box_captioned(
    scope: PlaywrightPage | Frame | Locator, text: str, *, role: str | None = None, whole_words: bool = False
) -> Locator:
    """Radios and checkboxes (only ``role``'s kind when given) without a label of their own whose caption after
    them is ``text`` (or holds it as whole words)."""
    wanted = " ".join(text.split())
    test = (
        f"contains(concat(' ', {_BOX_CAPTION}, ' '), {xpath_literal(f' {wanted} ')})" if whole_words
        else f"{_BOX_CAPTION} = {xpath_literal(wanted)}"
    )
    kind = f"@type='{role}'" if role in ("radio", "checkbox") else "@type='radio' or @type='checkbox'"
    unlabelled = f"{_UNLABELLED} and {_NO_LABEL_AFTER}" if whole_words else _UNLABELLED
    return scope.locator(f"xpath=.//input[{kind}][{unlabelled}][{test}]")


def css_escape_id(value: str) -> str:
    """Escape an id for use after '#' in a CSS selector."""
    escaped = _CSS_IDENT_UNSAFE.sub(r"\\\1", value)
    return f"\\3{escaped[0]} {escaped[1:]}" if escaped[:1].isdigit() else escaped


@dataclass(frozen=True)
class Target:
    """Locators for one element; the runtime tries them in a fixed rank order."""

    test_id: str | None = None
    role: str | None = None
    name: str | None = None
    label: str | None = None
    placeholder: str | None = None
    text: str | None = None
    id: str | None = None
    css: str | None = None
    xpath: str | None = None
    # Issue 15: only inside the row or item (see ROWS) whose text holds this, or each of these (the row the inputs
    # chose); with ``row_exact``, the row must show each as the whole text of one of its elements ("Lamp", not
    # "Lamp (Refurbished)").
    row: str | tuple[str, ...] | list[str] | None = None
    row_exact: bool = False
    # A field with no label of its own: the caption beside it (row header, text before it). Not a locator of its
    # own: it confirms a positional match, and finds the field when the position holds another one.
    caption: str | None = None
    # The input value (or values) that chose this element: a radio, an option, a slot named by what the user asked
    # for. Each must show as whole words in the element's name, whatever else the name holds ("Business (€19 per
    # user)" for "Business"), and an element found by id, css or xpath must bear them too: those name the element
    # the recording chose, which on a run with another value is the wrong one.
    choice: str | tuple[str, ...] | list[str] | None = None

    def candidates(self, page: PlaywrightPage | Frame) -> list[tuple[str, Locator]]:
        """Playwright locators in rank order, each named by its strategy (inside ``row`` when one is given); ``page``
        may be one frame of a page (a form inside an iframe)."""
        scope: PlaywrightPage | Frame | Locator = page
        if self.row:
            rows = page.locator(ROWS)
            for text in self.row_texts():
                rows = rows.filter(has=page.get_by_text(text, exact=True)) if self.row_exact else rows.filter(
                    has_text=text
                )
            scope = rows
        found: list[tuple[str, Locator]] = []
        chosen = self._chosen(scope)
        if self.test_id:
            found.append(("test_id", self._bearing_choice(scope.get_by_test_id(self.test_id), chosen)))
        if self.role:
            found.append(("role", scope.get_by_role(self.role, name=self.name, exact=True)))  # type: ignore[arg-type]
        if chosen is not None and self.role:
            found.append(("choice", chosen))
        if self.label:
            label = scope.get_by_label(self.label, exact=True)
            if self.role in (None, "radio", "checkbox"):
                label = label.or_(box_captioned(scope, self.label, role=self.role))  # named by the text after it
            found.append(("label", label))
        if self.placeholder:
            found.append(("placeholder", scope.get_by_placeholder(self.placeholder, exact=True)))
        if self.text:
            found.append(("text", scope.get_by_text(self.text, exact=True)))
        if self.id:
            found.append(("id", self._bearing_choice(scope.locator(f"#{css_escape_id(self.id)}"), chosen)))
        if self.css:
            found.append(("css", self._bearing_choice(scope.locator(self.css), chosen)))
        if self.xpath:
            found.append(("xpath", self._bearing_choice(scope.locator(f"xpath={self.xpath}"), chosen)))
        return found

    def choice_texts(self) -> list[str]:
        """The input values that chose the element (``choice`` is one text or several; empty ones dropped)."""
        if not self.choice:
            return []
        texts = [self.choice] if isinstance(self.choice, str) else [str(text) for text in self.choice]
        return [" ".join(text.split()) for text in texts if text.strip()]

    def _chosen(self, scope: PlaywrightPage | Frame | Locator) -> Locator | None:
        """Elements of the target's role (or any element, by its text) whose name holds every choice value."""
        patterns = [whole_words(text) for text in self.choice_texts()]
        if not patterns:
            return None
        located: Locator | None = None
        for text, pattern in zip(self.choice_texts(), patterns, strict=True):
            one = scope.get_by_role(self.role, name=pattern) if self.role else scope.get_by_text(pattern)  # type: ignore[arg-type]
            if self.role in ("radio", "checkbox"):
                one = one.or_(box_captioned(scope, text, role=self.role, whole_words=True))  # a caption after it
            located = one if located is None else located.and_(one)
        return located

    @staticmethod
    def _bearing_choice(locator: Locator, chosen: Locator | None) -> Locator:
        return locator if chosen is None else locator.and_(chosen)

    def row_texts(self) -> list[str]:
        """The texts the row must hold (``row`` is one text or several)."""
        if not self.row:
            return []
        return [self.row] if isinstance(self.row, str) else [str(text) for text in self.row]

    def renumbered(self, old: int, new: int) -> Target | None:
        """The field numbered ``new`` beside this one numbered ``old`` ("Age of traveler 3" after "... 2"): its
        names with their one number changed (``list_parts.renumbered``); ids, css and xpath are dropped, since their
        numbers (if any) need not count the same way. None when no name of this target holds that number."""
        names = {key: renumbered(text, old, new) if text else None
                 for key, text in (("name", self.name), ("label", self.label), ("placeholder", self.placeholder),
                                   ("caption", self.caption))}
        if not (names["name"] or names["label"] or names["placeholder"]):
            return None  # a caption alone locates nothing
        return Target(role=self.role if names["name"] else None, name=names["name"], label=names["label"],
                      placeholder=names["placeholder"], caption=names["caption"], row=self.row,
                      row_exact=self.row_exact)

    def describe(self) -> str:
        """A short human description for reports and error messages."""
        parts = [f"{key}={value!r}" for key, value in self.__dict__.items() if value]
        return "Target(" + ", ".join(parts) + ")"

    def fingerprint(self) -> trace_pb2.ElementFingerprint:
        """What the target knew about its element, for healing and for the run trace."""
        kinds = trace_pb2.LocatorKind
        fp = trace_pb2.ElementFingerprint(
            role=self.role or "",
            accessible_name=self.name or "",
            label=self.label or "",
            text=self.text or "",
        )
        if self.placeholder:
            fp.attributes["placeholder"] = self.placeholder
        if self.id:
            fp.attributes["id"] = self.id
        if self.row:
            fp.attributes["row"] = " ".join(self.row_texts())  # healing words: the row this run's inputs chose
        if self.caption:
            fp.caption = self.caption
        if self.choice_texts():
            fp.attributes["choice"] = "\n".join(self.choice_texts())  # healing words: the value this run asks for
        pairs = [
            (kinds.LOCATOR_KIND_TEST_ID, self.test_id, ""),
            (kinds.LOCATOR_KIND_ROLE, self.role, self.name or ""),
            (kinds.LOCATOR_KIND_LABEL, self.label, ""),
            (kinds.LOCATOR_KIND_PLACEHOLDER, self.placeholder, ""),
            (kinds.LOCATOR_KIND_TEXT, self.text, ""),
            (kinds.LOCATOR_KIND_ID, self.id, ""),
            (kinds.LOCATOR_KIND_CSS, self.css, ""),
            (kinds.LOCATOR_KIND_XPATH, self.xpath, ""),
        ]
        for kind, value, name in pairs:
            if value:
                fp.locators.add(kind=kind, value=value, name=name)
        return fp
