"""Fixed parts of the queue page (the blank filter form, the table's head, the bulk actions
around the officers' list) written once per process and kept, keyed by the language, the
template's source and what else the caller names.

Nothing personal may enter this store: only parts rendered from the portal's own texts and
the standards' level titles are kept; names of applicants and officers are always rendered
afresh around them (a test renders a queue and looks for the applicant's name here).
"""

import hashlib
from collections.abc import Callable, Hashable
from pathlib import Path

from django.utils.translation import get_language

from portal.process_kept import ProcessKept

# Far more than the queue's variants (languages x level lists); a bound.
_KEPT = ProcessKept(limit=500)
_DIGESTS: dict[str, str] = {}


def fragment_kept(name: str, source: str, parts: tuple[Hashable, ...], render: Callable) -> str:
    """The fragment `name` of the template at `source` for these key parts: kept, or rendered
    by `render()` and kept."""
    key = (name, get_language(), source_digest(source), *parts)
    return _KEPT.get_or_make(key, render)


def source_digest(source: str) -> str:
    """sha256 of a template file's text (read once a process): a changed template is a new
    key, never the old markup."""
    digest = _DIGESTS.get(source)
    if digest is None:
        path = Path(source)
        text = path.read_bytes() if path.is_file() else source.encode()
        digest = _DIGESTS[source] = hashlib.sha256(text).hexdigest()
    return digest


def kept_values() -> list[str]:
    """Everything kept, for tests that check no personal data is in it."""
    return [*map(str, _KEPT), *_KEPT.values()]


def kept_clear() -> None:
    _KEPT.clear()
