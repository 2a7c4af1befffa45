"""Writes of the legal and financial help given to startups.

A cost above zero is recorded against the edition's budget line through
``vsfa.costs``, so that the edition's budget counts it like any other cost.
"""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from mentorship.models import Assistance
from mentorship.services_files import attach_files
from vsfa import audit, costs, uploads

COST_FIELDS = ("amount", "budget_line", "provided_on", "description", "kind")


def _cost_description(assistance):
    text = _("%(kind)s for %(startup)s: %(what)s") % {
        "kind": assistance.get_kind_display(),
        "startup": assistance.startup.name,
        "what": assistance.description,
    }
    return text[:300]


def _record_cost(actor, assistance):
    """Put the help's cost on the budget; nothing for help given for free."""
    if not assistance.amount:
        assistance.cost = None
        return
    assistance.cost, _created = costs.record_cost(
        actor=actor,
        edition=assistance.startup.edition,
        line=assistance.budget_line,
        spent_on=assistance.provided_on,
        amount=assistance.amount,
        description=_cost_description(assistance),
        form_token=uuid.uuid4(),
    )


@transaction.atomic
def record_assistance(*, actor, startup, form_token=None, files=(), **values):
    """Record help given to ``startup``; the same form sent twice records it once.

    ``values`` are the Assistance fields (kind, description, provider,
    provided_on, amount, budget_line); ``files`` its documents, checked by
    ``vsfa.uploads``. Returns ``(assistance, created)``. Audited.
    """
    if form_token is not None:
        existing = Assistance.objects.filter(form_token=form_token).first()
        if existing is not None:
            return existing, False
    values["description"] = values["description"].strip()
    values["provider"] = values["provider"].strip()
    assistance = Assistance(
        startup=startup, recorded_by=actor, form_token=form_token, **values
    )
    _record_cost(actor, assistance)
    assistance.save()
    attach_files(actor=actor, startup=startup, files=files, assistance=assistance)
    audit.record(
        actor,
        "assistance.recorded",
        assistance,
        edition=startup.edition,
        summary=f"{startup.name}: {assistance.description}",
        amount=str(assistance.amount),
        line=assistance.budget_line,
    )
    return assistance, True


@transaction.atomic
def change_assistance(*, actor, assistance, files=(), **values):
    """Change recorded help; a changed cost replaces the one on the budget."""
    assistance = Assistance.objects.select_for_update().get(pk=assistance.pk)
    values["description"] = values["description"].strip()
    values["provider"] = values["provider"].strip()
    before = {field: str(getattr(assistance, field)) for field in values}
    for field, value in values.items():
        setattr(assistance, field, value)
    after = {field: str(getattr(assistance, field)) for field in values}

    if any(before[field] != after[field] for field in COST_FIELDS if field in values):
        if assistance.cost is not None:
            costs.delete_cost(actor=actor, cost=assistance.cost)
        _record_cost(actor, assistance)
    assistance.save()
    attach_files(
        actor=actor, startup=assistance.startup, files=files, assistance=assistance
    )
    audit.record(
        actor,
        "assistance.changed",
        assistance,
        edition=assistance.startup.edition,
        summary=f"{assistance.startup.name}: {assistance.description}",
        before=before,
        after=after,
    )
    return assistance


@transaction.atomic
def delete_assistance(*, actor, assistance):
    """Remove help recorded by mistake, its cost and its documents; audited."""
    assistance = Assistance.objects.select_related("startup__edition", "cost").get(
        pk=assistance.pk
    )
    startup = assistance.startup
    audit.record(
        actor,
        "assistance.deleted",
        assistance,
        edition=startup.edition,
        summary=f"{startup.name}: {assistance.description}",
        kind=assistance.kind,
        provider=assistance.provider,
        provided_on=assistance.provided_on.isoformat(),
        amount=str(assistance.amount),
        documents=[document.original_name for document in assistance.documents.all()],
    )
    names = [document.file.name for document in assistance.documents.all()]
    cost = assistance.cost
    assistance.delete()
    if cost is not None:
        costs.delete_cost(actor=actor, cost=cost)
    transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names):
    for name in names:
        uploads.private_storage().delete(name)
