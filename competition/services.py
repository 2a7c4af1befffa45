"""Writes for stage 3: setting up the final, its jury, the scoring and prizes.

Every function here is the one place its rule is enforced; forms call the
``check_*`` helpers only to show the same error early. Rule breaches raise
``ValidationError`` and leave the database as it was.
"""

import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember
from competition import selectors
from competition.choices import ChangeKind
from competition.criteria import DEFAULT_CRITERIA
from competition.models import (
    Assignment,
    Certification,
    Criterion,
    Final,
    Finalist,
    Juror,
    Prize,
    Score,
    ScoreChange,
    ScoreSheet,
)
from vsfa import audit, uploads
from vsfa.choices import Role
from vsfa.models import Edition
from vsfa.services import invite_user

logger = logging.getLogger(__name__)

# Wider scales stop fitting one row of thumb-sized buttons on a phone.
MAX_SCALE_STEPS = 10


def _lock(final):
    """Re-read ``final`` with its row locked: set-up changes and scoring of
    one final happen one at a time, so no check is made on stale data."""
    return (
        Final.objects.select_for_update(of=("self",))
        .select_related("edition")
        .get(pk=final.pk)
    )


# Other modules of services lock the final the same way.
lock_final = _lock


def check_not_certified(final):
    """Refuse any change to what the results depend on once they are certified:
    after that, only an audited reopening lets anything change."""
    if Certification.objects.filter(final=final, reopened_at__isnull=True).exists():
        raise ValidationError(
            _(
                "The results are certified: nothing can change unless an "
                "organiser reopens them, with a reason."
            ),
            code="certified",
        )


# Set-up of the final


def check_scale(scale_min, scale_max):
    if scale_min >= scale_max:
        raise ValidationError(
            _("The highest score must be above the lowest."), code="scale"
        )
    if scale_max - scale_min + 1 > MAX_SCALE_STEPS:
        raise ValidationError(
            ngettext(
                "A scale has at most %(steps)s step.",
                "A scale has at most %(steps)s steps.",
                MAX_SCALE_STEPS,
            ),
            code="scale",
            params={"steps": MAX_SCALE_STEPS},
        )


def _check_title(edition, title, final=None):
    """A final's title names it within its edition: a form sent twice, or two
    organisers typing the same final at once, must not make two of it."""
    others = Final.objects.filter(edition=edition, title__iexact=title.strip())
    if final is not None:
        others = others.exclude(pk=final.pk)
    existing = others.first()
    if existing is not None:
        raise ValidationError(
            {
                "title": ValidationError(
                    _("%(title)s is already a final of this edition.")
                    % {"title": existing.title},
                    code="duplicate",
                )
            }
        )


@transaction.atomic
def create_final(
    *,
    actor,
    edition,
    title,
    date,
    venue="",
    scale_min=1,
    scale_max=5,
    peer_vote_percent=0,
    appeal_days=3,
):
    """Create the final of ``edition`` with the default criteria, in Romanian.

    The edition's row is locked while the title is checked, so that the same
    form sent twice at once makes one final.
    """
    check_scale(scale_min, scale_max)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    _check_title(edition, title)
    final = Final.objects.create(
        edition=edition,
        title=title,
        date=date,
        venue=venue,
        scale_min=scale_min,
        scale_max=scale_max,
        peer_vote_percent=peer_vote_percent,
        appeal_days=appeal_days,
    )
    with translation.override("ro"):
        Criterion.objects.bulk_create(
            Criterion(final=final, order=order, name=gettext(name), weight=weight)
            for order, (name, weight) in enumerate(DEFAULT_CRITERIA, start=1)
        )
    audit.record(actor, "final.created", final, edition=edition, summary=title)
    return final


