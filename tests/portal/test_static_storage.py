"""Static files' addresses written once a process (portal/static_storage.py): the addresses
Django's StaticFilesStorage writes, and a changed setting is a new storage."""

from django.contrib.staticfiles.storage import StaticFilesStorage, staticfiles_storage
from django.templatetags.static import static
from django.test import override_settings

from portal.static_storage import KeptUrlsStaticFilesStorage

NAMES = ["css/portal.css", "js/error-summary.js", "css/a b ü.css", "img/x?y#z.png"]


def test_the_addresses_are_djangos():
    kept, django = KeptUrlsStaticFilesStorage(), StaticFilesStorage()
    for _ in range(2):  # written, then kept
        assert [kept.url(name) for name in NAMES] == [django.url(name) for name in NAMES]


def test_the_portal_uses_it_and_a_changed_setting_is_a_new_storage():
    before = static("css/portal.css")
    assert isinstance(staticfiles_storage._wrapped, KeptUrlsStaticFilesStorage)
    with override_settings(STATIC_URL="/assets/"):
        assert static("css/portal.css") == "/assets/css/portal.css"
    assert static("css/portal.css") == before
