"""Writes on accounts and editions."""

import logging

from django.conf import settings
from django.db import transaction

from vsfa import audit
from vsfa.choices import Role
from vsfa.models import Edition, Invitation, User

logger = logging.getLogger(__name__)

ROLE_FLAGS = {
    Role.ORGANISER: "is_organiser",
    Role.MENTOR: "is_mentor",
    Role.JUROR: "is_juror",
    Role.PARTICIPANT: "is_participant",
}


@transaction.atomic
def create_edition(*, actor, name, starts_on, ends_on, make_current=False, **targets):
    """Create an edition with the default targets, overridden by ``targets``."""
    values = {**settings.VSFA_DEFAULT_TARGETS, **targets}
    if make_current:
        Edition.objects.filter(is_current=True).update(is_current=False)
    edition = Edition.objects.create(
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        is_current=make_current,
        **values,
    )
    audit.record(actor, "edition.created", edition, edition=edition, summary=name)
    return edition


@transaction.atomic
def make_current(*, actor, edition):
    Edition.objects.filter(is_current=True).exclude(pk=edition.pk).update(
        is_current=False
    )
    Edition.objects.filter(pk=edition.pk).update(is_current=True)
    edition.is_current = True
    audit.record(actor, "edition.made_current", edition, edition=edition)


def next_edition_name(name):
    """ "2026/2027" -> "2027/2028"; anything else is left for the organiser."""
    parts = name.split("/")
    if len(parts) == 2 and all(part.isdigit() for part in parts):
        return f"{int(parts[0]) + 1}/{int(parts[1]) + 1}"
    return ""


@transaction.atomic
def invite_user(*, actor, email, full_name, role):
    """Give ``email`` the role, creating the account if needed, and invite them.

    The invitation e-mail is queued after the transaction commits and is sent
    at most once per invitation (see ``vsfa.tasks.send_invitation``). Returns
    ``(user, invitation)``; ``invitation`` is None when the person already has
    a password and only gained a role.
    """
    email = email.strip().lower()
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name.strip())
    elif full_name and not user.full_name:
        user.full_name = full_name.strip()
    setattr(user, ROLE_FLAGS[Role(role)], True)
    user.save()

    invitation = None
    if not user.has_usable_password():
        invitation = Invitation.objects.create(user=user, role=role, invited_by=actor)
        transaction.on_commit(lambda: _enqueue_invitation(invitation.pk))
    audit.record(actor, "user.invited", user, summary=f"{email} ({role})")
    return user, invitation


def _enqueue_invitation(invitation_id):
    from vsfa.tasks import send_invitation

    send_invitation(invitation_id)
