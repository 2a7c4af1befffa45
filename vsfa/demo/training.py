"""Demo training: who signs the certificates, and two participants at risk.

Loaded after the workshops and the groups, so that the demo mentor's home
page and digest show someone at risk for each reason: by the day the demo is
loaded the training is over, and those who stopped doing modules already
show as idle; one member of the demo mentor's group also missed the last two
workshops, and one of another group missed them and has had no module for a
while. The demo participant met the rule, so their certificate downloads.
"""

from cohorts.choices import WorkshopStatus
from cohorts.models import Workshop, WorkshopAttendance

SIGNATORY = "Elena Mărgărit"
SIGNATORY_ROLE = "Coordonatoare de program, Primăria Sectorului 6"
MISSED_IN_A_ROW = 2


def add_signatory_and_people_at_risk(builder):
    edition = builder.edition
    edition.certificate_signatory = SIGNATORY
    edition.certificate_signatory_role = SIGNATORY_ROLE
    edition.save(update_fields=["certificate_signatory", "certificate_signatory_role"])

    finalists = {member.pk for team in builder.teams for member in team}
    last = list(Workshop.objects.filter(edition=edition).order_by("-starts_at"))[
        :MISSED_IN_A_ROW
    ]
    # The first two of the first groups who are not finalists: the same two
    # on every load of the same day's demo.
    absent = [
        next(member for member in group_members if member.pk not in finalists)
        for _group, _mentors, group_members in builder.groups[:2]
    ]
    WorkshopAttendance.objects.filter(workshop__in=last, member__in=absent).update(
        status=WorkshopStatus.ABSENT, self_checked_in_at=None
    )
