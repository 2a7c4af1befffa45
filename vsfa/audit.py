from vsfa.models import AuditEvent


def event(actor, action, obj=None, *, edition=None, summary="", **data):
    """An audit event, not saved yet: ``record_all`` saves several at once."""
    return AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        edition=edition,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        data=data,
    )


def record(actor, action, obj=None, *, edition=None, summary="", **data):
    """Add an audit event; call it inside the transaction that makes the change."""
    recorded = event(actor, action, obj, edition=edition, summary=summary, **data)
    recorded.save()
    return recorded


def record_all(events):
    """Add ``event``'s events in one statement, in the transaction that makes
    the changes they describe."""
    return AuditEvent.objects.bulk_create(events)
