"""PDF documents that keep every letter of a Romanian name.

The fonts built into every PDF reader know only Latin-1, where ș, ț and ă do
not exist; DejaVu Sans (its licence is beside it in ``fonts/``) covers them and
the other Latin alphabets a participant's name may be written in. fpdf2 embeds
only the glyphs a document uses, so a one-page certificate stays small.
"""

from pathlib import Path

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


class Document(FPDF):
    """An A4 page in millimetres, in DejaVu Sans, titled and in Romanian."""

    def __init__(self, title, author="", orientation="portrait"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_font(FAMILY, size=11)
        self.set_title(title)
        self.set_author(author)
        self.set_creator("vsfa")
        self.set_lang("ro")
        self.set_auto_page_break(auto=True, margin=15)


def pdf_response(document, filename, attachment=True):
    """The document as a download (or shown in the browser, ``attachment=False``)."""
    response = HttpResponse(bytes(document.output()), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response
