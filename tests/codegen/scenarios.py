"""Golden scenarios: requests covering every block type, nested loops, conditional branches and task_v2."""

from __future__ import annotations

import json
from collections.abc import Callable

from services.gen.rote.v1 import codegen_service_pb2, trace_pb2, workflow_pb2
from tests.codegen.conftest import AT, BASE_URL, BT, LK, demo_request, element, locator

STRING = workflow_pb2.PARAMETER_TYPE_STRING
JSON = workflow_pb2.PARAMETER_TYPE_JSON


def _request(
    workflow: workflow_pb2.Workflow, traces: list[trace_pb2.BlockTrace], values: dict[str, str]
) -> codegen_service_pb2.GenerateScriptRequest:
    return codegen_service_pb2.GenerateScriptRequest(
        script_id=f"{workflow.workflow_id}-script",
        version=3,
        source_run_id="run-0042",
        workflow=workflow,
        traces=traces,
        parameter_values=values,
    )


def _button(name: str, element_id: str = "") -> trace_pb2.ElementFingerprint:
    extra = []
    if element_id:
        extra = [locator(LK.LOCATOR_KIND_ID, element_id), locator(LK.LOCATOR_KIND_CSS, f"#{element_id}")]
    return element(locator(LK.LOCATOR_KIND_ROLE, "button", name), locator(LK.LOCATOR_KIND_TEXT, name), *extra)


def _textbox(label: str, element_id: str) -> trace_pb2.ElementFingerprint:
    return element(
        locator(LK.LOCATOR_KIND_ROLE, "textbox", label),
        locator(LK.LOCATOR_KIND_LABEL, label),
        locator(LK.LOCATOR_KIND_ID, element_id),
        locator(LK.LOCATOR_KIND_CSS, f"#{element_id}"),
        locator(LK.LOCATOR_KIND_XPATH, f'//*[@id="{element_id}"]'),
    )


def loops_request() -> codegen_service_pb2.GenerateScriptRequest:
    """For each customer, open their page; for each of their invoices, download it and note the amount."""
    parameters = [
        workflow_pb2.Parameter(key="base_url", type=STRING, required=True, description="Root of the billing portal"),
        workflow_pb2.Parameter(key="customers", type=JSON, required=True, description="Customers to visit"),
        workflow_pb2.Parameter(key="api_token", type=STRING, required=True, secret=True),
    ]
    invoice_children = [
        workflow_pb2.Block(label="download_invoice", type=BT.BLOCK_TYPE_FILE_DOWNLOAD, goal="Download the invoice"),
        workflow_pb2.Block(label="settle", type=BT.BLOCK_TYPE_WAIT, wait_seconds=0.5),
    ]
    customer_children = [
        workflow_pb2.Block(label="open_customer", type=BT.BLOCK_TYPE_NAVIGATION, goal="Open the customer"),
        workflow_pb2.Block(
            label="each_invoice", type=BT.BLOCK_TYPE_FOR_LOOP, loop_over="{{ current_item.invoices }}",
            children=invoice_children,
        ),
    ]
    blocks = [
        workflow_pb2.Block(label="each_customer", type=BT.BLOCK_TYPE_FOR_LOOP, loop_over="{{ customers }}",
                           children=customer_children),
    ]
    workflow = workflow_pb2.Workflow(workflow_id="invoices", title="Download invoices", parameters=parameters,
                                     blocks=blocks)
    customer = {"id": "C-1001", "name": "Ada Lovelace", "invoices": [{"number": "INV-7", "year": 2024}]}
    open_customer = trace_pb2.BlockTrace(
        label="open_customer",
        type=BT.BLOCK_TYPE_NAVIGATION,
        actions=[
            trace_pb2.Action(type=AT.ACTION_TYPE_GOTO, url=f"{BASE_URL}/customers/C-1001", intent="Open the customer"),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_TYPE, element=_textbox("Search", "search"), value="Ada Lovelace",
                intent="Search for the customer",
            ),
            trace_pb2.Action(type=AT.ACTION_TYPE_TYPE, element=_textbox("API token", "token"),
                             parameter_key="api_token", intent="Enter the API token"),
            trace_pb2.Action(type=AT.ACTION_TYPE_PRESS_KEY, value="Enter", intent="Run the search"),
        ],
        end_state=trace_pb2.EndState(url_pattern=r"/customers/[^/]+$", landmark_text="Customer Ada Lovelace"),
    )
    download = trace_pb2.BlockTrace(
        label="download_invoice",
        type=BT.BLOCK_TYPE_FILE_DOWNLOAD,
        actions=[
            trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=_button("Invoice INV-7"), intent="Open the invoice"),
            trace_pb2.Action(type=AT.ACTION_TYPE_DOWNLOAD, element=_button("Download PDF", "download"),
                             intent="Download the PDF"),
        ],
        end_state=trace_pb2.EndState(landmark_text="Invoice INV-7"),
    )
    each_invoice = trace_pb2.BlockTrace(
        label="each_invoice", type=BT.BLOCK_TYPE_FOR_LOOP, children=[download],
        loop_item_json=json.dumps(customer["invoices"][0]),
    )
    each_customer = trace_pb2.BlockTrace(
        label="each_customer", type=BT.BLOCK_TYPE_FOR_LOOP, children=[open_customer, each_invoice],
        loop_item_json=json.dumps(customer),
    )
    return _request(workflow, [each_customer], {"base_url": BASE_URL, "customers": json.dumps([customer])})


