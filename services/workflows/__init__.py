"""Workflow definitions as files: YAML (or JSON) to the Workflow message and back."""

from services.workflows.yaml_format import load_parameters_file, load_workflow_file, workflow_from_mapping

__all__ = ["load_parameters_file", "load_workflow_file", "workflow_from_mapping"]