@transaction.atomic
def update_final(
    *,
    actor,
    final,
    title,
    date,
    venue,
    scale_min,
    scale_max,
    peer_vote_percent=None,
    appeal_days=None,
):
    """Change the final's details; the scale and the peer vote's share are
    frozen once scoring has begun, and everything once results are certified."""
    final = _lock(final)
    check_not_certified(final)
    check_scale(scale_min, scale_max)
    _check_title(final.edition, title, final)
    if peer_vote_percent is None:
        peer_vote_percent = final.peer_vote_percent
    scale_changed = (scale_min, scale_max) != (final.scale_min, final.scale_max)
    if scale_changed and selectors.has_scores(final):
        raise ValidationError(
            _("The score scale cannot change once jurors have started scoring."),
            code="frozen",
        )
    if peer_vote_percent != final.peer_vote_percent and (
        selectors.has_submitted_sheets(final)
    ):
        raise ValidationError(
            _(
                "The peer vote's share cannot change once a juror has submitted "
                "a score sheet."
            ),
            code="frozen",
        )
    before = {
        "title": final.title,
        "scale": [final.scale_min, final.scale_max],
        "peer_vote_percent": final.peer_vote_percent,
    }
    final.title, final.date, final.venue = title, date, venue
    final.scale_min, final.scale_max = scale_min, scale_max
    final.peer_vote_percent = peer_vote_percent
    if appeal_days is not None:
        final.appeal_days = appeal_days
    final.save()
    audit.record(
        actor,
        "final.changed",
        final,
        edition=final.edition,
        summary=title,
        before=before,
        after={
            "title": title,
            "scale": [scale_min, scale_max],
            "peer_vote_percent": peer_vote_percent,
        },
    )
    return final


def check_weights(weights):
    """Weights are percentages of the result: they must add up to exactly 100."""
    total = sum(weights, Decimal("0"))
    if total != Decimal("100"):
        raise ValidationError(
            _("The weights add up to %(total)s%%, not 100%%. Nothing was saved."),
            code="weights",
            params={"total": f"{total.normalize():f}"},
        )


def _criteria_frozen_error():
    return ValidationError(
        _(
            "The criteria cannot change: a juror has already submitted a score "
            "sheet. Nothing was saved."
        ),
        code="frozen",
    )


@transaction.atomic
def replace_criteria(*, actor, final, rows):
    """Make the final's criteria exactly ``rows``.

    ``rows`` are dicts with ``pk`` (None for a new criterion), ``order``,
    ``name``, ``description``, ``weight`` and ``counted`` (True when left
    out); criteria not in ``rows`` are deleted with their draft scores. The
    weights of the counted criteria must add up to 100; an optional criterion
    is shown and scored but not counted, so its weight is 0. Refused once any
    sheet is submitted, since the submitted scores were given against these
    criteria.
    """
    final = _lock(final)
    check_not_certified(final)
    if selectors.has_submitted_sheets(final):
        raise _criteria_frozen_error()
    if not rows:
        raise ValidationError(_("A final needs at least one criterion."))
    rows = [{**row, "counted": row.get("counted", True)} for row in rows]
    for row in rows:
        if not row["counted"]:
            row["weight"] = Decimal("0")
    if not any(row["counted"] for row in rows):
        raise ValidationError(_("At least one criterion must count in the result."))
    check_weights([row["weight"] for row in rows if row["counted"]])

    existing = {criterion.pk: criterion for criterion in final.criteria.all()}
    kept = {row["pk"] for row in rows if row["pk"] is not None}
    if not kept <= existing.keys():
        raise ValidationError(_("A criterion of another final was sent."))
    removed = [pk for pk in existing if pk not in kept]
    Score.objects.filter(criterion_id__in=removed).delete()
    Criterion.objects.filter(pk__in=removed).delete()
    for row in rows:
        criterion = existing.get(row["pk"]) or Criterion(final=final)
        criterion.order = row["order"]
        criterion.name = row["name"]
        criterion.description = row.get("description", "")
        criterion.weight = row["weight"]
        criterion.counted = row["counted"]
        criterion.save()

    audit.record(
        actor,
        "final.criteria_changed",
        final,
        edition=final.edition,
        before=[[c.name, str(c.weight)] for c in existing.values()],
        after=[[row["name"], str(row["weight"]), row["counted"]] for row in rows],
    )


