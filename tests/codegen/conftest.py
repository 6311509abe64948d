"""Fixtures for codegen tests: a demo-like request, and object stores on both backends (folder and real S3)."""

from __future__ import annotations

import dataclasses
import pathlib
import uuid
from collections.abc import Iterator

import pytest

from codegen_service.service import ScriptGenerator
from services.gen.rote.v1 import codegen_service_pb2, trace_pb2, workflow_pb2
from services.settings import StorageSettings
from services.storage import ObjectStore, open_object_store
from tests.support.s3_server import running_s3_server

AT = trace_pb2.ActionType
LK = trace_pb2.LocatorKind
BT = workflow_pb2.BlockType
BASE_URL = "http://127.0.0.1:8765"
# A value no generated file, stored object or log line may ever contain.
SECRET_PASSWORD = "s3cr3t-Hunter2!"
DEMO_VALUES = {
    "base_url": BASE_URL,
    "username": "alice",
    "full_name": "Ada Lovelace",
    "email": "ada@example.com",
    "plan": "pro",
    "roadside": "true",
}


def locator(kind: int, value: str, name: str = "") -> trace_pb2.Locator:
    return trace_pb2.Locator(kind=kind, value=value, name=name)


def element(*locators: trace_pb2.Locator, **fields: str) -> trace_pb2.ElementFingerprint:
    return trace_pb2.ElementFingerprint(locators=list(locators), **fields)


def demo_workflow() -> workflow_pb2.Workflow:
    string, boolean = workflow_pb2.PARAMETER_TYPE_STRING, workflow_pb2.PARAMETER_TYPE_BOOLEAN
    parameters = [
        workflow_pb2.Parameter(key="base_url", type=string, required=True),
        workflow_pb2.Parameter(key="username", type=string, required=True),
        workflow_pb2.Parameter(key="password", type=string, required=True, secret=True),
        workflow_pb2.Parameter(key="full_name", type=string, required=True),
        workflow_pb2.Parameter(key="email", type=string, required=True),
        workflow_pb2.Parameter(key="plan", type=string, required=True),
        workflow_pb2.Parameter(key="roadside", type=boolean),
    ]
    blocks = [
        workflow_pb2.Block(label="login", type=BT.BLOCK_TYPE_LOGIN, url="{{ base_url }}/login", goal="Sign in"),
        workflow_pb2.Block(label="pause", type=BT.BLOCK_TYPE_WAIT, wait_seconds=0.1),
        workflow_pb2.Block(label="fill_quote", type=BT.BLOCK_TYPE_NAVIGATION, goal="Get a quote"),
        workflow_pb2.Block(
            label="extract_quote",
            type=BT.BLOCK_TYPE_EXTRACTION,
            goal="Read the quote",
            extraction_schema_json='{"type": "object"}',
        ),
    ]
    return workflow_pb2.Workflow(workflow_id="demo_quote", title="Demo", parameters=parameters, blocks=blocks)


def login_trace() -> trace_pb2.BlockTrace:
    return trace_pb2.BlockTrace(
        label="login",
        type=BT.BLOCK_TYPE_LOGIN,
        actions=[
            trace_pb2.Action(type=AT.ACTION_TYPE_GOTO, url=f"{BASE_URL}/login", intent="Open the sign-in page"),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_TYPE,
                element=element(locator(LK.LOCATOR_KIND_LABEL, "Username"), locator(LK.LOCATOR_KIND_ID, "username")),
                value="alice",
                intent="Enter the user name",
            ),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_TYPE,
                element=element(locator(LK.LOCATOR_KIND_LABEL, "Password"), locator(LK.LOCATOR_KIND_ID, "password")),
                parameter_key="password",
                intent="Enter the password",
            ),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_CLICK,
                element=element(locator(LK.LOCATOR_KIND_ROLE, "button", "Sign in")),
                intent="Sign in",
                irreversible=True,
            ),
        ],
        end_state=trace_pb2.EndState(url_pattern="/account", landmark_text="Signed in as alice"),
    )


