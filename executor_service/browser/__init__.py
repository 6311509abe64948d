"""Browser helpers of the executor: launching Chromium, page snapshots, fingerprints and end states."""
