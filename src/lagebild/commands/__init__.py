"""CLI commands that live in their own modules; ``lagebild.cli`` registers them."""
