"""Locator ranking and filtering, and label -> identifier naming."""

from __future__ import annotations

import pytest

from codegen_service.locators import looks_generated, rank_locators
from codegen_service.naming import assign_function_names, identifier_for
from services.gen.rote.v1 import trace_pb2
from tests.codegen.conftest import LK, element, locator


@pytest.mark.parametrize(
    "value",
    ["input-8f3a9c21e0", "ember1234", ":r1:", "css-1x2y3z", "a1b2c3d4", "field_20240101", "col123x",
     "3f2b1c6e-5d4a-4e2b-9c1d-0a1b2c3d4e5f", "react-select-2-input"],
)
def test_generated_looking_values_are_detected(value: str) -> None:
    assert looks_generated(value)


@pytest.mark.parametrize("value", ["email", "full_name", "quote-options", "address2", "step-1", "btn__primary", "h1"])
def test_stable_values_are_kept(value: str) -> None:
    assert not looks_generated(value)


def test_locators_come_out_in_rank_order_one_per_kind_at_most_three() -> None:
    fp = element(
        locator(LK.LOCATOR_KIND_XPATH, "//form/input[1]"),
        locator(LK.LOCATOR_KIND_CSS, "form > input.email"),
        locator(LK.LOCATOR_KIND_LABEL, "E-mail address"),
        locator(LK.LOCATOR_KIND_LABEL, "E-mail"),
        locator(LK.LOCATOR_KIND_TEST_ID, "email-field"),
        locator(LK.LOCATOR_KIND_ROLE, "textbox", "Email"),
    )
    # Two semantic locators, then one structural fallback.
    assert rank_locators(fp).arguments == (
        ("test_id", "email-field"), ("role", "textbox"), ("name", "Email"), ("css", "form > input.email"),
    )


def test_selectors_that_only_repeat_the_id_and_labels_equal_to_the_name_are_dropped() -> None:
    fp = element(
        locator(LK.LOCATOR_KIND_ROLE, "textbox", "Email"),
        locator(LK.LOCATOR_KIND_LABEL, "Email"),
        locator(LK.LOCATOR_KIND_PLACEHOLDER, "name@example.com"),
        locator(LK.LOCATOR_KIND_ID, "email"),
        locator(LK.LOCATOR_KIND_CSS, "#email"),
        locator(LK.LOCATOR_KIND_XPATH, '//*[@id="email"]'),
    )
    assert rank_locators(fp).arguments == (
        ("role", "textbox"), ("name", "Email"), ("placeholder", "name@example.com"), ("id", "email"),
    )


def test_a_button_keeps_role_and_id_but_not_its_text_again() -> None:
    fp = element(
        locator(LK.LOCATOR_KIND_ROLE, "button", "Sign in"),
        locator(LK.LOCATOR_KIND_TEXT, "Sign in"),
        locator(LK.LOCATOR_KIND_ID, "sign-in"),
        locator(LK.LOCATOR_KIND_CSS, "#sign-in"),
        locator(LK.LOCATOR_KIND_XPATH, '//*[@id="sign-in"]'),
    )
    assert rank_locators(fp).arguments == (("role", "button"), ("name", "Sign in"), ("id", "sign-in"))


def test_without_an_id_the_first_id_selector_stands_for_it() -> None:
    fp = element(
        locator(LK.LOCATOR_KIND_LABEL, "Plan"),
        locator(LK.LOCATOR_KIND_CSS, "#plan"),
        locator(LK.LOCATOR_KIND_XPATH, "//*[@id='plan']"),
    )
    assert rank_locators(fp).arguments == (("label", "Plan"), ("css", "#plan"))


def test_structural_locators_fill_the_places_semantic_ones_leave() -> None:
    fp = element(
        locator(LK.LOCATOR_KIND_ID, "notes"),
        locator(LK.LOCATOR_KIND_CSS, "form textarea"),
        locator(LK.LOCATOR_KIND_XPATH, "/html/body/form/textarea"),
        locator(LK.LOCATOR_KIND_CSS, "#other"),
    )
    assert rank_locators(fp).arguments == (
        ("id", "notes"), ("css", "form textarea"), ("xpath", "/html/body/form/textarea"),
    )


def test_generated_ids_and_classes_are_dropped() -> None:
    fp = element(
        locator(LK.LOCATOR_KIND_ID, "ember4821"),
        locator(LK.LOCATOR_KIND_CSS, "div.sc-bdVaJa > input"),
        locator(LK.LOCATOR_KIND_CSS, "form .a1b2c3d4"),
        locator(LK.LOCATOR_KIND_XPATH, "//*[@id='input-99812']"),
        locator(LK.LOCATOR_KIND_TEXT, "x" * 120),
    )
    assert not rank_locators(fp)


def test_fingerprint_fields_fill_in_missing_kinds() -> None:
    fp = trace_pb2.ElementFingerprint(label="Plan", role="combobox", accessible_name="Plan", attributes={"id": "plan"})
    assert rank_locators(fp).arguments == (("role", "combobox"), ("name", "Plan"), ("id", "plan"))


@pytest.mark.parametrize(
    ("label", "identifier"),
    [("Fill quote!", "fill_quote"), ("2nd step", "block_2nd_step"), ("__init__", "init"), ("page", "block_page"),
     ("type", "block_type"), ("Café crème", "cafe_creme"), ("", "block"), ("!!!", "block"), ("class", "block_class")],
)
def test_labels_become_safe_identifiers(label: str, identifier: str) -> None:
    assert identifier_for(label) == identifier


def test_colliding_labels_get_numbered_names_and_fixed_names_are_kept() -> None:
    names = assign_function_names(["Fill quote", "fill-quote", "other"], taken={"other": "fill_quote"})
    assert names == {"other": "fill_quote", "Fill quote": "fill_quote_2", "fill-quote": "fill_quote_3"}
