"""Self-contained HTML run reports: a timeline of blocks and actions, screenshots, the code that ran, totals."""

from services.reports.run_report import render_run_report

__all__ = ["render_run_report"]
