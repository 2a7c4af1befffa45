"""Files are handed out by views that check who asks, never from a public URL."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext
from PIL import Image

from mentorship.models import Attachment, Founder, Startup
from mentorship.services_files import attach_files
from tests import factories
from tests.mentorship.builders import (
    PDF,
    login_url,
    make_followed_startup,
    pdf_upload,
    png_upload,
)
from tests.mentorship.conftest import PERSONAS
from vsfa.uploads import validate_image

SEE_THE_STARTUP = ["organiser", "mentor_user", "participant"]
OUTSIDERS = ["other_mentor", "juror_user", "other_participant"]


def download_url(attachment):
    return reverse("mentorship:attachment_download", kwargs={"pk": attachment.pk})


def delete_url(attachment):
    return reverse("mentorship:attachment_delete", kwargs={"pk": attachment.pk})


def body(response):
    content = b"".join(response.streaming_content)
    response.close()
    return content


# Evidence and documents


@pytest.mark.parametrize("persona", SEE_THE_STARTUP)
def test_attachment_download_streams_to_those_who_see_the_startup(
    sign_in_as, persona, followed
):
    attachment = Attachment.objects.get()

    response = sign_in_as(persona).get(download_url(attachment))

    assert response.status_code == 200
    assert body(response) == PDF
    assert (
        response["Content-Type"],
        response["X-Content-Type-Options"],
        response["Content-Security-Policy"],
    ) == ("application/pdf", "nosniff", "sandbox; default-src 'none'")
    assert response["Content-Disposition"] == (
        'attachment; filename="contract-munca.pdf"'
    )


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_attachment_download_outsiders_get_404(sign_in_as, persona, followed):
    response = sign_in_as(persona).get(download_url(Attachment.objects.get()))

    assert response.status_code == 404


def test_attachment_download_anonymous_signs_in_first(sign_in_as, followed):
    url = download_url(Attachment.objects.get())

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


def test_attachment_is_not_under_media_root_nor_at_a_media_url(sign_in_as, followed):
    attachment = Attachment.objects.get()
    path = attachment.file.path

    response = sign_in_as("organiser").get(
        f"/{settings.MEDIA_URL}{attachment.file.name}"
    )

    assert str(settings.MEDIA_ROOT) not in path
    assert path.startswith(str(settings.VSFA_PRIVATE_MEDIA_ROOT))
    assert response.status_code == 404


# Removing a file


@pytest.mark.parametrize("persona", ["organiser", "mentor_user"])
def test_attachment_delete_asks_then_removes(sign_in_as, persona, followed):
    attachment = Attachment.objects.get()
    storage, name = attachment.file.storage, attachment.file.name
    client = sign_in_as(persona)

    page = client.get(delete_url(attachment))
    exists_after_get = storage.exists(name)
    response = client.post(delete_url(attachment))

    checkin = followed.checkins.get(number=1)
    assert page.status_code == 200
    assert exists_after_get is True
    assert (response.status_code, response.url) == (
        302,
        reverse("mentorship:checkin_detail", kwargs={"pk": checkin.pk}),
    )
    assert Attachment.objects.count() == 0


def test_attachment_delete_founder_may_remove_own_evidence_of_a_draft(
    sign_in_as, followed, participant
):
    checkin = followed.checkins.get(number=4)
    (own,) = attach_files(
        actor=participant.person.user,
        startup=followed,
        files=[pdf_upload("mine.pdf")],
        checkin=checkin,
    )

    response = sign_in_as("participant").post(delete_url(own))

    assert response.status_code == 302
    assert list(Attachment.objects.values_list("original_name", flat=True)) == [
        "contract-munca.pdf"
    ]


def test_attachment_delete_founder_cannot_remove_the_mentors_file(sign_in_as, followed):
    response = sign_in_as("participant").post(delete_url(Attachment.objects.get()))

    assert response.status_code == 404
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_attachment_delete_outsiders_get_404(sign_in_as, persona, followed):
    response = sign_in_as(persona).post(delete_url(Attachment.objects.get()))

    assert response.status_code == 404
    assert Attachment.objects.count() == 1


def test_attachment_delete_anonymous_signs_in_first(sign_in_as, followed):
    url = delete_url(Attachment.objects.get())

    response = sign_in_as("anonymous").post(url)

    assert (response.status_code, response.url) == (302, login_url(url))
    assert Attachment.objects.count() == 1


# The logo


@pytest.fixture
def with_logo(followed):
    checked = validate_image(png_upload())
    followed.logo.save(checked.file.name, checked.file, save=True)
    return followed


@pytest.mark.parametrize("persona", SEE_THE_STARTUP)
def test_startup_logo_shown_to_those_who_see_the_startup(
    sign_in_as, persona, with_logo
):
    url = reverse("mentorship:startup_logo", kwargs={"pk": with_logo.pk})

    response = sign_in_as(persona).get(url)

    image = Image.open(io.BytesIO(body(response)))
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    assert image.size == (4, 4)


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_startup_logo_outsiders_get_404(sign_in_as, persona, with_logo):
    url = reverse("mentorship:startup_logo", kwargs={"pk": with_logo.pk})

    response = sign_in_as(persona).get(url)

    assert response.status_code == 404


def test_startup_logo_anonymous_signs_in_first(sign_in_as, with_logo):
    url = reverse("mentorship:startup_logo", kwargs={"pk": with_logo.pk})

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


def test_startup_logo_none_is_404(sign_in_as, followed):
    url = reverse("mentorship:startup_logo", kwargs={"pk": followed.pk})

    response = sign_in_as("organiser").get(url)

    assert response.status_code == 404


def test_startup_detail_shows_the_logo_through_its_view(sign_in_as, with_logo):
    url = reverse("mentorship:startup_detail", kwargs={"pk": with_logo.pk})

    response = sign_in_as("participant").get(url)

    logo_url = reverse("mentorship:startup_logo", kwargs={"pk": with_logo.pk})
    assert f'src="{logo_url}"' in response.content.decode()


# The court emancipation document: organisers only


@pytest.fixture
def emancipated(edition, mentor_user):
    minor = factories.make_person(birth_date=datetime.date(2009, 1, 1))
    factories.make_member(edition, person=minor)
    startup = make_followed_startup(
        edition, mentors=[mentor_user.mentor], founders=[minor]
    )
    founder = Founder.objects.get(startup=startup)
    founder.emancipation_document.save("x.pdf", pdf_upload(), save=True)
    return founder


def test_founder_document_organiser_downloads_it(sign_in_as, emancipated):
    url = reverse("mentorship:founder_document", kwargs={"pk": emancipated.pk})

    response = sign_in_as("organiser").get(url)

    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Disposition"] == (
        f'attachment; filename="emancipation-{emancipated.person_id}.pdf"'
    )


@pytest.mark.parametrize(
    "persona", [p for p in PERSONAS if p not in {"organiser", "anonymous"}]
)
def test_founder_document_others_get_404(sign_in_as, persona, emancipated):
    url = reverse("mentorship:founder_document", kwargs={"pk": emancipated.pk})

    response = sign_in_as(persona).get(url)

    assert response.status_code == 404


def test_founder_document_anonymous_signs_in_first(sign_in_as, emancipated):
    url = reverse("mentorship:founder_document", kwargs={"pk": emancipated.pk})

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


# Uploading through the startup form


def startup_form(mentor, founders, **overrides):
    data = {
        "legal_form": "SRL",
        "name": "Atelier Verde SRL",
        "cui": "RO 185 472 90",
        "trade_register_number": "J40/1234/2020",
        "caen_code": "6201",
        "caen_revision": "3",
        "registration_date": "2026-10-31",
        "share_capital": "500",
        "founders": [person.pk for person in founders],
        "mentors": [mentor.pk],
    }
    data.update(overrides)
    return data


def test_startup_create_logo_saved_re_encoded(sign_in_as, mentor_user, founder):
    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        startup_form(mentor_user.mentor, [founder], logo=png_upload("logo.png")),
    )

    startup = Startup.objects.get()
    assert response.status_code == 302
    assert startup.logo.name.startswith("logos/")
    assert startup.logo.name.endswith(".jpg")


def test_startup_create_svg_logo_refused_with_a_message(
    sign_in_as, mentor_user, founder
):
    svg = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
    )

    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        startup_form(mentor_user.mentor, [founder], logo=svg),
    )

    assert response.context["form"].errors == {
        "logo": [
            gettext(
                "SVG drawings are not accepted, as they can contain scripts: "
                "upload a PNG or JPEG image instead."
            )
        ]
    }
    assert Startup.objects.count() == 0


def test_startup_create_heic_document_named_jpg_refused(
    sign_in_as, edition, mentor_user
):
    minor = factories.make_person(birth_date=datetime.date(2009, 11, 1))
    factories.make_member(edition, person=minor)
    heic = SimpleUploadedFile("hotarare.jpg", b"\x00\x00\x00\x18ftypheic" + b"\0" * 40)

    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        startup_form(
            mentor_user.mentor,
            [minor],
            emancipated_founder=minor.pk,
            emancipation_document=heic,
        ),
    )

    assert list(response.context["form"].errors["emancipation_document"]) == [
        gettext(
            "This is a HEIC/HEIF photo (the iPhone's format), whatever its name "
            "says: choose JPEG in the phone's camera settings, or export the "
            "photo as JPEG, and upload it again."
        )
    ]
    assert Startup.objects.count() == 0


def test_startup_create_oversized_logo_refused(
    sign_in_as, mentor_user, founder, settings
):
    settings.VSFA_UPLOAD_MAX_BYTES = 50

    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        startup_form(mentor_user.mentor, [founder], logo=png_upload(size=(64, 64))),
    )

    assert list(response.context["form"].errors) == ["logo"]
    assert Startup.objects.count() == 0


def test_attachment_photo_opens_in_the_browser(sign_in_as, followed, mentor_user):
    (photo,) = attach_files(
        actor=mentor_user,
        startup=followed,
        files=[png_upload("factura.png")],
        checkin=followed.checkins.get(number=1),
    )

    response = sign_in_as("participant").get(download_url(photo))

    body(response)
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "image/jpeg",
        'inline; filename="factura.jpg"',
    )
