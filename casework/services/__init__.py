"""Casework's writes, a module per part: `cases` (open, assign, set status, bulk verify)."""
