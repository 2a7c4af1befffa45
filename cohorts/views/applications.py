"""The public application form, and the selection board where organisers
read, score and decide on the applications."""

import logging
import uuid

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cohorts import selectors, services
from cohorts.choices import ApplicationDecision, MemberStatus
from cohorts.forms import (
    ApplicationCallForm,
    ApplicationFilterForm,
    ApplicationForm,
    ApplicationReviewForm,
    GuardianConsentForm,
    NotifyDecisionsForm,
)
from cohorts.models import ApplicationCall, School
from cohorts.views.helpers import edition_of, paginate
from vsfa import limits, privacy
from vsfa.models import Edition, SensitiveDeclaration
from vsfa.permissions import organiser_required
from vsfa.search import form_data, searchable
from vsfa.services import MergeConflict

logger = logging.getLogger(__name__)

# Why sensitive answers were read, as logged in ``SensitiveAccess``.
READING_PURPOSE = "selection"


# --- The public form ------------------------------------------------------


def _client_address(request):
    """The applicant's address: the proxy's header when one is configured."""
    header = settings.VSFA_CLIENT_IP_HEADER
    forwarded = request.META.get(header, "") if header else ""
    # A list of addresses starts with the client's.
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def _over_rate_limit(request):
    """Count one application from the client's address; True past the limit."""
    count = limits.count_in_window(
        f"cohorts:apply:{_client_address(request)}",
        settings.VSFA_APPLICATIONS_WINDOW_SECONDS,
    )
    return count > settings.VSFA_APPLICATIONS_PER_ADDRESS


def apply(request, edition_pk):
    """The public application form of an edition: no account needed.

    Sent twice (the same one-time token), it shows the thank-you page and
    creates nothing; too many applications from one address in a short time
    are refused with a message.
    """
    edition = get_object_or_404(Edition, pk=edition_pk)
    call = selectors.application_call(edition)
    today = timezone.localdate()
    if call is None or not call.is_open_on(today):
        return render(
            request,
            "cohorts/application_closed.html",
            {"edition": edition, "call": call, "today": today},
        )

    form = ApplicationForm(
        request.POST or None,
        schools=School.objects.order_by("name"),
        today=today,
        initial={"token": uuid.uuid4()},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if selectors.application_sent(token):
            return redirect("cohorts:apply_thanks", edition_pk=edition.pk)
        if _over_rate_limit(request):
            logger.warning("Application refused: rate limit of %s", edition.pk)
            messages.error(
                request,
                _(
                    "Too many applications were sent from this network in the "
                    "last few minutes. Please wait ten minutes and send the "
                    "form again: what you typed is kept."
                ),
            )
            status = 429
        else:
            try:
                services.submit_application(
                    edition=edition,
                    token=token,
                    applicant=form.applicant(),
                    sensitive=form.sensitive_answers(),
                )
            except services.ApplicationError as error:
                messages.error(request, str(error))
                return redirect("cohorts:apply", edition_pk=edition.pk)
            return redirect("cohorts:apply_thanks", edition_pk=edition.pk)
    return render(
        request,
        "cohorts/application_form.html",
        {"edition": edition, "call": call, "form": form},
        status=status,
    )


def apply_thanks(request, edition_pk):
    edition = get_object_or_404(Edition, pk=edition_pk)
    return render(request, "cohorts/application_thanks.html", {"edition": edition})


# --- The selection board --------------------------------------------------


def _answers_shown(answers):
    """``[(question, answer)]`` of the questions answered, for the page."""
    if not answers:
        return []
    shown = []
    for name in privacy.SENSITIVE_FIELDS:
        value = answers.get(name)
        if value:
            field = SensitiveDeclaration._meta.get_field(name)
            shown.append((field.verbose_name, dict(field.choices)[value]))
    return shown


def _read_answers(request, person_ids):
    """The self-declared answers of ``person_ids`` when the user may read them.

    Each reading is logged; nothing is read (or logged) for anyone else.
    """
    if not person_ids or not privacy.can_read_sensitive(request.user):
        return {}
    return privacy.read_sensitive_many(
        user=request.user, person_ids=person_ids, purpose=READING_PURPOSE
    )


def _decorate(applications, answers, today):
    statuses = dict(MemberStatus.choices)
    for application in applications:
        application.age = application.age_on(today)
        birth_date = application.person.birth_date or application.birth_date
        application.under_guardian_age = selectors.is_under_guardian_age(
            birth_date, today
        )
        application.status_label = statuses.get(application.member_status, "")
        application.answers = _answers_shown(answers.get(application.person_id))


@organiser_required
@searchable("applications", keep=("school", "status", "sort"))
def application_list(request, query):
    """The selection board: the applications, the panel's scores, the balance."""
    edition = edition_of(request)
    filters = ApplicationFilterForm(form_data(request, query))
    criteria = filters.cleaned_data if filters.is_valid() else {}
    applications = selectors.applications(
        edition,
        query=criteria.get("q", ""),
        school=criteria.get("school"),
        status=criteria.get("status"),
        sort=criteria.get("sort", ""),
        reviewer=request.user,
    )
    page = paginate(request, applications)

    may_read = privacy.can_read_sensitive(request.user)
    answers = _read_answers(request, [application.person_id for application in page])
    _decorate(page, answers, timezone.localdate())
    return render(
        request,
        "cohorts/application_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "call": selectors.application_call(edition),
            "counts": selectors.selection_counts(edition),
            "vulnerable": selectors.vulnerable_counts(edition) if may_read else None,
            "may_read_sensitive": may_read,
            "statuses": MemberStatus,
        },
    )


