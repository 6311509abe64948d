"""`rote`: start the services, run workflows, and inspect runs, scripts and coverage."""

from __future__ import annotations

from typing import Annotated

import typer

from services.cli import commands_runs, commands_scripts, commands_workflows
from services.cli.commands_run import run
from services.cli.commands_stack import status, up
from services.cli.common import state

app = typer.Typer(help="Rote: replay what a browser agent did, as code.", no_args_is_help=True, add_completion=False)
app.command()(up)
app.command()(status)
app.command()(run)
app.command()(commands_workflows.coverage)
app.add_typer(commands_runs.app, name="runs", help="Inspect runs: list, show, HTML report.")
app.add_typer(commands_scripts.app, name="scripts", help="Cached scripts: list, show, diff, pin, rollback.")
app.add_typer(commands_workflows.app, name="workflows", help="Workflow definitions: put, list, show.")


@app.callback()
def main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False) -> None:
    state["debug"] = debug


def entrypoint() -> None:
    app(prog_name="rote")


if __name__ == "__main__":
    entrypoint()