def conditional_request() -> codegen_service_pb2.GenerateScriptRequest:
    """Sign in, then a conditional: the pro path and the basic path each have cached blocks; both join at the end."""
    parameters = [
        workflow_pb2.Parameter(key="base_url", type=STRING, required=True),
        workflow_pb2.Parameter(key="plan", type=STRING, required=True, description="pro or basic"),
        workflow_pb2.Parameter(key="seats", type=workflow_pb2.PARAMETER_TYPE_INTEGER, has_default=True,
                               default_value="5"),
        workflow_pb2.Parameter(key="newsletter", type=workflow_pb2.PARAMETER_TYPE_BOOLEAN, has_default=True,
                               default_value="false"),
        workflow_pb2.Parameter(key="coupon", type=STRING),
    ]
    blocks = [
        workflow_pb2.Block(label="open_shop", type=BT.BLOCK_TYPE_GOTO_URL, url="{{ base_url }}/shop"),
        workflow_pb2.Block(
            label="check_plan",
            type=BT.BLOCK_TYPE_CONDITIONAL,
            branches=[
                workflow_pb2.ConditionalBranch(expression="{{ plan == 'pro' }}", next_block_label="pro_seats"),
                workflow_pb2.ConditionalBranch(expression="", next_block_label="basic_signup"),
            ],
        ),
        workflow_pb2.Block(label="pro_seats", type=BT.BLOCK_TYPE_ACTION, goal="Choose the number of seats"),
        workflow_pb2.Block(label="pro_checkout", type=BT.BLOCK_TYPE_NAVIGATION, goal="Check out",
                           next_block_label="confirmation"),
        workflow_pb2.Block(label="basic_signup", type=BT.BLOCK_TYPE_NAVIGATION, goal="Sign up for basic",
                           next_block_label="confirmation"),
        workflow_pb2.Block(label="confirmation", type=BT.BLOCK_TYPE_EXTRACTION, goal="Read the order number",
                           extraction_schema_json='{"type": "object"}'),
    ]
    workflow = workflow_pb2.Workflow(workflow_id="checkout", title="Buy a plan", parameters=parameters, blocks=blocks)
    seats = trace_pb2.BlockTrace(
        label="pro_seats",
        type=BT.BLOCK_TYPE_ACTION,
        actions=[trace_pb2.Action(type=AT.ACTION_TYPE_SELECT_OPTION, element=element(
            locator(LK.LOCATOR_KIND_ROLE, "combobox", "Seats"), locator(LK.LOCATOR_KIND_LABEL, "Seats"),
            locator(LK.LOCATOR_KIND_CSS, "select[name=\"seats\"]")), value="5", intent="Choose the seats")],
    )
    checkout = trace_pb2.BlockTrace(
        label="pro_checkout",
        type=BT.BLOCK_TYPE_NAVIGATION,
        actions=[
            trace_pb2.Action(type=AT.ACTION_TYPE_UNCHECK, element=element(
                locator(LK.LOCATOR_KIND_ROLE, "checkbox", "Send me the newsletter"),
                locator(LK.LOCATOR_KIND_ID, "newsletter")), value="false", parameter_key="newsletter",
                intent="Set the newsletter box"),
            trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=_button("Pay now", "pay"), intent="Pay",
                             irreversible=True),
        ],
        end_state=trace_pb2.EndState(url_pattern="/orders/", landmark_text="Thank you"),
    )
    confirmation = trace_pb2.BlockTrace(
        label="confirmation",
        type=BT.BLOCK_TYPE_EXTRACTION,
        actions=[trace_pb2.Action(type=AT.ACTION_TYPE_EXTRACT, extract_fields=[
            trace_pb2.ExtractField(name="order.number", element=element(
                locator(LK.LOCATOR_KIND_TEST_ID, "order-number"), locator(LK.LOCATOR_KIND_ID, "order"))),
            trace_pb2.ExtractField(name="order.plan", element=element(locator(LK.LOCATOR_KIND_LABEL, "Plan"))),
        ])],
        end_state=trace_pb2.EndState(url_pattern="/orders/"),
    )
    # basic_signup has not run yet (the pro branch was taken): it stays uncached and is named in run_workflow.
    return _request(workflow, [seats, checkout, confirmation],
                    {"base_url": BASE_URL, "plan": "pro", "seats": "5", "newsletter": "false"})


