"""The corpus: small unfamiliar web tasks whose pages judge their own result (the instrument for truth)."""
