"""Tests of the codegen service and the shared sandbox."""
