"""How one block runs, one module per mode; engine/block_runner.py chooses between them."""
