"""Pure rules behind issue 16 defects 1 and 7: which object keys are safe, which upload calls the sandbox refuses."""

from __future__ import annotations

import pytest

from services.sandbox import UnsafeScript, validate_snippet
from services.storage import InvalidObjectKey, ObjectOutsideOrganisation, check_key, org_key


@pytest.mark.parametrize(
    "key",
    ["", "/etc/hostname", "acme/../globex/x", "acme//x", "acme/./x", "acme/x/", "acme\\..\\globex", "a\x00b",
     "x" * 1025],
)
def test_unsafe_keys_are_refused_by_every_backend_check(key: str) -> None:
    with pytest.raises(InvalidObjectKey):
        check_key(key)


def test_a_key_must_start_with_the_callers_organisation() -> None:
    assert org_key("acme", "acme/uploads/cv.txt") == "acme/uploads/cv.txt"
    with pytest.raises(ObjectOutsideOrganisation):
        org_key("acme", "globex/uploads/cv.txt")
    with pytest.raises(ObjectOutsideOrganisation):
        org_key("acme", "acme-evil/uploads/cv.txt")
    assert check_key("acme/scripts/", prefix=True) == "acme/scripts/"
    assert check_key("", prefix=True) == ""


@pytest.mark.parametrize(
    "code",
    [
        'await page.upload(None, "/etc/hostname")',
        "await page.upload(None, f\"/home/{ctx.param('user')}/.ssh/id_rsa\")",
        "await page.upload(None, file='/etc/hostname')",
        "await page.upload(None, ctx.param('dir') + '/rote.db')",
    ],
)
def test_the_sandbox_refuses_a_literal_path_in_upload(code: str) -> None:
    with pytest.raises(UnsafeScript, match="literal file path"):
        validate_snippet(code)


def test_the_sandbox_allows_an_upload_of_a_parameter() -> None:
    validate_snippet("await page.upload(None, ctx.param('doc'))")