# Finalists


def _check_finalist(final, *, finalist, name, pitch_order, members, override_reason):
    """Return the cleaned name, members and those who have not completed.

    Only members selected into the final's edition may pitch, each in one
    finalist only, and only those who met the completion rule unless an
    organiser gives a reason; pitch orders are unique within the final.
    """
    member_ids = {getattr(member, "pk", member) for member in members}
    if not member_ids:
        raise ValidationError(
            {"members": _("Choose at least one member of the cohort.")}
        )
    found = list(
        CohortMember.objects.filter(pk__in=member_ids).select_related("person")
    )
    for member in found:
        if member.edition_id != final.edition_id or (
            member.status != MemberStatus.SELECTED
        ):
            raise ValidationError(
                {
                    "members": _(
                        "%(name)s is not a selected member of this edition's cohort."
                    )
                    % {"name": member.person}
                }
            )
    if len(found) != len(member_ids):
        raise ValidationError(
            {"members": _("Only members of this edition's cohort can pitch.")}
        )
    elsewhere = (
        Finalist.members.through.objects.filter(
            finalist__final=final, cohortmember_id__in=member_ids
        )
        .exclude(finalist_id=getattr(finalist, "pk", None))
        .select_related("finalist", "cohortmember__person")
        .first()
    )
    if elsewhere is not None:
        raise ValidationError(
            {
                "members": _("%(name)s already pitches with %(finalist)s.")
                % {
                    "name": elsewhere.cohortmember.person,
                    "finalist": elsewhere.finalist,
                }
            }
        )

    same_order = (
        final.finalists.filter(pitch_order=pitch_order)
        .exclude(pk=getattr(finalist, "pk", None))
        .first()
    )
    if same_order is not None:
        raise ValidationError(
            {
                "pitch_order": _("%(name)s already pitches at number %(order)s.")
                % {"name": same_order, "order": pitch_order}
            }
        )

    completed = selectors.completion_of(final.edition, found)
    not_completed = [member for member in found if not completed.get(member.pk)]
    if not_completed and not (override_reason or "").strip():
        raise ValidationError(
            {
                "override_reason": _(
                    "%(names)s has not met the completion rule: only those who "
                    "completed the training may pitch, unless you give the "
                    "reason for an exception."
                )
                % {"names": ", ".join(str(m.person) for m in not_completed)}
            }
        )

    name = (name or "").strip()
    if not name:
        if len(found) > 1:
            raise ValidationError({"name": _("Give the team a name.")})
        name = found[0].person.full_name
    return name, found, not_completed


def check_room(final):
    """Refuse one more finalist once the edition's number of them is reached."""
    if selectors.is_full(final):
        limit = final.edition.finalist_count
        raise ValidationError(
            ngettext(
                "The final is full: this edition has %(count)s finalist.",
                "The final is full: this edition has %(count)s finalists.",
                limit,
            )
            % {"count": limit},
            code="full",
        )


def _save_finalist(
    actor,
    action,
    final,
    finalist,
    *,
    name,
    summary,
    pitch_order,
    members,
    override_reason="",
    deck=None,
):
    check_not_certified(final)
    override_reason = (override_reason or "").strip()
    name, members, not_completed = _check_finalist(
        final,
        finalist=finalist,
        name=name,
        pitch_order=pitch_order,
        members=members,
        override_reason=override_reason,
    )
    finalist.name, finalist.summary, finalist.pitch_order = name, summary, pitch_order
    exception = [member.pk for member in not_completed]
    if not exception:
        override_reason = ""
    if (override_reason, exception) != (
        finalist.override_reason,
        finalist.override_members,
    ):
        finalist.override_reason, finalist.override_members = override_reason, exception
        finalist.override_by = actor if exception else None
        finalist.override_at = timezone.now() if exception else None
    if deck is not None:
        uploads.save_file(finalist.deck, deck.original_name, deck.file)
        finalist.deck_name = deck.original_name
    finalist.save()
    finalist.members.set(members)
    audit.record(
        actor,
        action,
        finalist,
        edition=final.edition,
        summary=name,
        members=[member.pk for member in members],
        not_completed=exception,
        override_reason=override_reason,
        deck=finalist.deck_name,
    )
    return finalist


