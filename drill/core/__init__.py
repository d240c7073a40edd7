"""Pure domain logic: no Textual, no SQLite."""
