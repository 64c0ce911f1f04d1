"""Casework's write paths, a module per part: `documents`, `notices` (notices of results),
`lists` (eligible lists: establish, certify)."""