@transaction.atomic
def add_finalist(*, actor, final, **fields):
    """Add a finalist, up to the edition's number of finalists.

    ``fields`` are the finalist's ``name``, ``summary``, ``pitch_order``,
    ``members``, and optionally ``override_reason`` (why members who have not
    completed may pitch) and ``deck`` (a checked PDF, ``vsfa.uploads.CheckedFile``).
    """
    final = _lock(final)
    check_room(final)
    return _save_finalist(
        actor, "finalist.added", final, Finalist(final=final), **fields
    )


@transaction.atomic
def update_finalist(*, actor, finalist, **fields):
    final = _lock(finalist.final)
    finalist = Finalist.objects.get(pk=finalist.pk)
    return _save_finalist(actor, "finalist.changed", final, finalist, **fields)


@transaction.atomic
def remove_finalist(*, actor, finalist):
    """Remove a finalist with their draft sheets; refused once scored or awarded."""
    final = _lock(finalist.final)
    check_not_certified(final)
    if ScoreSheet.objects.filter(
        assignment__finalist=finalist, submitted_at__isnull=False
    ).exists():
        raise ValidationError(
            _("%(name)s cannot be removed: a juror has submitted a sheet for them.")
            % {"name": finalist}
        )
    if finalist.prizes.exists():
        raise ValidationError(
            _("%(name)s cannot be removed: they are awarded a prize.")
            % {"name": finalist}
        )
    audit.record(
        actor,
        "finalist.removed",
        finalist,
        edition=final.edition,
        summary=finalist.name,
    )
    finalist.delete()


# Jurors and assignments


@transaction.atomic
def invite_juror(*, actor, final, full_name, email, affiliation=""):
    """Seat someone on the jury of ``final``, inviting them by e-mail if needed.

    Returns ``(juror, created)``. Someone already on this jury is left as
    they are and gets no second e-mail, so a double-submitted form is
    harmless. Otherwise the account gets the juror role and, when it has no
    password yet, an invitation e-mail queued after commit.
    """
    final = _lock(final)
    email = email.strip().lower()
    existing = Juror.objects.filter(final=final, user__email__iexact=email).first()
    if existing is not None:
        return existing, False
    user, _invitation = invite_user(
        actor=actor, email=email, full_name=full_name, role=Role.JUROR
    )
    juror = Juror.objects.create(final=final, user=user, affiliation=affiliation)
    audit.record(actor, "juror.added", juror, edition=final.edition, summary=email)
    return juror, True


@transaction.atomic
def remove_juror(*, actor, juror):
    """Take a juror off the jury with their drafts; refused once they submitted."""
    final = _lock(juror.final)
    check_not_certified(final)
    if ScoreSheet.objects.filter(
        assignment__juror=juror, submitted_at__isnull=False
    ).exists():
        raise ValidationError(
            _(
                "%(name)s cannot be removed from the jury: they have submitted "
                "score sheets."
            )
            % {"name": juror}
        )
    audit.record(
        actor, "juror.removed", juror, edition=final.edition, summary=str(juror)
    )
    juror.delete()


