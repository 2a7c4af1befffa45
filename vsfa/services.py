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


class MergeConflict(Exception):
    """Two records cannot be merged without losing something; nothing changed."""


# Details a kept record takes from the merged one when it lacks them.
MERGED_PERSON_FIELDS = ("birth_date", "email", "phone", "gender", "photo_consent")


@transaction.atomic
def merge_people(*, actor, keep, remove):
    """Merge ``remove`` into ``keep``: one human being, every record kept.

    Every relation pointing at ``remove`` is moved to ``keep``, hidden ones
    (``related_name="+"``) included, except on models that set
    ``keep_rows_on_person_merge``: their rows name the records as they were.
    Relations are found through the model meta, so those of apps added later
    move too. Where a move would break a unique constraint (both attended
    the same conference), the removed person's row is a duplicate: its
    details fill the kept row's blanks and it is deleted, unless other rows
    depend on it, which raises :class:`MergeConflict` and changes nothing.
    Two self-declarations of sensitive data become one with the most recent
    answers (see :func:`_merge_declarations`). ``keep`` also takes the
    details it lacks (date of birth, e-mail, phone, ...) and the account of
    ``remove``. ``remove`` stays, with ``merged_into`` set, so that old links
    and its own history still lead somewhere. Audited on both records.
    """
    from vsfa.models import Person

    if keep.pk == remove.pk:
        raise MergeConflict("A record cannot be merged into itself.")
    locked = Person.objects.select_for_update().in_bulk([keep.pk, remove.pk])
    keep, remove = locked[keep.pk], locked[remove.pk]
    if keep.merged_into_id is not None or remove.merged_into_id is not None:
        raise MergeConflict("One of the records was already merged.")
    if keep.user_id is not None and remove.user_id is not None:
        raise MergeConflict("Both records have an account.")

    declaration = _merge_declarations(keep, remove)
    moved, dropped = {}, {}
    for model, field in _person_relations():
        label = model._meta.label
        for row in model._base_manager.filter(**{field.attname: remove.pk}):
            twin = _merge_twin(model, field, row, keep.pk)
            if twin is None:
                model._base_manager.filter(pk=row.pk).update(**{field.attname: keep.pk})
                moved[label] = moved.get(label, 0) + 1
            else:
                _absorb_duplicate(model, field, row, twin)
                dropped.setdefault(label, []).append(row.pk)

    updated = [name for name in MERGED_PERSON_FIELDS if _blank(getattr(keep, name))]
    updated = [name for name in updated if not _blank(getattr(remove, name))]
    for name in updated:
        setattr(keep, name, getattr(remove, name))
    if keep.user_id is None and remove.user_id is not None:
        keep.user_id, remove.user_id = remove.user_id, None
        Person.objects.filter(pk=remove.pk).update(user=None)
        updated.append("user")
    if updated:
        keep.save()
    remove.merged_into = keep
    remove.save()

    summary = f"{remove.full_name} (#{remove.pk}) → {keep.full_name} (#{keep.pk})"
    audit.record(
        actor,
        "person.merged",
        keep,
        summary=summary,
        removed=remove.pk,
        moved=moved,
        dropped=dropped,
        filled=updated,
        **({"sensitive_declaration": declaration} if declaration else {}),
    )
    # The removed record's own history ends with where it went.
    audit.record(actor, "person.merged_into", remove, summary=summary, into=keep.pk)
    return keep


def _person_relations():
    """``(model, foreign key)`` of every row that can point at a person."""
    from vsfa.models import Person

    for relation in Person._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        if relation.many_to_many:
            through = relation.through
            if not through._meta.auto_created:
                # An explicit through model is listed as its own relation.
                continue
            model = through
            field = through._meta.get_field(relation.field.m2m_reverse_field_name())
        else:
            model, field = relation.related_model, relation.field
        if getattr(model, "keep_rows_on_person_merge", False):
            continue
        yield model, field


