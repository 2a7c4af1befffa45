import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from mentorship.models import Attachment, CheckIn
from tests.mentorship.builders import checkin_data, login_url, pdf_upload
from vsfa.models import AuditEvent

TODAY = timezone.localdate()
OUTSIDERS = ["other_mentor", "juror_user", "other_participant"]


def detail_url(checkin):
    return reverse("mentorship:checkin_detail", kwargs={"pk": checkin.pk})


def record_url(checkin):
    return reverse("mentorship:checkin_update", kwargs={"pk": checkin.pk})


def submit_url(checkin):
    return reverse("mentorship:checkin_submit", kwargs={"pk": checkin.pk})


def numbers_data(jobs=(), **overrides):
    """The founders' form as sent."""
    data = checkin_data(jobs=jobs, **overrides)
    for field in ("done_on", "notes"):
        data.pop(field)
    return data


# A check-in's page


@pytest.mark.parametrize("persona", ["organiser", "mentor_user"])
def test_checkin_detail_mentor_and_organiser_see_everything(
    sign_in_as, persona, followed
):
    checkin = followed.checkins.get(number=1)

    response = sign_in_as(persona).get(detail_url(checkin))

    html = response.content.decode()
    attachment = Attachment.objects.get()
    assert response.status_code == 200
    assert [str(job) for job in response.context["jobs"]] == [
        str(job) for job in checkin.jobs.order_by("started_on", "pk")
    ]
    assert "Notă doar pentru mentor" in html
    assert record_url(checkin) in html
    assert (
        reverse("mentorship:attachment_download", kwargs={"pk": attachment.pk}) in html
    )
    assert 'id="checkin-jobs-created">1<' in html


def test_checkin_detail_founder_sees_numbers_and_evidence_not_notes(
    sign_in_as, followed
):
    checkin = followed.checkins.get(number=1)

    response = sign_in_as("participant").get(detail_url(checkin))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Notă doar pentru mentor" not in html
    assert record_url(checkin) not in html
    assert "contract-munca.pdf" in html
    assert response.context["can_fill"] is False


def test_checkin_detail_founder_offered_to_fill_an_open_checkin(sign_in_as, followed):
    late = followed.checkins.get(number=4)

    response = sign_in_as("participant").get(detail_url(late))

    assert response.context["can_fill"] is True
    assert submit_url(late) in response.content.decode()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_checkin_detail_outsiders_get_404(sign_in_as, persona, followed):
    response = sign_in_as(persona).get(detail_url(followed.checkins.get(number=1)))

    assert response.status_code == 404


def test_checkin_detail_anonymous_signs_in_first(sign_in_as, followed):
    url = detail_url(followed.checkins.get(number=1))

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


def test_checkin_detail_missing_checkin_is_404(sign_in_as, followed):
    response = sign_in_as("organiser").get(
        reverse("mentorship:checkin_detail", kwargs={"pk": 999_999})
    )

    assert response.status_code == 404


# The mentor records: people working, evidence, confirmation


def test_checkin_update_starts_from_the_people_working_before(sign_in_as, followed):
    response = sign_in_as("mentor_user").get(
        record_url(followed.checkins.get(number=2))
    )

    jobs = response.context["jobs"]
    assert [form.initial["contract_type"] for form in jobs.initial_forms] == [
        "full_time",
        "founder",
    ]
    assert jobs.total_form_count() == 4
    assert 'id="job-row-template"' in response.content.decode()


def test_checkin_update_with_evidence_saves_the_file(sign_in_as, followed):
    checkin = followed.checkins.get(number=2)

    response = sign_in_as("mentor_user").post(
        record_url(checkin),
        {**checkin_data(jobs=[("full_time", "2026-01-05")]), "files": pdf_upload()},
    )

    checkin.refresh_from_db()
    assert response.status_code == 302
    assert list(checkin.evidence.values_list("original_name", flat=True)) == [
        "contract.pdf"
    ]


def test_checkin_update_html_named_pdf_refused_with_values_kept(sign_in_as, followed):
    checkin = followed.checkins.get(number=2)
    page = pdf_upload("factura.pdf", b"<!DOCTYPE html><html><script></script></html>")

    response = sign_in_as("mentor_user").post(
        record_url(checkin),
        {**checkin_data(customers="17"), "files": page},
    )

    checkin.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "files": [
            gettext("%(name)s: %(message)s")
            % {
                "name": "factura.pdf",
                "message": gettext(
                    "This file is a web page (HTML), whatever its name says: "
                    "upload %(wanted)s."
                )
                % {"wanted": gettext("a PDF, or a photo as JPEG, PNG or WebP")},
            }
        ]
    }
    assert 'value="17"' in response.content.decode()
    assert (checkin.done_on, Attachment.objects.count()) == (None, 1)


