"""The audit trail of class standards (for the series page) and its read-only records."""

from screening import selectors
from tests.factories import NOW, analyst_user

NYS = "nys-call-center-representative"


def test_each_stored_version_of_a_standard_is_in_its_audit(loaded_standards):
    from auditlog.context import set_actor

    from classification.services import standard_version_create

    analyst = analyst_user()
    version = loaded_standards[NYS]
    with set_actor(analyst):
        standard_version_create(
            series=version.series,
            document=version.document,
            digest="a" * 64,
            created_at=NOW,
            created_by=analyst,
            change_note="Clarified the HESC parenthetic",
        )
    trail = selectors.audit_for_series(series_slug=NYS)
    assert len(trail) == 2
    newest = trail[0]
    assert newest.actor == analyst
    assert newest.changes["number"] == [None, 2]
    assert newest.changes["change_note"][1] == "Clarified the HESC parenthetic"
    assert selectors.audit_for_series(series_slug="university-call-center")[0].actor is None