def task_v2_request() -> codegen_service_pb2.GenerateScriptRequest:
    """A task_v2 the agent planned into three child blocks (not listed in the definition)."""
    parameters = [
        workflow_pb2.Parameter(key="destination", type=STRING, required=True),
        workflow_pb2.Parameter(key="passport", type=STRING, required=True, description="Path of the scan"),
    ]
    blocks = [workflow_pb2.Block(label="book_trip", type=BT.BLOCK_TYPE_TASK_V2,
                                 goal="Book the cheapest flight to the destination")]
    workflow = workflow_pb2.Workflow(workflow_id="travel", title="Book a trip", parameters=parameters, blocks=blocks)
    search = trace_pb2.BlockTrace(label="search_flights", type=BT.BLOCK_TYPE_NAVIGATION, actions=[
        trace_pb2.Action(type=AT.ACTION_TYPE_GOTO, url="https://flights.example.test/", intent="Open the search"),
        trace_pb2.Action(type=AT.ACTION_TYPE_TYPE, element=element(
            locator(LK.LOCATOR_KIND_PLACEHOLDER, "Where to?"), locator(LK.LOCATOR_KIND_CSS, "input.where")),
            value="Lisbon", intent="Enter the destination"),
        trace_pb2.Action(type=AT.ACTION_TYPE_HOVER, element=_button("Dates"), intent="Show the calendar"),
        trace_pb2.Action(type=AT.ACTION_TYPE_SCROLL, amount=400, intent="Scroll to the results"),
        trace_pb2.Action(type=AT.ACTION_TYPE_WAIT, amount=1.5, intent="Let the prices load"),
    ], end_state=trace_pb2.EndState(landmark_text="Flights to Lisbon"))
    pick = trace_pb2.BlockTrace(label="pick_cheapest", type=BT.BLOCK_TYPE_EXTRACTION, actions=[
        trace_pb2.Action(type=AT.ACTION_TYPE_EXTRACT, extract_fields=[trace_pb2.ExtractField(
            name="flights", element=element(locator(LK.LOCATOR_KIND_ROLE, "table", "Flights"),
                                            locator(LK.LOCATOR_KIND_ID, "flights")),
            columns={"price": "Price", "departs": "Departure"})]),
        trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=element(
            locator(LK.LOCATOR_KIND_LABEL, "Cheapest first")), intent="Sort by price"),
    ])
    upload = trace_pb2.BlockTrace(label="upload_passport", type=BT.BLOCK_TYPE_ACTION, actions=[
        trace_pb2.Action(type=AT.ACTION_TYPE_UPLOAD_FILE, element=element(
            locator(LK.LOCATOR_KIND_LABEL, "Passport scan"), locator(LK.LOCATOR_KIND_ID, "passport")),
            value="/tmp/passport.pdf", parameter_key="passport", intent="Attach the passport"),
    ])
    book = trace_pb2.BlockTrace(label="book_trip", type=BT.BLOCK_TYPE_TASK_V2, children=[search, pick, upload])
    return _request(workflow, [book], {"destination": "Lisbon", "passport": "/tmp/passport.pdf"})