@transaction.atomic
def set_assignments(*, actor, final, pairs, drop_drafts=False):
    """Make "who scores whom" exactly ``pairs`` of (juror pk, finalist pk).

    New assignments get an empty score sheet, so the sheets not yet submitted
    can be counted. Taking away an assignment whose sheet is submitted is
    refused; one whose sheet a juror has started (a draft) is refused with
    the code ``drafts`` unless ``drop_drafts``, since its draft goes with it.
    Returns ``(added, removed)`` counts.
    """
    final = _lock(final)
    check_not_certified(final)
    pairs = {(int(juror_id), int(finalist_id)) for juror_id, finalist_id in pairs}
    juror_ids = set(final.jurors.values_list("pk", flat=True))
    finalist_ids = set(final.finalists.values_list("pk", flat=True))
    if any(j not in juror_ids or f not in finalist_ids for j, f in pairs):
        raise ValidationError(_("A juror or finalist of another final was sent."))
    conflicts = selectors.conflicts_of(final)
    kept = set(
        Assignment.objects.filter(finalist__final=final).values_list(
            "juror_id", "finalist_id"
        )
    )
    # A new pair in conflict is refused; one assigned before the declaration
    # with a submitted sheet stays, and the results leave it out.
    conflicted = sorted(pair for pair in pairs - kept if pair in conflicts)
    if conflicted:
        juror = Juror.objects.select_related("user").get(pk=conflicted[0][0])
        finalist = Finalist.objects.get(pk=conflicted[0][1])
        raise ValidationError(
            _("%(juror)s cannot score %(finalist)s: %(reason)s. Nothing was changed.")
            % {
                "juror": juror,
                "finalist": finalist,
                "reason": "; ".join(conflicts[conflicted[0]]),
            },
            code="conflict",
        )

    current = {
        (juror_id, finalist_id): (pk, submitted)
        for pk, juror_id, finalist_id, submitted in Assignment.objects.filter(
            finalist__final=final
        ).values_list("pk", "juror_id", "finalist_id", "sheet__submitted_at")
    }
    dropped = [key for key in current if key not in pairs]
    if any(current[key][1] is not None for key in dropped):
        raise ValidationError(
            _(
                "An assignment whose score sheet is submitted cannot be taken "
                "away. Nothing was changed."
            )
        )
    drafts = [] if drop_drafts else selectors.drafts_dropped(final, pairs)
    if drafts:
        raise ValidationError(
            ngettext(
                "%(count)s pitch a juror has started scoring would lose its draft.",
                "%(count)s pitches a juror has started scoring would lose their draft.",
                len(drafts),
            )
            % {"count": len(drafts)},
            code="drafts",
        )
    added = [key for key in pairs if key not in current]

    Assignment.objects.filter(pk__in=[current[key][0] for key in dropped]).delete()
    Assignment.objects.bulk_create(
        [Assignment(juror_id=j, finalist_id=f) for j, f in added],
        ignore_conflicts=True,
    )
    ScoreSheet.objects.bulk_create(
        [
            ScoreSheet(assignment=assignment)
            for assignment in Assignment.objects.filter(
                finalist__final=final, sheet__isnull=True
            )
        ],
        ignore_conflicts=True,
    )
    if added or dropped:
        audit.record(
            actor,
            "final.assignments_changed",
            final,
            edition=final.edition,
            added=sorted(added),
            removed=sorted(dropped),
        )
    return len(added), len(dropped)


def assign_everyone(*, actor, final):
    """Every juror scores every finalist, except where they declared a
    conflict; existing assignments stay."""
    juror_ids = final.jurors.values_list("pk", flat=True)
    finalist_ids = list(final.finalists.values_list("pk", flat=True))
    conflicts = selectors.conflicts_of(final)
    pairs = {(j, f) for j in juror_ids for f in finalist_ids if (j, f) not in conflicts}
    pairs |= set(
        Assignment.objects.filter(finalist__final=final).values_list(
            "juror_id", "finalist_id"
        )
    )
    return set_assignments(actor=actor, final=final, pairs=pairs)


# Scoring


class SheetOutcome:
    SAVED = "saved"
    SUBMITTED = "submitted"
    # The same submitted sheet sent again (a retry after a dropped
    # connection): accepted once, nothing changes the second time.
    ALREADY_SUBMITTED = "already_submitted"


