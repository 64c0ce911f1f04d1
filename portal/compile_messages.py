"""Compile the portal's translation catalogs (locale/*/LC_MESSAGES/*.po) into .mo files.

With GNU gettext's `msgfmt` installed it checks and compiles them; on a machine with nothing but
Python, polib (a dependency) writes the same .mo files. A catalog already compiled (its .mo
newer than its .po) is left alone. Run as `python -m portal.compile_messages`.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalog(po: Path) -> bool:
    """Compile one catalog if its .mo is missing or older; True when it was compiled."""
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return False
    # Written beside and moved into place: parallel test processes never read half a file.
    handle, temporary = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
    os.close(handle)
    try:
        msgfmt = shutil.which("msgfmt")
        if msgfmt:
            subprocess.run([msgfmt, "--check-format", "-o", temporary, str(po)], check=True)
        else:
            import polib

            polib.pofile(str(po)).save_as_mofile(temporary)
        os.replace(temporary, mo)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return True


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every catalog under `locale_dir` compiled when needed; the ones compiled."""
    return [po for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")) if compile_catalog(po)]


if __name__ == "__main__":
    for po in compile_all():
        print(f"compiled {po.relative_to(LOCALE_DIR.parent)}")
    sys.exit(0)
