"""Writes on an edition's budget and the costs recorded against it."""

from django.db import transaction

from vsfa import audit
from vsfa.models import Cost, Edition

BUDGET_FIELDS = ("budget_curriculum", "budget_running", "budget_events")


@transaction.atomic
def save_budget(*, actor, edition, retention_years, **lines):
    """Change the edition's three budget lines and retention period; audited."""
    before = {name: str(getattr(edition, name)) for name in BUDGET_FIELDS}
    for name in BUDGET_FIELDS:
        setattr(edition, name, lines[name])
    edition.retention_years = retention_years
    Edition.objects.filter(pk=edition.pk).update(
        retention_years=retention_years, **{name: lines[name] for name in BUDGET_FIELDS}
    )
    audit.record(
        actor,
        "budget.changed",
        edition,
        edition=edition,
        summary=edition.name,
        before=before,
        after={name: str(lines[name]) for name in BUDGET_FIELDS},
        retention_years=retention_years,
    )
    return edition


@transaction.atomic
def record_cost(*, actor, edition, line, spent_on, amount, description, form_token):
    """Record a cost; the same form sent twice records it once. Audited.

    Returns ``(cost, created)``.
    """
    cost, created = Cost.objects.get_or_create(
        form_token=form_token,
        defaults={
            "edition": edition,
            "line": line,
            "spent_on": spent_on,
            "amount": amount,
            "description": description.strip(),
            "recorded_by": actor,
        },
    )
    if created:
        audit.record(
            actor,
            "cost.recorded",
            cost,
            edition=edition,
            summary=f"{cost.get_line_display()}: {amount} EUR · {cost.description}",
            line=line,
            amount=str(amount),
        )
    return cost, created


@transaction.atomic
def delete_cost(*, actor, cost):
    """Remove a cost recorded by mistake; the audit trail keeps what it was."""
    audit.record(
        actor,
        "cost.deleted",
        cost,
        edition=cost.edition,
        summary=f"{cost.get_line_display()}: {cost.amount} EUR · {cost.description}",
        line=cost.line,
        amount=str(cost.amount),
        spent_on=cost.spent_on.isoformat(),
    )
    cost.delete()


def linked_records(cost):
    """Records of other apps that ``cost`` belongs to, e.g. legal help given.

    Such a cost is changed or removed with its record, never on its own:
    found through the relations to ``Cost``, so apps added later count too.
    """
    found = []
    for relation in Cost._meta.related_objects:
        model = relation.related_model
        rows = model._base_manager.filter(**{relation.field.attname: cost.pk})
        found += [str(row) for row in rows]
    return found
