"""Story clustering internals; the public API is :mod:`lagebild.cluster`."""
