"""lagebild: story dossiers from many outlets, every statement pointing at its sources."""

import logging

__version__ = "0.1.0"

# The library logs through logging.getLogger(__name__) and never configures logging itself:
# an application (the CLI's -v / -vv) decides what is shown.
logging.getLogger(__name__).addHandler(logging.NullHandler())
