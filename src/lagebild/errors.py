"""Exceptions with a message that says what happened and how to fix it."""

from __future__ import annotations


class LagebildError(Exception):
    """Base class. ``hint`` tells the user what to do about it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(LagebildError):
    """One input (file, line, URL) cannot be read; the rest of the batch goes on."""


class UsageError(LagebildError):
    """The command was called wrongly (exit code 2)."""


class StoreError(LagebildError):
    """The store cannot be opened or is not a lagebild store."""


class MissingExtra(LagebildError):
    """An optional dependency is not installed."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"{module} is not installed",
            f"install it with: pip install 'lagebild[{extra}]'",
        )


class StoreLocationError(StoreError, UsageError):
    """The store's location is wrong (missing folder, a directory, an unsupported URL): exit 2."""
