"""After a load run: is every score, check-in and e-mail there exactly once?

Runs inside Django against the run's database, with what the users saw
succeed (``outcomes.json``) and the mailbox of the run. Ambiguous requests
(the database committed but the answer never arrived, as during a restart)
are counted apart: they are neither lost nor doubled.
"""

import json
from email import message_from_bytes
from pathlib import Path

from django.db.models import Count

from cohorts.models import Attendance
from competition.models import Assignment, ScoreSheet
from vsfa.models import AuditEvent, Invitation


def _scores(plan, outcomes):
    criteria = len(next(u for u in plan["users"] if u["role"] == "juror")["criteria"])
    load_jurors = [u["email"] for u in plan["users"] if u["role"] == "juror"]
    sheets = ScoreSheet.objects.filter(assignment__juror__user__email__in=load_jurors)
    submitted = set(
        sheets.filter(submitted_at__isnull=False).values_list(
            "assignment_id", flat=True
        )
    )
    score_counts = dict(
        sheets.annotate(n=Count("scores")).values_list("assignment_id", "n")
    )
    seen = set(outcomes["submitted"])
    return {
        "submitted_seen_by_users": len(seen),
        "submitted_in_database": len(submitted),
        "lost": sorted(seen - submitted),
        "ambiguous": len(submitted - seen),
        "sheets_with_wrong_score_count": sorted(
            pk for pk in submitted if score_counts.get(pk) != criteria
        ),
        "one_sheet_per_assignment": not Assignment.objects.annotate(n=Count("sheet"))
        .filter(n__gt=1)
        .exists(),
    }


def _check_ins(plan, outcomes):
    conference = plan["door_conference"]
    present = set(
        Attendance.objects.filter(conference_id=conference, present=True).values_list(
            "person_id", flat=True
        )
    )
    rows = Attendance.objects.filter(conference_id=conference)
    doubled_rows = (
        rows.values("person_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    )
    events = (
        AuditEvent.objects.filter(action="attendance.checked_in")
        .filter(object_id__in=[str(pk) for pk in rows.values_list("pk", flat=True)])
        .values("object_id")
        .annotate(n=Count("pk"))
    )
    seen = set(outcomes["checked_in"])
    return {
        "checked_in_seen_by_users": len(seen),
        "present_in_database": len(present),
        "lost": sorted(seen - present),
        "ambiguous": len(present - seen),
        "people_listed_twice": doubled_rows,
        "check_ins_audited_twice": sum(1 for e in events if e["n"] > 1),
    }


def _recipients(mailbox):
    counts = {}
    for path in Path(mailbox).glob("*.eml"):
        message = message_from_bytes(path.read_bytes())
        for address in (message.get("To") or "").split(","):
            address = address.strip().lower()
            if address:
                counts[address] = counts.get(address, 0) + 1
    return counts


def _invitations(outcomes, mailbox):
    recipients = _recipients(mailbox)
    invited = set(outcomes["invited"])
    rows = Invitation.objects.filter(user__email__in=invited)
    per_user = dict(
        rows.values("user__email")
        .annotate(n=Count("pk"))
        .values_list("user__email", "n")
    )
    sent = set(rows.filter(sent_at__isnull=False).values_list("user__email", flat=True))
    return {
        "invited_seen_by_users": len(invited),
        "invitations_in_database": sum(per_user.values()),
        "missing_invitations": sorted(invited - set(per_user)),
        "doubled_invitations": sorted(e for e, n in per_user.items() if n > 1),
        "marked_sent": len(sent),
        "e_mails_delivered": sum(recipients.get(e, 0) for e in invited),
        "never_delivered": sorted(e for e in invited if recipients.get(e, 0) == 0),
        "marked_sent_but_never_delivered": sorted(
            e for e in sent if recipients.get(e, 0) == 0
        ),
        "delivered_twice": sorted(e for e in invited if recipients.get(e, 0) > 1),
    }


def verify(plan, outcomes, mailbox):
    return {
        "scores": _scores(plan, outcomes),
        "check_ins": _check_ins(plan, outcomes),
        "invitations": _invitations(outcomes, mailbox),
    }


def main(argv):
    """``main([PLAN, OUTCOMES, MAILBOX, RESULT])``: write the checks as JSON."""
    plan_path, outcomes_path, mailbox, result_path = argv
    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    outcomes = json.loads(Path(outcomes_path).read_text(encoding="utf-8"))
    result = verify(plan, outcomes, mailbox)
    Path(result_path).write_text(json.dumps(result, indent=2), encoding="utf-8")
