"""Readable names of the audit trail's actions, for the organisers' page."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "attendance.added": _("Attendance added"),
    "attendance.removed": _("Attendance removed"),
    "attendance_import.uploaded": _("Attendance file uploaded"),
    "attendance_import.committed": _("Attendance file imported"),
    "attendance_import.refused": _("Attendance file refused"),
    "attendance_import.undone": _("Attendance import undone"),
    "budget.changed": _("Budget changed"),
    "checkin.recorded": _("Check-in recorded"),
    "cohort.member_invited": _("Cohort member invited"),
    "cohort.promoted": _("Promoted from the waiting list"),
    "cohort.removed": _("Selection decision undone"),
    "cohort.selected": _("Selected into the cohort"),
    "cohort.waitlisted": _("Put on the waiting list"),
    "cohort.withdrawn": _("Withdrew from the cohort"),
    "conference.created": _("Conference added"),
    "conference.changed": _("Conference changed"),
    "module.created": _("Module added"),
    "module.changed": _("Module changed"),
    "school.created": _("School added"),
    "school.changed": _("School changed"),
    "workshop.created": _("Workshop added"),
    "workshop.changed": _("Workshop changed"),
    "consent.recorded": _("Consent recorded"),
    "consent.withdrawn": _("Consent withdrawn"),
    "cost.deleted": _("Cost deleted"),
    "cost.recorded": _("Cost recorded"),
    "edition.created": _("Edition created"),
    "edition.made_current": _("Edition made current"),
    "final.assignments_changed": _("Jury assignments changed"),
    "final.changed": _("Final changed"),
    "final.created": _("Final created"),
    "final.criteria_changed": _("Jury criteria changed"),
    "finalist.added": _("Finalist added"),
    "finalist.changed": _("Finalist changed"),
    "finalist.removed": _("Finalist removed"),
    "group.changed": _("Mentoring group changed"),
    "group.created": _("Mentoring group created"),
    "juror.added": _("Jury member added"),
    "juror.removed": _("Jury member removed"),
    "match.confirmed": _("Duplicate confirmed and merged"),
    "match.rejected": _("Duplicate rejected"),
    "mentor.added": _("Mentor added"),
    "modules.completion_recorded": _("Module completions recorded"),
    "person.erased": _("Person's data erased"),
    "person.exported": _("Person's data exported"),
    "person.merged": _("People merged"),
    "person.reporting_changed": _("Reporting details changed"),
    "prize.changed": _("Prize changed"),
    "prize.deleted": _("Prize deleted"),
    "prize.recorded": _("Prize recorded"),
    "report.exported": _("Funder report exported"),
    "score.changed": _("Score changed"),
    "sensitive.recorded": _("Self-declared statuses recorded"),
    "session.logged": _("Mentoring session logged"),
    "sheet.submitted": _("Score sheet submitted"),
    "sheet.unlocked": _("Score sheet unlocked"),
    "startup.changed": _("Startup changed"),
    "startup.registered": _("Startup registered"),
    "user.invited": _("Account invited"),
    "workshop.attendance_recorded": _("Workshop attendance recorded"),
}


def action_label(action):
    """The readable name of ``action``; unknown ones show as recorded."""
    return ACTION_LABELS.get(action, action)


def action_choices(actions):
    """Choices for the actions found in the trail, by their readable name."""
    return sorted(
        ((action, str(action_label(action))) for action in actions),
        key=lambda choice: choice[1].casefold(),
    )