def _check_may_score(final, assignment):
    """Refuse scoring a pitch the juror must stay out of."""
    juror = assignment.juror
    if juror.conflicts_declared_at is None:
        raise ValidationError(
            _("Declare your conflicts of interest before scoring."),
            code="undeclared",
        )
    if assignment.left_out:
        raise ValidationError(
            _("You are left out of this pitch (%(why)s); nothing was saved.")
            % {"why": assignment.get_left_out_display()},
            code="left_out",
        )
    if (juror.pk, assignment.finalist_id) in selectors.conflicts_of(final):
        raise ValidationError(
            _("You declared a conflict with this team; nothing was saved."),
            code="conflict",
        )


@transaction.atomic
def save_sheet(
    *, actor, assignment, values, comment="", submit=False, submission_key=""
):
    """Save a juror's scores for one pitch as a draft, or submit and lock them.

    ``values`` maps criterion pk to a score on the final's scale, or None for
    a criterion not scored yet. Submitting needs every counted criterion
    scored. A submitted sheet is locked: the same submission sent again (its
    ``submission_key``, or no key and the same values) returns
    ``ALREADY_SUBMITTED`` and changes nothing; anything else is refused.
    Every score that changes gets a ``ScoreChange`` (who, when, from, to and,
    after an unlock, the unlock's reason) and an audit event. The final's and
    the sheet's rows are locked, and scores are unique per sheet and
    criterion, so a form sent twice at once never doubles a score.
    """
    final = _lock(assignment.finalist.final)
    assignment = Assignment.objects.select_related("juror").get(pk=assignment.pk)
    sheet, _created = ScoreSheet.objects.get_or_create(assignment=assignment)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    criteria = list(final.criteria.all())
    existing = {score.criterion_id: score for score in sheet.scores.all()}
    comment = (comment or "").strip()
    submission_key = (submission_key or "").strip()[:64]

    if sheet.is_locked:
        unchanged = comment == sheet.comment and all(
            values.get(c.pk) == getattr(existing.get(c.pk), "value", None)
            for c in criteria
        )
        same_key = bool(submission_key) and submission_key == sheet.submission_key
        if submit and (same_key or (unchanged and not submission_key)):
            return SheetOutcome.ALREADY_SUBMITTED
        raise ValidationError(
            _("This score sheet is already submitted and locked; nothing was changed."),
            code="locked",
        )
    check_not_certified(final)
    _check_may_score(final, assignment)

    known = {criterion.pk for criterion in criteria}
    if not set(values) <= known:
        raise ValidationError(_("A criterion of another final was sent."))
    for value in values.values():
        if value is not None and not final.scale_min <= value <= final.scale_max:
            raise ValidationError(
                _("Scores go from %(min)s to %(max)s."),
                params={"min": final.scale_min, "max": final.scale_max},
            )
    missing = [c for c in criteria if c.counted and values.get(c.pk) is None]
    if submit and missing:
        raise ValidationError(
            {
                f"criterion_{c.pk}": _("Score this criterion before submitting.")
                for c in missing
            }
        )

    kind = ChangeKind.AFTER_UNLOCK if sheet.unlock_reason else ChangeKind.DRAFT
    # Written together once every criterion is compared: the final's row is
    # locked meanwhile, and every other juror's sheet waits for it.
    added, changed, removed, changes, events = [], [], [], [], []
    for criterion in criteria:
        new = values.get(criterion.pk)
        score = existing.get(criterion.pk)
        old = getattr(score, "value", None)
        if new == old:
            continue
        if new is None:
            removed.append(score.pk)
        elif score is None:
            added.append(Score(sheet=sheet, criterion=criterion, value=new))
        else:
            score.value = new
            changed.append(score)
        changes.append(
            ScoreChange(
                sheet=sheet,
                criterion=criterion,
                changed_by=actor,
                from_value=old,
                to_value=new,
                kind=kind,
                reason=sheet.unlock_reason,
            )
        )
        events.append(
            audit.event(
                actor,
                "score.changed",
                sheet,
                edition=final.edition,
                summary=f"{assignment.finalist} · {criterion.name}: {old} → {new}",
                criterion=criterion.pk,
                finalist=assignment.finalist_id,
                juror=assignment.juror_id,
                why=sheet.unlock_reason,
                **{"from": old, "to": new},
            )
        )
    if removed:
        Score.objects.filter(pk__in=removed).delete()
    if changed:
        Score.objects.bulk_update(changed, ["value"])
    if added:
        Score.objects.bulk_create(added)
    if changes:
        ScoreChange.objects.bulk_create(changes)
        audit.record_all(events)

    sheet.comment = comment
    if submit:
        sheet.submitted_at = timezone.now()
        sheet.submission_key = submission_key
        sheet.unlock_reason = ""
    sheet.save()
    if submit:
        audit.record(
            actor,
            "sheet.submitted",
            sheet,
            edition=final.edition,
            summary=str(assignment),
            key=submission_key,
        )
        return SheetOutcome.SUBMITTED
    return SheetOutcome.SAVED


