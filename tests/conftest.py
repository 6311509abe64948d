"""Suite-wide pytest settings: every test module may use the helpers in tests/support."""

from __future__ import annotations

import os

# Services started by tests log JSON to stderr; keep test output readable unless asked otherwise.
os.environ.setdefault("ROTE_LOG_LEVEL", "WARNING")
