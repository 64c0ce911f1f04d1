import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def cache_cleared():
    """Each test starts with nothing kept: pages' query counts are those of a first visit
    unless the test visits twice."""
    cache.clear()
    yield
    cache.clear()
