"""A notice's body (HTML the portal rendered) as a PDF, with fpdf2 (pure Python)."""

import os

from django.conf import settings
from fpdf import FPDF, FontFace

# The Bold/Oblique faces Debian ships beside DejaVuSans.ttf, found by name when present.
_STYLES = {"B": "-Bold", "I": "-Oblique", "BI": "-BoldOblique"}


# Headings in the portal's navy, not fpdf2's default dark red.
_NAVY = (16, 42, 67)
_HEADINGS = {
    "h1": FontFace(color=_NAVY, emphasis="BOLD", size_pt=20),
    "h2": FontFace(color=_NAVY, emphasis="BOLD", size_pt=15),
    "h3": FontFace(color=_NAVY, emphasis="BOLD", size_pt=13),
    "h4": FontFace(color=_NAVY, emphasis="BOLD", size_pt=11),
}


def _unicode_font(pdf: FPDF) -> bool:
    regular = settings.NOTICE_PDF_FONT
    if not regular or not os.path.exists(regular):
        return False
    pdf.add_font("NoticeFont", "", regular)
    stem, ext = os.path.splitext(regular)
    for style, suffix in _STYLES.items():
        face = f"{stem}{suffix}{ext}"
        pdf.add_font("NoticeFont", style, face if os.path.exists(face) else regular)
    pdf.set_font("NoticeFont", size=11)
    return True


def _latin1(html: str) -> str:
    """The core PDF font knows Latin-1 only: anything else is shown as '?'."""
    return html.encode("latin-1", "replace").decode("latin-1")


def html_pdf(*, html: str, title: str) -> bytes:
    """The HTML (headings, paragraphs, lists, bold) laid out on A4 pages, as PDF bytes."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("Classification & Qualification Portal")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    if not _unicode_font(pdf):
        pdf.set_font("Helvetica", size=11)
        html = _latin1(html)
    pdf.write_html(html, tag_styles=_HEADINGS)
    return bytes(pdf.output())
