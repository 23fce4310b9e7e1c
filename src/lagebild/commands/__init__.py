"""CLI command groups, each in its own module; cli.py registers them."""
