"""`python -m lagebild` runs the command line."""

from .cli import main

main()
