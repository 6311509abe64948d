"""The executor service: runs workflows in Chromium as cached code or through the agent."""
