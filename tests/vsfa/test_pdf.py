import io

from pypdf import PdfReader

from vsfa.pdf import Document, pdf_response


def test_a_document_keeps_every_romanian_letter():
    document = Document(title="Certificat")
    document.add_page()
    document.cell(text="Ștefănescu Țării Âncuța Îngrid, ĂăÂâÎîȘșȚț şţŞŢ")

    response = pdf_response(document, "certificat-ștefănescu.pdf")

    reader = PdfReader(io.BytesIO(response.content))
    assert reader.pages[0].extract_text() == (
        "Ștefănescu Țării Âncuța Îngrid, ĂăÂâÎîȘșȚț şţŞŢ"
    )
    assert reader.metadata.title == "Certificat"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''certificat-%C8%99tef%C4%83nescu.pdf"
    )


def test_a_document_can_be_shown_in_the_browser():
    document = Document(title="Proces-verbal", orientation="landscape")
    document.add_page()

    response = pdf_response(document, "proces-verbal.pdf", attachment=False)

    assert response["Content-Disposition"] == 'inline; filename="proces-verbal.pdf"'
    assert PdfReader(io.BytesIO(response.content)).pages[0].mediabox.width > 800