# Prizes


def _check_prize(final, *, prize=None, name, place, amount_lei, finalist, decision):
    """Raise what is wrong with a prize of ``final``, field by field.

    A prize's name is unique within its final, so that a form sent twice
    records it once; the final's row is locked by the caller. A ranked prize
    (with a place) goes to whoever holds that place in the results; a special
    award names its finalist and the decision that gave it.
    """
    check_not_certified(final)
    errors = {}
    if place is None and finalist is None:
        errors["finalist"] = _(
            "A special award (no place) names the finalist who receives it."
        )
    if place is None and not (decision or "").strip():
        errors["decision"] = _("Say who decided this special award, and why.")
    same_name = final.prizes.filter(name__iexact=name.strip())
    if prize is not None:
        same_name = same_name.exclude(pk=prize.pk)
    existing = same_name.first()
    if existing is not None:
        errors["name"] = _("%(name)s is already recorded for this final.") % {
            "name": existing.name
        }
    if place is not None and place < 1:
        errors["place"] = _("Places start at 1.")
    if amount_lei is not None and amount_lei < 0:
        errors["amount_lei"] = _("An amount cannot be negative.")
    if finalist is not None and finalist.final_id != final.pk:
        errors["finalist"] = _("Choose a finalist of this final.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_prize(
    *, actor, final, name, place, amount_lei, finalist=None, note="", decision=""
):
    """Record a prize; a ranked prize's finalist comes from the results, so
    a finalist given with a place is not kept."""
    final = _lock(final)
    _check_prize(
        final,
        name=name,
        place=place,
        amount_lei=amount_lei,
        finalist=finalist,
        decision=decision,
    )
    if place is not None:
        finalist = None
    prize = Prize.objects.create(
        final=final,
        name=name,
        place=place,
        amount_lei=amount_lei,
        finalist=finalist,
        note=note,
        decision=decision,
    )
    audit.record(
        actor,
        "prize.recorded",
        prize,
        edition=final.edition,
        summary=f"{name} → {finalist or '-'}",
        amount_lei=str(amount_lei) if amount_lei is not None else None,
    )
    return prize


@transaction.atomic
def update_prize(
    *, actor, prize, name, place, amount_lei, finalist=None, note="", decision=""
):
    final = _lock(prize.final)
    _check_prize(
        final,
        prize=prize,
        name=name,
        place=place,
        amount_lei=amount_lei,
        finalist=finalist,
        decision=decision,
    )
    if place is not None:
        finalist = None
    prize = Prize.objects.get(pk=prize.pk)
    prize.name, prize.place, prize.amount_lei = name, place, amount_lei
    prize.finalist, prize.note, prize.decision = finalist, note, decision
    prize.save()
    audit.record(
        actor,
        "prize.changed",
        prize,
        edition=final.edition,
        summary=f"{name} → {finalist or '-'}",
        amount_lei=str(amount_lei) if amount_lei is not None else None,
    )
    return prize


@transaction.atomic
def delete_prize(*, actor, prize):
    final = _lock(prize.final)
    check_not_certified(final)
    audit.record(
        actor, "prize.deleted", prize, edition=final.edition, summary=prize.name
    )
    prize.delete()
