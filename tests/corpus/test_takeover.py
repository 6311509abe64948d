"""The take-over instrument on one corpus task: cached code cut after its first actions, the agent going on, the
page judging; what Rote would report agrees with the page (real Chromium, the corpus site in its own process)."""

from __future__ import annotations

import json
import pathlib

import pytest

from bench.takeover import main

pytestmark = pytest.mark.browser


def test_every_cut_has_the_pages_verdict_and_rote_claims_no_success_the_page_denies(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "takeover.json"
    assert main(["--tasks", "contact-form", "--cuts", "1,2", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["skipped"] == {}, report["skipped"]
    rows = report["rows"]
    assert [(row["task"], row["cut"]) for row in rows] == [("contact-form", 1), ("contact-form", 2)]
    assert all(row["actions"] > 2 and row["truth_reason"] for row in rows)  # the page's own judge answered each
    assert report["outcomes"]["false success"] == 0, rows
    for row in rows:  # each outcome is what the two verdicts say
        expected = {(True, True): "ok", (True, False): "false success", (False, True): "false failure",
                    (False, False): "failed"}[(row["rote_ok"], row["truth_ok"])]
        assert row["outcome"] == expected
    assert sum(report["outcomes"].values()) == report["take_overs"] == 2


@pytest.mark.parametrize(("argv", "said"), [
    (["--tasks", "no-such-task"], "unknown corpus tasks: no-such-task"),
    (["--cuts", "two"], "--cuts must be comma-separated whole numbers"),
    (["--cuts", "0"], "--cuts must be at least 1"),
])
def test_bad_options_are_refused_with_a_message(argv: list[str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2 and said in capsys.readouterr().err
