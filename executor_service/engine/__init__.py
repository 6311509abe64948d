"""The workflow engine: walks the block graph and runs each block as code, through the agent, or live."""
