"""The certificate of completion: one A4 page for a member who met the rule.

The name is printed exactly as recorded, diacritics included (see
``vsfa.pdf``); the modules are the confirmed ones, as the completion rule
counts them; the signature is the edition's signatory, named on the edition's
settings page.
"""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vsfa.pdf import Document

PROGRAMME = "Vreau să fiu antreprenor"
MARGIN = 20


def certificate_filename(member):
    return f"certificat-vsfa-{slugify(member.edition.name)}.pdf"


def certificate(member, progress, issued_on=None):
    """The certificate of ``member`` as a ``Document``; ``progress`` is theirs.

    The caller checks that the member met the completion rule.
    """
    issued_on = issued_on or timezone.localdate()
    edition = member.edition
    name = member.person.full_name
    document = Document(
        title=_("Certificate of completion: %(name)s") % {"name": name},
        author=edition.certificate_signatory,
    )
    document.set_margins(MARGIN, MARGIN, MARGIN)
    document.add_page()
    width = document.epw

    document.set_font(size=26, style="B")
    document.ln(18)
    document.cell(
        width,
        14,
        _("Certificate of completion"),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    document.set_font(size=12, style="")
    document.ln(8)
    document.cell(
        width, 8, _("This certifies that"), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    document.ln(4)
    document.set_font(size=22, style="B")
    document.cell(width, 12, name, align="C", new_x="LMARGIN", new_y="NEXT")
    document.ln(4)
    document.set_font(size=12, style="")
    document.multi_cell(
        width,
        7,
        _(
            "completed the entrepreneurship training of the programme "
            "“%(programme)s”, edition %(edition)s."
        )
        % {"programme": PROGRAMME, "edition": edition.name},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    document.ln(8)

    document.set_font(size=12, style="B")
    document.cell(
        width,
        8,
        _("Modules completed (%(done)s of %(total)s):")
        % {"done": progress.modules_done, "total": progress.module_count},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    document.set_font(size=10, style="")
    for completion in progress.completions:
        document.multi_cell(
            width, 6, str(completion.module), new_x="LMARGIN", new_y="NEXT"
        )
    document.ln(12)

    document.set_font(size=11, style="")
    document.cell(
        width / 2,
        7,
        _("Date: %(date)s") % {"date": issued_on.strftime("%d.%m.%Y")},
    )
    document.multi_cell(
        width / 2,
        7,
        "\n".join(
            line
            for line in (
                "______________________",
                edition.certificate_signatory,
                edition.certificate_signatory_role,
            )
            if line
        ),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return document
