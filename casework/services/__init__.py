"""Casework's writes, a module per part: `notices` (notices of results), `lists` (eligible
lists: establish, certify)."""
