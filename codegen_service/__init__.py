"""Codegen service: turns recorded block traces into a validated Python module stored in object storage."""
