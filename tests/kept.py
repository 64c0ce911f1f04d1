"""Tests start afresh with what pages keep: a new namespace for kept keys, not a flush (with
Redis configured the cache's database may be the Celery broker's too)."""

import uuid

from classification import kept


def forget_kept() -> None:
    """Nothing kept so far is found again."""
    kept._VERSION = f"{kept.CODE_VERSION}-test-{uuid.uuid4().hex[:12]}"