def _merge_declarations(keep, remove):
    """One self-declaration of sensitive data out of two; None without a clash.

    The more recently updated declaration is what the person said last, so
    its answers win; a question it left unanswered takes the older answer.
    The result stays on ``keep``'s row and the other row is deleted. Returns
    what was chosen for the audit trail: record ids and question names, never
    the answers themselves (special-category data stays out of the log).
    """
    from vsfa.models import SensitiveDeclaration

    declarations = {
        declaration.person_id: declaration
        for declaration in SensitiveDeclaration.objects.select_for_update().filter(
            person__in=[keep.pk, remove.pk]
        )
    }
    if len(declarations) < 2:
        return None
    kept, other = declarations[keep.pk], declarations[remove.pk]
    newer, older = (
        (other, kept) if other.updated_at > kept.updated_at else (kept, other)
    )
    answers = [
        field
        for field in SensitiveDeclaration._meta.concrete_fields
        if not field.primary_key
        and not field.is_relation
        and field.name != "updated_at"
    ]
    values = {"recorded_by_id": newer.recorded_by_id, "updated_at": newer.updated_at}
    from_older = []
    for field in answers:
        value = getattr(newer, field.attname)
        if _blank(value) and not _blank(getattr(older, field.attname)):
            value = getattr(older, field.attname)
            from_older.append(field.name)
        values[field.attname] = value
    # update() leaves ``updated_at`` as given: the answers are as old as they are.
    SensitiveDeclaration.objects.filter(pk=kept.pk).update(**values)
    SensitiveDeclaration.objects.filter(pk=other.pk).delete()
    return {
        "answers_of": newer.person_id,
        "older_answers_of": older.person_id,
        "questions_from_older": from_older,
    }


def _blank(value):
    return value is None or value == ""


def _merge_twin(model, field, row, keep_pk):
    """The kept person's row that ``row`` would duplicate once moved, or None."""
    from django.db.models import UniqueConstraint

    field_sets = [()] if field.unique else []
    conditions = [None] if field.unique else []
    for names in model._meta.unique_together:
        if field.name in names:
            field_sets.append(tuple(n for n in names if n != field.name))
            conditions.append(None)
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and field.name in constraint.fields:
            field_sets.append(tuple(n for n in constraint.fields if n != field.name))
            conditions.append(constraint.condition)
    manager = model._base_manager
    for names, condition in zip(field_sets, conditions, strict=True):
        if condition is not None and not manager.filter(condition, pk=row.pk).exists():
            continue
        lookup = {field.attname: keep_pk}
        for name in names:
            attname = model._meta.get_field(name).attname
            lookup[attname] = getattr(row, attname)
        twins = manager.filter(**lookup).exclude(pk=row.pk)
        if condition is not None:
            twins = twins.filter(condition)
        twin = twins.first()
        if twin is not None:
            return twin
    return None


def _absorb_duplicate(model, field, row, twin):
    """Fill ``twin``'s blank plain fields from ``row``, then delete ``row``."""
    from django.db import router
    from django.db.models.deletion import Collector, ProtectedError

    collector = Collector(using=router.db_for_write(model))
    try:
        collector.collect([row])
    except ProtectedError as error:
        raise MergeConflict(
            f"{model._meta.label} #{row.pk} is still in use."
        ) from error
    dependents = sum(len(objs) for objs in collector.data.values()) - 1
    dependents += sum(qs.count() for qs in collector.fast_deletes)
    if dependents:
        raise MergeConflict(f"{model._meta.label} #{row.pk} has records of its own.")
    blanks = {}
    for other in model._meta.concrete_fields:
        if other.primary_key or other.is_relation or other is field:
            continue
        if _blank(getattr(twin, other.attname)) and not _blank(
            getattr(row, other.attname)
        ):
            blanks[other.attname] = getattr(row, other.attname)
    if blanks:
        model._base_manager.filter(pk=twin.pk).update(**blanks)
    model._base_manager.filter(pk=row.pk).delete()