def fill_quote_trace() -> trace_pb2.BlockTrace:
    full_name = element(
        locator(LK.LOCATOR_KIND_LABEL, "Full name"),
        locator(LK.LOCATOR_KIND_ID, "input-8f3a9c21e0"),  # generated: dropped
        locator(LK.LOCATOR_KIND_ID, "full_name"),
        locator(LK.LOCATOR_KIND_CSS, "form .css-1x2y3z"),  # generated class: dropped
        locator(LK.LOCATOR_KIND_CSS, "form #full_name"),
    )
    return trace_pb2.BlockTrace(
        label="fill_quote",
        type=BT.BLOCK_TYPE_NAVIGATION,
        actions=[
            trace_pb2.Action(type=AT.ACTION_TYPE_GOTO, url=f"{BASE_URL}/quote", intent="Open the quote form"),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_TYPE, element=full_name, value="Ada Lovelace", intent="Enter the full name"
            ),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_TYPE,
                element=element(locator(LK.LOCATOR_KIND_PLACEHOLDER, "you@example.com"), tag="input"),
                value="ada@example.com",
                parameter_key="email",
                intent="Enter the email",
            ),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_TYPE,
                element=element(locator(LK.LOCATOR_KIND_TEST_ID, "notes")),
                value="Quote for Ada Lovelace {urgent}",
                intent="Add a note",
            ),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_SELECT_OPTION,
                element=element(locator(LK.LOCATOR_KIND_LABEL, "Plan"), locator(LK.LOCATOR_KIND_CSS, "#plan")),
                value="pro",
                intent="Choose the plan",
            ),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_CHECK,
                element=element(locator(LK.LOCATOR_KIND_LABEL, "Add roadside assistance")),
                intent="Tick roadside assistance",
            ),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_CLICK,
                element=element(
                    locator(LK.LOCATOR_KIND_ROLE, "button", "Get quote"),
                    locator(LK.LOCATOR_KIND_XPATH, "//form//button[@type='submit']"),
                ),
                intent="Submit the form",
                irreversible=True,
            ),
        ],
        end_state=trace_pb2.EndState(url_pattern="/quote/result", landmark_text="Your quote"),
    )


def extract_quote_trace() -> trace_pb2.BlockTrace:
    return trace_pb2.BlockTrace(
        label="extract_quote",
        type=BT.BLOCK_TYPE_EXTRACTION,
        actions=[
            trace_pb2.Action(
                type=AT.ACTION_TYPE_EXTRACT,
                intent="Read the quote",
                extract_fields=[
                    trace_pb2.ExtractField(
                        name="reference",
                        element=element(
                            locator(LK.LOCATOR_KIND_LABEL, "Quote reference"), locator(LK.LOCATOR_KIND_ID, "ref")
                        ),
                    ),
                    trace_pb2.ExtractField(
                        name="options",
                        element=element(locator(LK.LOCATOR_KIND_CSS, "table#quote-options")),
                        columns={"plan": "Plan", "monthly_price": "Monthly price"},
                    ),
                ],
            )
        ],
        end_state=trace_pb2.EndState(url_pattern="/quote/result", landmark_text="Your quote"),
    )


def demo_request(script_id: str = "demo-script", version: int = 1) -> codegen_service_pb2.GenerateScriptRequest:
    """A request like the one the cache service sends after the demo's first (agent) run."""
    return codegen_service_pb2.GenerateScriptRequest(
        script_id=script_id,
        version=version,
        source_run_id="run-0001",
        workflow=demo_workflow(),
        traces=[login_trace(), fill_quote_trace(), extract_quote_trace()],
        parameter_values=DEMO_VALUES,
    )


@pytest.fixture(scope="session")
def s3_server() -> Iterator[StorageSettings]:
    with running_s3_server() as settings:
        yield settings


@pytest.fixture(params=["local", "s3"])
def storage_settings(request: pytest.FixtureRequest, tmp_path: pathlib.Path) -> StorageSettings:
    """The same test body runs against the folder store and the real S3 server (a fresh bucket per test)."""
    if request.param == "local":
        return dataclasses.replace(StorageSettings.from_env(), backend="local", local_root=str(tmp_path / "objects"))
    server: StorageSettings = request.getfixturevalue("s3_server")
    return dataclasses.replace(server, s3_bucket=f"rote-{uuid.uuid4().hex[:12]}")


@pytest.fixture
async def store(storage_settings: StorageSettings) -> ObjectStore:
    opened = open_object_store(storage_settings)
    await opened.ensure_ready()
    return opened


@pytest.fixture
def generator(store: ObjectStore) -> ScriptGenerator:
    return ScriptGenerator(store)


@pytest.fixture
def local_store(tmp_path: pathlib.Path) -> ObjectStore:
    return open_object_store(
        dataclasses.replace(StorageSettings.from_env(), backend="local", local_root=str(tmp_path / "local-objects"))
    )
