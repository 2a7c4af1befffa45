"""Demo module evidence: claims waiting for the demo mentor, and one sent back.

Loaded after the training, the groups and the people at risk. The demo
participant's last module waits for confirmation (they still meet the rule,
so their certificate stays); three others of the demo mentor's group, none
of them at risk, have sent their next module: two wait, one was sent back
with a reason. Nothing here draws from the builder's random generator, so
the rest of the demo is the same with or without it.
"""

import datetime

from cohorts.choices import EvidenceStatus
from cohorts.models import ModuleCompletion
from cohorts.selectors_risk import at_risk_in_edition

LESSONS = "https://invata.example.org/vsfa/modul-{number}"
NOTES = (
    "Am atașat canvasul completat la lecție.",
    "Link-ul duce la prezentarea echipei noastre.",
    "Am făcut interviurile cu trei clienți.",
)
RETURNED_REASON = "Link-ul cere autentificare: partajează documentul public."
OTHERS = 3


def add_pending_evidence(builder):
    today = builder.calendar.today
    edition = builder.edition
    modules = {module.pk: module for module in builder.modules}
    _group, mentors, members = builder.groups[0]
    reviewer = mentors[0].user
    at_risk = {risk.member.pk for risk in at_risk_in_edition(edition, today)}
    done = {}
    for member_id, module_id in ModuleCompletion.objects.filter(
        member__edition=edition
    ).values_list("member_id", "module_id"):
        done.setdefault(member_id, set()).add(module_id)

    participant = builder.participant_member
    _claim_last_module(participant, builder.participant_user, edition, done, today)

    others = [
        member
        for member in members
        if member is not participant
        and member.pk not in at_risk
        and len(done.get(member.pk, ())) < len(modules)
    ][:OTHERS]
    for number, member in enumerate(others):
        module = next(
            module
            for module in builder.modules
            if module.pk not in done.get(member.pk, set())
        )
        returned = number == len(others) - 1
        ModuleCompletion.objects.create(
            member=member,
            module=module,
            completed_on=today - datetime.timedelta(days=number + 1),
            status=EvidenceStatus.RETURNED if returned else EvidenceStatus.SUBMITTED,
            evidence_url=LESSONS.format(number=module.number),
            evidence_note=NOTES[number % len(NOTES)],
            recorded_by=member.person.user,
            reviewed_by=reviewer if returned else None,
            review_note=RETURNED_REASON if returned else "",
        )


def _claim_last_module(member, user, edition, done, today):
    """The demo participant's last module, claimed and waiting.

    A module not done yet is claimed; when every one is done, the last is
    turned into a claim, as long as the rule is still met without it.
    """
    ours = done.get(member.pk, set())
    missing = edition.modules.exclude(pk__in=ours).order_by("number").first()
    fields = {
        "status": EvidenceStatus.SUBMITTED,
        "completed_on": today - datetime.timedelta(days=2),
        "evidence_note": NOTES[0],
        "recorded_by": user,
        "reviewed_by": None,
    }
    if missing is not None:
        ModuleCompletion.objects.create(
            member=member,
            module=missing,
            evidence_url=LESSONS.format(number=missing.number),
            **fields,
        )
        return
    if len(ours) - 1 < edition.min_modules_completed:
        return
    last = (
        ModuleCompletion.objects.filter(member=member)
        .select_related("module")
        .order_by("-module__number")
        .first()
    )
    last.evidence_url = LESSONS.format(number=last.module.number)
    for name, value in fields.items():
        setattr(last, name, value)
    last.save()
