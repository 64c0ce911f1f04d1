"""What pages derive from stored versions, computed once and kept in Django's cache.

A version never changes once stored (an edit stores a new one), so anything derived from it
(rendered parts of pages, comparison data, differences) is a pure function of its content and
of the request's few inputs. It is kept under a key made of the version's digest (its content:
primary keys are reused by test databases), those inputs and the code version: nothing is ever
invalidated. A new version has a new digest; changed code or templates change the code version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

# Bump when a kept structure changes shape; the files it is made from are hashed in below.
CODE_VERSION = "pages-1"
# Keys built from stored data only are kept until evicted; keys that also hold free input
# typed by a visitor (a date, a search) make entries nobody may ask for again: a day.
FOREVER = None
A_DAY = 24 * 60 * 60
# What kept parts are made from besides stored data: templates, labels, layout code.
_SOURCES = (
    "templates/base.html",
    "templates/partials",
    "locale",
    "portal/templatetags",
    "templates/classification",
    "templates/screening/partials",
    "templates/screening/applicant",
    "classification/compare.py",
    "classification/diff.py",
    "classification/ladder.py",
    "classification/search.py",
    "classification/templatetags",
    "screening/forms.py",
    "screening/forms_selfcheck.py",
    "screening/selfcheck.py",
    "screening/views_applicant.py",
    "screening/duty_hints.py",
    "portal/language.py",
    "screening/templatetags",
    "screening/engine/vocab.py",
)


def _sources_digest() -> str:
    """The digest of the files kept parts are made from: a deployment that changes one of
    them reads none of the parts made by the old one."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for source in _SOURCES:
        path = base / source
        for file in sorted(path.rglob("*.*")) if path.is_dir() else [path]:
            if file.suffix in (".html", ".py", ".po"):
                digest.update(file.relative_to(base).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


_VERSION = f"{CODE_VERSION}-{_sources_digest()}"


def key_for(kind: str, inputs: tuple) -> str:
    """The cache key of one kept thing: its kind and a digest of everything it depends on."""
    raw = "\x1f".join(map(repr, inputs)).encode()
    # Kept parts hold translated words: each language keeps its own.
    return f"std:{_VERSION}:{get_language()}:{kind}:{hashlib.sha256(raw).hexdigest()}"


def kept(kind: str, inputs: tuple, build: Callable[[], Any], *, timeout=FOREVER) -> Any:
    """The value kept for `(kind, inputs)`, built (and kept) the first time it is asked for."""
    key = key_for(kind, inputs)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
