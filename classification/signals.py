"""What the classification app announces; it knows nothing of who listens.

`version_stored(version)` is sent inside the transaction that stores a new version of a class
standard, so that a listener's own records (screening's re-evaluation job) are stored with the
version or not at all.
"""

from django.dispatch import Signal

version_stored = Signal()
