"""Casework's write paths, a module per part: `cases` (open, assign, set status),
`bulk_verify` (one entry verified for many applicants), `documents`, `notices` (notices of
results), `lists` (eligible lists: establish, certify)."""
