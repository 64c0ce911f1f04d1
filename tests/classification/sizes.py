"""A standard grown to any number of levels, and a query counter: for the tests that pages run
a fixed number of SQL queries whatever the size of the standard."""

import copy

from django.db import connection
from django.test.utils import CaptureQueriesContext

from classification.standard_file import parse_standard


def with_extra_levels(standard, count: int):
    """The same standard with `count` more plain levels (another series slug)."""
    document = copy.deepcopy(standard.to_document())
    document["series"] = f"{document['series']}-plus-{count}"
    plain = [level for level in document["levels"] if not level.get("parenthetic")]
    others = [level for level in document["levels"] if level.get("parenthetic")]
    for index in range(count):
        extra = copy.deepcopy(plain[0])
        extra.update(id=f"extra-{index}", title=f"Extra level {index}", promotes_to=[])
        extra["code"] = extra["code_as_printed"] = None
        plain.append(extra)
    document["levels"] = plain + others  # plain levels come first (class-standard/1)
    for order, level in enumerate(document["levels"], start=1):
        level["order"] = order
    return parse_standard(document, source="test")


def query_count(client, url, data=None) -> int:
    """The number of SQL queries a GET of `url` runs (it must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200, url
    return len(captured.captured_queries)
