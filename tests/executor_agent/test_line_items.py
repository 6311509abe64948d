"""A value listing records line by line: how it is split, what its parts are called, which field of a row takes
each part; and that a secret list is recorded by its key alone."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.agents.acting import Actor
from executor_service.agents.base import RenderedValue
from executor_service.agents.line_items import RowField, assign_parts, enter_line_items, part_names
from executor_service.recording import ActionRecorder
from executor_service.runtime.line_items import parse_lines
from services.gen.rote.v1 import trace_pb2


def test_a_list_of_lines_splits_into_parts_and_anything_else_is_no_list() -> None:
    assert parse_lines("2026-09-01 | Taxi | 23.50\n\n2026-09-02 |Train|  9.00 \n") == [
        ["2026-09-01", "Taxi", "23.50"], ["2026-09-02", "Train", "9.00"]]
    assert parse_lines("2026-09-01\tTaxi\t23.50") == [["2026-09-01", "Taxi", "23.50"]]  # pasted from a sheet
    assert parse_lines("Client workshop in Leeds") is None
    assert parse_lines("a | b\nc") is None  # a line without parts
    assert parse_lines("a | b\nc | d | e") is None  # lines of different lengths
    assert parse_lines("") is None


def test_the_parts_are_named_by_the_values_description() -> None:
    said = "One expense per line: date (YYYY-MM-DD) | category | description | amount in pounds"
    assert part_names(said, 4) == ["date", "category", "description", "amount in pounds"]
    assert part_names(said, 3) == ["", "", ""]  # it describes lines of another length
    assert part_names("", 2) == ["", ""]


def _field(tag: str = "input", kind: str = "", caption: str = "", options: tuple[str, ...] = (),
           inputmode: str = "") -> RowField:
    return RowField(tag, kind, inputmode, options, caption)


def test_each_part_goes_into_the_field_that_takes_it_whatever_the_columns_order() -> None:
    row = [_field(kind="date", caption="When"), _field(caption="What it was"),
           _field("select", caption="Type", options=("Taxi", "Train")), _field(inputmode="decimal", caption="Cost")]
    first = ["2026-09-01", "Taxi", "Station to office", "23.50"]
    assigned = assign_parts(["", "", "", ""], first, row)
    assert assigned is not None and assigned[0] == [0, 2, 1, 3]
    # Two text boxes alike: the parts' names decide against the order of the row.
    row = [_field(caption="Surname"), _field(caption="Given name"), _field(kind="number", caption="Age")]
    assigned = assign_parts(["given name", "surname", "age"], ["Ada", "Lovelace", "36"], row)
    assert assigned is not None and assigned[0] == [1, 0, 2]
    # Without names, the order of the parts is the order of the row.
    assigned = assign_parts(["", "", ""], ["Ada", "Lovelace", "36"], row)
    assert assigned is not None and assigned[0] == [0, 1, 2]


def test_a_row_that_cannot_take_every_part_takes_none() -> None:
    row = [_field(kind="date", caption="When"), _field("select", caption="Type", options=("Taxi", "Train"))]
    assert assign_parts(["", ""], ["2026-09-01", "Ferry"], row) is None  # no such option
    assert assign_parts(["", "", ""], ["2026-09-01", "Taxi", "x"], row) is None  # more parts than fields
    assert assign_parts(["", ""], ["Taxi", "tomorrow"], [_field(kind="date"), _field(kind="checkbox")]) is None


_ROWS = """<table><thead><tr><th>Card number</th><th>PIN</th></tr></thead><tbody id="rows"><tr>
<td><input aria-label="Card number, row 1"></td><td><input type="password" aria-label="PIN, row 1"></td></tr>
</tbody></table><button type="button" id="add" onclick="const r = document.querySelector('#rows tr');
r.parentElement.append(r.cloneNode(true))">Add card</button>"""


async def test_a_secret_list_is_recorded_by_its_key_alone(page: Page) -> None:
    await page.set_content(_ROWS)
    cards = "4000 0000 0000 0002 | 1234\n4000 0000 0000 0010 | 9876"
    recorder = ActionRecorder(parameters={"cards": cards}, secret_keys=["cards"])
    columns = [trace_pb2.RowColumn(position=0, caption="Card number"), trace_pb2.RowColumn(position=1, caption="PIN")]
    group, add = await page.query_selector("#rows"), await page.query_selector("#add")
    assert group is not None and add is not None
    action = await recorder.fill_rows(page, group, add, cards, columns, intent="Enter the cards", parameter_key="cards")
    assert action is not None and action.postcondition.verified
    assert await page.eval_on_selector_all("#rows input", "(all) => all.map((i) => i.value)") == [
        "4000 0000 0000 0002", "1234", "4000 0000 0000 0010", "9876"]
    assert (action.value, action.parameter_key) == ("", "cards")
    recorded = action.SerializeToString()
    assert not any(part.encode() in recorded for part in ("4000", "1234", "9876"))


