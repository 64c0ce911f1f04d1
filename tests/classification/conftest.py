import pytest

from tests.kept import forget_kept


@pytest.fixture(autouse=True)
def nothing_kept():
    """Each test starts with nothing kept: pages' query counts are those of a first visit
    unless the test visits twice."""
    forget_kept()
