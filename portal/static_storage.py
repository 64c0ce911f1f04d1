"""Static files as Django stores them, each file's address written once a process.

The base template asks for four addresses on every page; each is the storage's base address
joined to the file's name, the same for the process's life (the storage reads its base
address once, when it is made; a changed setting makes a new storage). Only addresses of the
portal's own files are kept, and a bounded number of them.
"""

from django.contrib.staticfiles.storage import StaticFilesStorage

from portal.process_kept import ProcessKept


class KeptUrlsStaticFilesStorage(StaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = ProcessKept(limit=1000)  # far more than the portal's files; a bound

    def url(self, name):
        kept = self._urls.get(name)
        if kept is None:
            kept = self._urls.keep(name, super().url(name))
        return kept