def _bound(field: str, source: str, text: str, *, whole: bool = True) -> trace_pb2.Binding:
    return trace_pb2.Binding(field=field, source=source, text=text, whole=whole)


def bindings_request() -> codegen_service_pb2.GenerateScriptRequest:
    """Targets, options, intents, loop rows and a URL with a secret, each recorded with the input that chose it."""
    parameters = [
        workflow_pb2.Parameter(key="base_url", type=STRING, required=True),
        workflow_pb2.Parameter(key="token", type=STRING, required=True, secret=True),
        workflow_pb2.Parameter(key="invoice", type=STRING, required=True, description="Invoice to open"),
        # Two parameters with the same value: the recorded binding says which one named the button.
        workflow_pb2.Parameter(key="action", type=STRING, required=True),
        workflow_pb2.Parameter(key="button", type=STRING, required=True),
        workflow_pb2.Parameter(key="plan", type=STRING, required=True, description="Plan (a radio choice)"),
        workflow_pb2.Parameter(key="rows", type=JSON, required=True),
        workflow_pb2.Parameter(key="billing", type=STRING, required=True),
        workflow_pb2.Parameter(key="extras", type=STRING, required=True, description="comma-separated extras"),
    ]
    blocks = [
        workflow_pb2.Block(label="open_invoice", type=BT.BLOCK_TYPE_ACTION, url="{{ base_url }}/invoices?t={{ token }}",
                           goal="Click the {{ invoice }} link"),
        workflow_pb2.Block(label="press_button", type=BT.BLOCK_TYPE_ACTION, goal="Click the '{{ button }}' button"),
        workflow_pb2.Block(label="pick_plan", type=BT.BLOCK_TYPE_ACTION, goal="Choose the plan",
                           payload={"plan": "{{ plan }}", "billing": "{{ billing }}", "extras": "{{ extras }}"}),
        workflow_pb2.Block(label="each_row", type=BT.BLOCK_TYPE_FOR_LOOP, loop_over="{{ rows }}", children=[
            workflow_pb2.Block(label="open_row", type=BT.BLOCK_TYPE_NAVIGATION,
                               goal="Open invoice {{ current_item.number }}"),
        ]),
    ]
    workflow = workflow_pb2.Workflow(workflow_id="bound", title="Parameter-bound targets", parameters=parameters,
                                     blocks=blocks)
    link = element(
        locator(LK.LOCATOR_KIND_ROLE, "link", "INV-1002"), locator(LK.LOCATOR_KIND_TEXT, "INV-1002"),
        locator(LK.LOCATOR_KIND_CSS, "tr:nth-of-type(2) > td > a"),
    )
    open_invoice = trace_pb2.BlockTrace(label="open_invoice", type=BT.BLOCK_TYPE_ACTION, actions=[
        # As the records hold it: the secret in the URL was redacted; the template names it.
        trace_pb2.Action(type=AT.ACTION_TYPE_GOTO, url=f"{BASE_URL}/invoices?t={{{{ token }}}}",
                         url_template="{{ base_url }}/invoices?t={{ token }}", intent="Open the page for open_invoice"),
        trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=link, intent="Click 'INV-1002' to Click the INV-1002 link",
                         bindings=[_bound("name", "invoice", "INV-1002"), _bound("text", "invoice", "INV-1002"),
                                   _bound("intent", "invoice", "INV-1002", whole=False)]),
    ])
    previous = element(
        locator(LK.LOCATOR_KIND_ROLE, "button", "previous"), locator(LK.LOCATOR_KIND_CSS, "button:nth-of-type(2)"),
    )
    press_button = trace_pb2.BlockTrace(label="press_button", type=BT.BLOCK_TYPE_ACTION, actions=[
        trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=previous, intent="Click 'previous' to Click the button",
                         bindings=[_bound("name", "button", "previous"),
                                   _bound("intent", "button", "previous", whole=False)]),
    ])
    radio = element(
        locator(LK.LOCATOR_KIND_ROLE, "radio", "Premium"), locator(LK.LOCATOR_KIND_LABEL, "Premium"),
        locator(LK.LOCATOR_KIND_ID, "plan-premium"), locator(LK.LOCATOR_KIND_XPATH, "//form/div[3]/input"),
    )
    pick_plan = trace_pb2.BlockTrace(label="pick_plan", type=BT.BLOCK_TYPE_ACTION, actions=[
        trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=radio, intent="Choose Premium as the plan",
                         payload_key="plan",
                         bindings=[_bound("label", "plan", "Premium"),
                                   _bound("name", "plan", "Premium"),
                                   _bound("intent", "plan", "Premium", whole=False)]),
        # A select whose option the agent matched by words ("monthly" -> "Billed monthly"): replay chooses anew.
        trace_pb2.Action(type=AT.ACTION_TYPE_SELECT_OPTION, element=_textbox("Billing", "billing"), value="m-1",
                         payload_key="billing", bindings=[_bound("option", "billing", "monthly", whole=False)]),
        # A checkbox list from a comma-separated parameter: one call makes the list hold this run's items.
        *[
            trace_pb2.Action(type=kind, element=element(locator(LK.LOCATOR_KIND_ROLE, "checkbox", name)),
                             payload_key="extras", bindings=[_bound("member", "extras", name, whole=False)])
            for name, kind in (("Support", AT.ACTION_TYPE_CHECK), ("Backups", AT.ACTION_TYPE_UNCHECK))
        ],
    ])
    row_link = element(
        locator(LK.LOCATOR_KIND_ROLE, "link", "Invoice INV-7"), locator(LK.LOCATOR_KIND_CSS, "tr:nth-child(1) a"),
    )
    open_row = trace_pb2.BlockTrace(label="open_row", type=BT.BLOCK_TYPE_NAVIGATION, actions=[
        trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=row_link,
                         intent="Click 'Invoice INV-7' to Open invoice INV-7",
                         bindings=[_bound("name", "current_item.number", "INV-7", whole=False),
                                   _bound("intent", "current_item.number", "INV-7", whole=False)]),
    ])
    each_row = trace_pb2.BlockTrace(label="each_row", type=BT.BLOCK_TYPE_FOR_LOOP, children=[open_row],
                                    loop_item_json=json.dumps({"number": "INV-7"}))
    values = {"base_url": BASE_URL, "invoice": "INV-1002", "action": "previous", "button": "previous",
              "plan": "Premium", "rows": json.dumps([{"number": "INV-7"}]), "billing": "monthly",
              "extras": "Support"}
    return _request(workflow, [open_invoice, press_button, pick_plan, each_row], values)


SCENARIOS: dict[str, Callable[[], codegen_service_pb2.GenerateScriptRequest]] = {
    "demo": demo_request,
    "loops": loops_request,
    "conditional": conditional_request,
    "task_v2": task_v2_request,
    "bindings": bindings_request,
}