@pytest.mark.parametrize("value", ["one line, no parts", ""])
async def test_a_value_that_is_no_list_records_nothing(page: Page, value: str) -> None:
    await page.set_content(_ROWS)
    recorder = ActionRecorder(parameters={})
    group, add = await page.query_selector("#rows"), await page.query_selector("#add")
    assert group is not None and add is not None
    assert await recorder.fill_rows(page, group, add, value, []) is None
    assert recorder.actions == []


_ITEMS = """<h2>Order stationery</h2><div id="items">
<div class="item"><input placeholder="Product"> <input type="number" placeholder="Quantity"></div>
<div class="item"><input placeholder="Product"> <input type="number" placeholder="Quantity"></div></div>
<button type="button" onclick="const all = document.querySelectorAll('.item'); const row = all[0].cloneNode(true);
row.querySelectorAll('input').forEach((i) => { i.value = ''; }); all[all.length - 1].after(row)">Add item</button>"""


async def test_rows_alike_in_tag_and_class_take_the_lines_and_the_add_control_brings_more(page: Page) -> None:
    # No table: two groups of fields alike in tag and class are the rows; the quantity goes into the number box
    # though the lines name their parts nowhere.
    await page.set_content(_ITEMS)
    recorder = ActionRecorder(parameters={"items": "Desk lamp | 2\nChair | 1\nMonitor arm | 4"})
    rows = await enter_line_items(Actor(page, recorder, 2000), "items",
                                  RenderedValue("Desk lamp | 2\nChair | 1\nMonitor arm | 4", parameter_key="items"))
    assert rows is not None and rows.action.postcondition.verified
    assert rows.add is not None and rows.add.name == "Add item"
    assert await page.eval_on_selector_all(".item input", "(all) => all.map((i) => i.value)") == [
        "Desk lamp", "2", "Chair", "1", "Monitor arm", "4"]
    assert [(c.position, c.caption) for c in rows.action.row_columns] == [(0, "Product"), (1, "Quantity")]


async def test_without_rows_the_list_is_left_to_a_text_box(page: Page) -> None:
    await page.set_content("<label for='n'>Items, one per line</label><textarea id='n'></textarea>")
    recorder = ActionRecorder(parameters={})
    value = RenderedValue("Desk lamp | 2\nChair | 1", parameter_key="items")
    assert await enter_line_items(Actor(page, recorder, 2000), "items", value) is None
    assert recorder.actions == []


async def test_one_bar_in_a_single_line_is_no_list_unless_its_description_says_so(page: Page) -> None:
    await page.set_content(_ROWS)
    recorder = ActionRecorder(parameters={})
    actor = Actor(page, recorder, 2000)
    assert await enter_line_items(actor, "password", RenderedValue("tr0mb|one", parameter_key="password")) is None
    said = RenderedValue("4000 0000 0000 0002 | 1234", parameter_key="cards", description="card number | PIN")
    rows = await enter_line_items(actor, "cards", said)
    assert rows is not None and rows.action.postcondition.verified


_TOP = """<table><thead><tr><th>Fruit</th><th>How many</th></tr></thead><tbody id="rows"><tr>
<td><input aria-label="Fruit"></td><td><input type="email" aria-label="How many"></td></tr></tbody></table>
<button type="button" id="add" onclick="const r = document.querySelector('#rows tr').cloneNode(true);
r.querySelectorAll('input').forEach((i) => { i.value = ''; });
document.getElementById('rows').prepend(r)">Add</button>"""
_FRUIT = [trace_pb2.RowColumn(position=0, caption="Fruit"), trace_pb2.RowColumn(position=1, caption="How many")]


async def test_rows_the_page_adds_at_the_top_take_their_own_lines(page: Page) -> None:
    # Each new row comes first: every line still gets a row of its own, none is typed over.
    await page.set_content(_TOP.replace('type="email" ', ""))
    recorder = ActionRecorder(parameters={})
    group, add = await page.query_selector("#rows"), await page.query_selector("#add")
    assert group is not None and add is not None
    action = await recorder.fill_rows(page, group, add, "Apple | 1\nPear | 2\nPlum | 3", _FRUIT)
    assert action is not None and action.postcondition.verified
    assert sorted(await page.eval_on_selector_all("#rows tr", "(all) => all.map((r) => Array.from("
                                                  "r.querySelectorAll('input'), (i) => i.value).join(' '))")) == [
        "Apple 1", "Pear 2", "Plum 3"]


async def test_what_the_page_says_of_a_secret_lines_part_is_not_kept(page: Page) -> None:
    # The browser's message on an email box names what was typed ("'ann.secret' is missing an '@'"): for a secret
    # list only the row and the column are said.
    await page.set_content(_TOP)
    recorder = ActionRecorder(parameters={"pets": "Ann | ann.secret"}, secret_keys=["pets"])
    group, add = await page.query_selector("#rows"), await page.query_selector("#add")
    assert group is not None and add is not None
    action = await recorder.fill_rows(page, group, add, "Ann | ann.secret", _FRUIT, parameter_key="pets")
    assert action is not None and not action.postcondition.verified
    assert action.postcondition.observed == "row 1: How many did not take its part of the line"
    assert b"secret" not in action.SerializeToString()
