"""Every corpus task, collected from the modules in examples/corpus/tasks (each defines TASKS)."""

from __future__ import annotations

import importlib
import pkgutil

from examples.corpus import tasks as tasks_package
from examples.corpus.kit import Task


def all_tasks() -> dict[str, Task]:
    """Tasks by name, in module then declaration order; a duplicate name is an error."""
    found: dict[str, Task] = {}
    for info in sorted(pkgutil.iter_modules(tasks_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{tasks_package.__name__}.{info.name}")
        for task in getattr(module, "TASKS", []):
            if task.name in found:
                raise ValueError(f"duplicate corpus task name {task.name!r} in {info.name}")
            found[task.name] = task
    return found
