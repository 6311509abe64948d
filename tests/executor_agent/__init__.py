"""Agent, recording and browser-helper tests against the real demo site in real Chromium."""
