"""The portal's settings with a hello-world view added, for `bench/bench_pages.py`."""

import warnings

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.pages_urls"
# The benchmark requests no static file: whitenoise need not find collected ones.
warnings.filterwarnings("ignore", message="No directory at")