def _application_of(request, pk):
    return get_object_or_404(
        selectors.applications(edition_of(request), reviewer=request.user), pk=pk
    )


def _render_detail(request, application, review_form=None, status=200):
    today = timezone.localdate()
    answers = _read_answers(request, [application.person_id])
    _decorate([application], answers, today)
    reviews = list(selectors.application_reviews(application))
    if review_form is None:
        mine = next((r for r in reviews if r.reviewer_id == request.user.pk), None)
        review_form = ApplicationReviewForm(
            initial={
                "score": mine.score if mine else None,
                "notes": mine.notes if mine else "",
            }
        )
    proposal = selectors.pending_match_of(application)
    return render(
        request,
        "cohorts/application_detail.html",
        {
            "application": application,
            "attendances": selectors.application_attendances(application),
            "reviews": reviews,
            "notices": selectors.application_notices(application),
            "proposal": proposal,
            "candidate_attendances": (
                selectors.person_attendances(proposal.candidate_id)
                if proposal is not None
                else []
            ),
            "review_form": review_form,
            "may_read_sensitive": privacy.can_read_sensitive(request.user),
            "statuses": MemberStatus,
        },
        status=status,
    )


@organiser_required
def application_detail(request, pk):
    return _render_detail(request, _application_of(request, pk))


@organiser_required
@require_POST
def application_review(request, pk):
    application = _application_of(request, pk)
    form = ApplicationReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The review was not saved: check it below."))
        return _render_detail(request, application, review_form=form, status=400)
    services.save_review(
        actor=request.user,
        application=application,
        score=form.cleaned_data["score"],
        notes=form.cleaned_data["notes"],
    )
    messages.success(
        request,
        _("Your review of %(name)s is saved.") % {"name": application.full_name},
    )
    return redirect("cohorts:application_detail", pk=application.pk)


@organiser_required
def application_guardian(request, pk):
    """Record the guardian's consent once the signed form is in hand."""
    application = _application_of(request, pk)
    form = GuardianConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_guardian_consent(
                actor=request.user,
                application=application,
                evidence=form.cleaned_data["evidence"],
            )
        except services.SelectionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The consent of %(guardian)s for %(name)s is recorded.")
                % {
                    "guardian": application.guardian_name,
                    "name": application.full_name,
                },
            )
        return redirect("cohorts:application_detail", pk=application.pk)
    return render(
        request,
        "cohorts/application_guardian.html",
        {"application": application, "form": form},
    )


@organiser_required
@require_POST
def application_match(request, pk):
    """Confirm or reject the possible match proposed for an applicant."""
    application = _application_of(request, pk)
    decision = request.POST.get("decision")
    if decision not in {"same", "different"}:
        messages.error(request, _("Choose whether they are the same person."))
        return redirect("cohorts:application_detail", pk=application.pk)
    try:
        decided = services.decide_application_match(
            actor=request.user,
            application=application,
            same_person=decision == "same",
        )
    except MergeConflict:
        messages.error(
            request,
            _(
                "These records cannot be merged automatically: both have an "
                "account, or both have a record of the same kind with records "
                "of its own. Nothing was changed."
            ),
        )
        return redirect("cohorts:application_detail", pk=application.pk)
    if not decided:
        messages.error(request, _("This match was already decided."))
    elif decision == "same":
        messages.success(
            request,
            _("%(name)s is now one person with all the records of both.")
            % {"name": application.full_name},
        )
    else:
        messages.success(request, _("Kept as two different people."))
    return redirect("cohorts:application_detail", pk=application.pk)


@organiser_required
def application_notify(request):
    """Ask, then queue the e-mails telling applicants their decision."""
    edition = edition_of(request)
    # Bound on every POST: an unticked box alone sends nothing at all.
    form = NotifyDecisionsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        queued = services.notify_decisions(
            actor=request.user,
            edition=edition,
            include_not_selected=form.cleaned_data["include_not_selected"],
        )
        if queued:
            messages.success(
                request,
                ngettext(
                    "%(count)s e-mail is being sent.",
                    "%(count)s e-mails are being sent.",
                    queued,
                )
                % {"count": queued},
            )
        else:
            messages.info(request, _("Nobody is waiting to be told: nothing was sent."))
        return redirect("cohorts:application_list")
    counts = selectors.decision_counts(edition)
    return render(
        request,
        "cohorts/application_notify.html",
        {
            "form": form,
            "counts": [
                (label, counts[value]) for value, label in ApplicationDecision.choices
            ],
        },
    )


@organiser_required
def application_call(request):
    """When the edition's public form takes applications, and its link."""
    edition = edition_of(request)
    call = selectors.application_call(edition) or ApplicationCall(edition=edition)
    form = ApplicationCallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        services.save_application_call(actor=request.user, call=form.save(commit=False))
        messages.success(request, _("The call for applications is saved."))
        return redirect("cohorts:application_list")
    return render(
        request,
        "cohorts/application_call_form.html",
        {"form": form, "call": call},
    )
