import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from tests import factories
from vsfa import services
from vsfa.models import Invitation, User

pytestmark = pytest.mark.django_db


def test_email_is_unique_without_regard_to_case():
    User.objects.create_user(email="Ana@x.ro", password="a-long-password-1")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="ana@X.RO", password="a-long-password-2")

    assert list(User.objects.values_list("email", flat=True)) == ["ana@x.ro"]


def test_sign_in_by_email_in_any_case(client):
    factories.make_user(
        "organiser", email="oana@primarie6.ro", password="pass-word-123!"
    )

    response = client.post(
        "/accounts/login/",
        {"login": "OANA@Primarie6.ro", "password": "pass-word-123!"},
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_sign_up_is_closed(client):
    response = client.get("/accounts/signup/")

    assert response.status_code == 200
    assert response.templates[0].name == "account/signup_closed.html"
    assert User.objects.count() == 0


def test_invite_user_creates_account_and_sends_one_email(
    organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user, invitation = services.invite_user(
            actor=organiser,
            email=" Mihai@Firma.RO ",
            full_name="Mihai Popa",
            role="mentor",
        )

    assert user.email == "mihai@firma.ro"
    assert user.is_mentor is True
    assert user.has_usable_password() is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mihai@firma.ro"]
    assert Invitation.objects.get().sent_at is not None


def test_invitation_task_sends_once_when_run_twice(organiser):
    user, invitation = services.invite_user(
        actor=organiser, email="ion@firma.ro", full_name="Ion", role="juror"
    )
    from vsfa.tasks import send_invitation

    send_invitation.call_local(invitation.pk)
    send_invitation.call_local(invitation.pk)

    assert len(mail.outbox) == 1


def test_invite_existing_account_adds_role_without_second_account(organiser):
    existing = factories.make_user("mentor", email="maria@firma.ro")

    user, invitation = services.invite_user(
        actor=organiser, email="MARIA@firma.ro", full_name="Maria", role="juror"
    )

    assert user.pk == existing.pk
    assert (user.is_mentor, user.is_juror) == (True, True)
    assert invitation is None
    assert User.objects.count() == 2  # the organiser and Maria
    assert mail.outbox == []


def test_invitation_link_sets_password_and_signs_in(
    client, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_user(
            actor=organiser, email="ana@firma.ro", full_name="Ana", role="mentor"
        )
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    path = link.replace("http://127.0.0.1:8000", "")

    landing = client.get(path, follow=True)
    form_path = landing.redirect_chain[-1][0] if landing.redirect_chain else path
    response = client.post(
        form_path,
        {"password1": "un-parola-lunga-42", "password2": "un-parola-lunga-42"},
    )

    assert response.status_code == 302
    user = User.objects.get(email="ana@firma.ro")
    assert user.check_password("un-parola-lunga-42") is True
