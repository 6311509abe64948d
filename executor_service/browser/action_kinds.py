"""The kinds of action that enter a value and those after which the page should show something new."""

from __future__ import annotations

from services.gen.rote.v1 import trace_pb2

AT = trace_pb2.ActionType
# Actions that enter a value into the page (the one list: recording, replay and the agent use it too).
VALUE_ACTIONS = frozenset(
    {AT.ACTION_TYPE_TYPE, AT.ACTION_TYPE_SELECT_OPTION, AT.ACTION_TYPE_CHECK, AT.ACTION_TYPE_UNCHECK,
     AT.ACTION_TYPE_UPLOAD_FILE, AT.ACTION_TYPE_PICK_DATE, AT.ACTION_TYPE_FILL_ROWS}
)
# Actions after which the page is expected to show something new.
EFFECT_ACTIONS = frozenset({AT.ACTION_TYPE_CLICK, AT.ACTION_TYPE_PRESS_KEY, AT.ACTION_TYPE_DOWNLOAD,
                            AT.ACTION_TYPE_GOTO})
