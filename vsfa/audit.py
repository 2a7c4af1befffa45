from vsfa.models import AuditEvent


def record(actor, action, obj=None, *, edition=None, summary="", **data):
    """Add an audit event; call it inside the transaction that makes the change."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        edition=edition,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        data=data,
    )