def test_checkin_update_job_row_without_date_refused(sign_in_as, followed):
    checkin = followed.checkins.get(number=2)

    response = sign_in_as("mentor_user").post(
        record_url(checkin), checkin_data(jobs=[("full_time", "")])
    )

    checkin.refresh_from_db()
    assert response.context["jobs"].errors == [
        {"started_on": [gettext("Enter the day they started.")]}
    ]
    assert checkin.done_on is None


def test_checkin_update_removing_a_person_from_the_list(sign_in_as, followed):
    checkin = followed.checkins.get(number=2)
    data = checkin_data(
        jobs=[("full_time", "2025-11-01"), ("founder", "2025-09-01")],
        **{"jobs-INITIAL_FORMS": "2", "jobs-1-DELETE": "on"},
    )

    sign_in_as("mentor_user").post(record_url(checkin), data)

    checkin.refresh_from_db()
    assert list(checkin.jobs.values_list("contract_type", flat=True)) == ["full_time"]
    assert checkin.jobs_created == 1


def test_checkin_update_confirms_what_the_founders_filled_in(sign_in_as, followed):
    checkin = followed.checkins.get(number=4)
    sign_in_as("participant").post(
        submit_url(checkin),
        numbers_data(jobs=[("full_time", "2026-01-05")], customers="9"),
    )

    page = sign_in_as("mentor_user").get(record_url(checkin))
    response = sign_in_as("mentor_user").post(
        record_url(checkin), checkin_data(jobs=[("full_time", "2026-01-05")])
    )

    checkin.refresh_from_db()
    assert 'id="founder-draft"' in page.content.decode()
    assert page.context["form"].initial["customers"] == 9
    assert response.status_code == 302
    assert checkin.done_on == TODAY
    assert list(
        AuditEvent.objects.filter(object_id=str(checkin.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["checkin.submitted", "checkin.confirmed"]


# The founders fill in their numbers


def test_checkin_submit_founder_fills_in_a_draft(sign_in_as, followed, participant):
    checkin = followed.checkins.get(number=4)
    client = sign_in_as("participant")

    page = client.get(submit_url(checkin))
    response = client.post(
        submit_url(checkin),
        {
            **numbers_data(
                jobs=[("full_time", "2026-01-05"), ("part_time", "2026-02-01")],
                customers="6",
                money_raised="20000",
            ),
            "files": pdf_upload("extras.pdf"),
        },
    )

    checkin.refresh_from_db()
    assert page.status_code == 200
    assert (response.status_code, response.url) == (302, detail_url(checkin))
    assert (checkin.done_on, checkin.submitted_by, checkin.jobs_created) == (
        None,
        participant.person.user,
        2,
    )
    assert (checkin.customers, str(checkin.money_raised)) == (6, "20000.00")
    assert list(checkin.evidence.values_list("uploaded_by", flat=True)) == [
        participant.person.user.pk
    ]


def test_checkin_submit_form_has_no_mentor_notes(sign_in_as, followed):
    response = sign_in_as("participant").get(
        submit_url(followed.checkins.get(number=4))
    )

    assert sorted(response.context["form"].fields) == [
        "customers",
        "files",
        "money_raised",
        "next_steps",
        "revenue_band",
        "risks",
        "status",
    ]


def test_checkin_submit_after_confirmation_sends_back(sign_in_as, followed):
    checkin = followed.checkins.get(number=1)

    response = sign_in_as("participant").post(
        submit_url(checkin), numbers_data(customers="99")
    )

    checkin.refresh_from_db()
    assert (response.status_code, response.url) == (302, detail_url(checkin))
    assert checkin.customers is None


def test_checkin_submit_not_open_yet_sends_back(sign_in_as, followed):
    later = followed.checkins.get(number=6)

    response = sign_in_as("participant").get(submit_url(later), follow=True)

    opens = later.due_on - datetime.timedelta(days=3)
    assert [str(message) for message in response.context["messages"]] == [
        gettext("This check-in can be filled in from %(date)s.")
        % {"date": opens.strftime("%d.%m.%Y")}
    ]


@pytest.mark.parametrize("persona", ["organiser", "mentor_user", *OUTSIDERS])
def test_checkin_submit_only_founders_get_the_page(sign_in_as, persona, followed):
    checkin = followed.checkins.get(number=4)

    response = sign_in_as(persona).post(submit_url(checkin), numbers_data())

    checkin.refresh_from_db()
    assert response.status_code == 404
    assert checkin.submitted_at is None


def test_checkin_submit_anonymous_signs_in_first(sign_in_as, followed):
    url = submit_url(followed.checkins.get(number=4))

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


def test_checkin_update_founder_cannot_record(sign_in_as, followed):
    checkin = followed.checkins.get(number=4)

    response = sign_in_as("participant").post(record_url(checkin), checkin_data())

    assert response.status_code == 404
    assert CheckIn.objects.get(pk=checkin.pk).done_on is None
