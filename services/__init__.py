"""Rote's shared kernel: bindings, settings, logging, errors, server bootstrap, storage, client and CLI."""
