"""What screening announces; it knows nothing of who listens (casework opens a case)."""

from django.dispatch import Signal

# Sent inside the transaction that stored new applicant profiles: `profiles` (saved, with
# primary keys) and `at` (when they were received).
profiles_created = Signal()
