"""Demo room codes, check-ins by code, notes for participants and session ratings.

It draws from a random source of its own, so that the rest of the demo stays
the same whatever is added here.
"""

import datetime
import random

from cohorts.choices import WorkshopStatus
from cohorts.models import Workshop, WorkshopAttendance
from cohorts.services_workshops import CODE_ALPHABET, CODE_LENGTH
from mentorship.models import GroupSession, SessionRating

SEED = 4_2027
NOTES_FOR_PARTICIPANTS = [
    "Recitiți întrebările de interviu și alegeți cele mai bune trei.",
    "Trimiteți-mi canvas-ul echipei până vineri, îl discutăm data viitoare.",
    "Calculați costul pe bucată pentru produsul vostru, cu tot cu transport.",
    "Exersați pitch-ul de 3 minute în fața cuiva din familie.",
]
COMMENTS = [
    "Foarte utilă, am înțeles cum să vorbesc cu clienții.",
    "Mi-a plăcut exercițiul pe echipe.",
    "Ar fi fost bine mai mult timp pentru întrebări.",
    "Exemplele au fost clare.",
    "",
    "",
]


def add_room_codes_and_ratings(builder):
    """Codes on every workshop, check-ins by code at the last one, and ratings.

    The demo participant leaves their latest session unrated, to try it.
    """
    rng = random.Random(SEED)
    workshops = list(Workshop.objects.filter(edition=builder.edition))
    for workshop in workshops:
        workshop.check_in_code = "".join(
            rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)
        )
    Workshop.objects.bulk_update(workshops, ["check_in_code"])

    last = max(workshops, key=lambda workshop: workshop.starts_at)
    checked_in = []
    for attendance in WorkshopAttendance.objects.filter(
        workshop=last,
        status__in=[WorkshopStatus.PRESENT, WorkshopStatus.LATE],
    ).order_by("pk"):
        if rng.random() < 0.6:
            # Late means more than 15 minutes after the start, as the code rules.
            late = attendance.status == WorkshopStatus.LATE
            minutes = rng.randint(17, 40) if late else rng.randint(-10, 12)
            attendance.self_checked_in_at = last.starts_at + datetime.timedelta(
                minutes=minutes
            )
            checked_in.append(attendance)
    WorkshopAttendance.objects.bulk_update(checked_in, ["self_checked_in_at"])

    sessions = list(
        GroupSession.objects.filter(group__edition=builder.edition)
        .prefetch_related("attendees")
        .order_by("starts_at", "pk")
    )
    own = builder.participant_member
    latest_own = max(
        (s for s in sessions if own in s.attendees.all()),
        key=lambda session: session.starts_at,
        default=None,
    )
    ratings = []
    for session in sessions:
        session.notes_for_participants = rng.choice(NOTES_FOR_PARTICIPANTS)
        for member in session.attendees.all():
            if session == latest_own and member == own:
                continue
            if member != own and rng.random() > 0.4:
                continue
            ratings.append(
                SessionRating(
                    session=session,
                    member=member,
                    score=rng.choices((2, 3, 4, 5), weights=(1, 2, 4, 4))[0],
                    comment=rng.choice(COMMENTS),
                )
            )
    GroupSession.objects.bulk_update(sessions, ["notes_for_participants"])
    SessionRating.objects.bulk_create(ratings, batch_size=500)
