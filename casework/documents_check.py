"""What a file really is, read from its content: PDF, JPEG or PNG, or refused with a reason.

Never the file's name nor the content type the browser claims: the first bytes must carry the
format's signature and the whole file must parse as that format (Pillow for images, pypdf for
PDFs), so a PNG named .pdf is a PNG, and a text file renamed .jpg is refused.
"""

import io
import logging

from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
SIGNATURES = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
PIL_FORMATS = {JPEG: "JPEG", PNG: "PNG"}
PDF_MAX_PAGES = 500

# pypdf reports a damaged file's repairs as warnings; a refusal says what matters instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class DocumentRefused(ValueError):
    """The file is not a document the portal keeps; the message says why, in words."""


def content_type_of(data: bytes) -> str:
    """The checked content type of `data`, or DocumentRefused."""
    if not data:
        raise DocumentRefused(_("The file is empty."))
    claimed = next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)
    if claimed is None:
        raise DocumentRefused(_("The file is not a PDF, JPEG or PNG document."))
    if claimed == PDF:
        _pdf_check(data)
    else:
        _image_check(data, claimed)
    return claimed


def _image_check(data: bytes, claimed: str) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != PIL_FORMATS[claimed]:
                raise DocumentRefused(_("The image's content does not match its format."))
            image.verify()
    except DocumentRefused:
        raise
    except Image.DecompressionBombError:
        raise DocumentRefused(_("The image has too many pixels to be a scanned page.")) from None
    except Exception:  # Pillow raises many kinds for a damaged image; each means the same
        raise DocumentRefused(_("The image is damaged or incomplete.")) from None


def _pdf_check(data: bytes) -> None:
    if b"%%EOF" not in data[-1024:]:
        raise DocumentRefused(_("The PDF is incomplete (it has no end-of-file marker)."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentRefused(_("The PDF is password-protected; upload it unprotected."))
        pages = len(reader.pages)
    except DocumentRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise DocumentRefused(_("The PDF is damaged and cannot be read.")) from None
    if pages < 1:
        raise DocumentRefused(_("The PDF has no pages."))
    if pages > PDF_MAX_PAGES:
        raise DocumentRefused(_("The PDF has more than %(max)d pages.") % {"max": PDF_MAX_PAGES})
