"""drill: spaced-repetition training for engineering-manager interviews."""

__version__ = "0.1.0"
