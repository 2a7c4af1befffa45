"""Consent register, sensitive answers, a person's data, erasure, audit trail."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import AttendanceImport
from vsfa import privacy, retention
from vsfa.choices import ConsentKind
from vsfa.forms_privacy import (
    PERSON_FILTERS,
    AuditFilterForm,
    ConsentForm,
    EraseForm,
    PersonReportingForm,
    SensitiveForm,
)
from vsfa.models import AuditEvent, Consent, Person, SensitiveAccess
from vsfa.permissions import organiser_required, participant_required, role_required
from vsfa.search import searchable

PER_PAGE = 50

sensitive_required = role_required(privacy.can_read_sensitive)


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _person(pk):
    return get_object_or_404(
        Person.objects.select_related("user", "merged_into"), pk=pk
    )


def _refuse_if_anonymised(request, person):
    if person.anonymised_at is None:
        return None
    messages.error(request, _("This person's data was anonymised."))
    return redirect("privacy:person_privacy", pk=person.pk)


# --- Consent register ------------------------------------------------------


@organiser_required
@searchable("consent_register", keep=("status",))
def person_list(request, query):
    status = request.GET.get("status", "")
    if status not in dict(PERSON_FILTERS):
        status = ""

    people = privacy.register(request.edition or None, query, status)

    page = _page(request, people)
    today = timezone.localdate()
    for person in page:
        person.age = privacy.age_of(person, today)
        person.needs_guardian = privacy.needs_guardian(person, today)
    return render(
        request,
        "vsfa/privacy_person_list.html",
        {
            "page_obj": page,
            "query": query,
            "status": status,
            "filters": PERSON_FILTERS,
        },
    )


@organiser_required
def person_privacy(request, pk):
    person = _person(pk)

    consents = person.consents.select_related("recorded_by").order_by(
        "kind", "-recorded_at", "-pk"
    )
    in_force = privacy.consents_in_force(person)

    return render(
        request,
        "vsfa/person_privacy.html",
        {
            "person": person,
            "consents": consents,
            "in_force": [
                (kind, label, in_force.get(kind)) for kind, label in ConsentKind.choices
            ],
            "guardian_given": ConsentKind.GUARDIAN in in_force,
            "age": privacy.age_of(person),
            "needs_guardian": privacy.needs_guardian(person),
            "can_read_sensitive": privacy.can_read_sensitive(request.user),
        },
    )


@organiser_required
def consent_add(request, pk):
    person = _person(pk)
    refused = _refuse_if_anonymised(request, person)
    if refused:
        return refused
    initial = {"kind": request.GET.get("kind", "")}
    form = ConsentForm(
        request.POST or None,
        initial=initial,
        guardian_needed=privacy.needs_guardian(person),
    )

    if request.method == "POST" and form.is_valid():
        try:
            privacy.record_consent(
                actor=request.user, person=person, **form.cleaned_data
            )
        except privacy.PrivacyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Consent recorded."))
        return redirect("privacy:person_privacy", pk=person.pk)

    return render(request, "vsfa/consent_form.html", {"person": person, "form": form})


@organiser_required
def consent_withdraw(request, pk):
    consent = get_object_or_404(Consent.objects.select_related("person"), pk=pk)

    if request.method == "POST":
        if privacy.withdraw_consent(actor=request.user, consent=consent):
            messages.success(request, _("Consent withdrawn."))
        else:
            messages.success(request, _("This consent was already withdrawn."))
        return redirect("privacy:person_privacy", pk=consent.person_id)

    return render(request, "vsfa/consent_confirm_withdraw.html", {"consent": consent})


@organiser_required
def photo_withdraw(request, pk):
    person = _person(pk)

    if request.method == "POST":
        if privacy.withdraw_photo_consent(actor=request.user, person=person):
            messages.success(
                request, _("Photo consent withdrawn: their photos are hidden.")
            )
        else:
            messages.success(request, _("There was no photo consent to withdraw."))
        return redirect("privacy:person_privacy", pk=person.pk)

    return render(request, "vsfa/consent_confirm_photo.html", {"person": person})


@organiser_required
def person_reporting(request, pk):
    person = _person(pk)
    refused = _refuse_if_anonymised(request, person)
    if refused:
        return refused
    form = PersonReportingForm(request.POST or None, instance=person)

    if request.method == "POST" and form.is_valid():
        privacy.save_reporting_details(
            actor=request.user, person=person, **form.cleaned_data
        )
        messages.success(request, _("Reporting details saved."))
        return redirect("privacy:person_privacy", pk=person.pk)

    return render(
        request, "vsfa/person_reporting_form.html", {"person": person, "form": form}
    )


# --- Sensitive answers -----------------------------------------------------


@sensitive_required
def sensitive_detail(request, pk):
    person = _person(pk)

    declaration = privacy.read_sensitive(
        user=request.user, person=person, purpose="page"
    )

    return render(
        request,
        "vsfa/privacy_sensitive_detail.html",
        {
            "person": person,
            "declaration": declaration,
            "has_consent": privacy.has_consent(person, ConsentKind.SENSITIVE),
        },
    )


def _sensitive_form_page(request, person, *, own, template, done):
    has_consent = privacy.has_consent(person, ConsentKind.SENSITIVE)
    if request.method == "POST":
        form = SensitiveForm(request.POST, has_consent=has_consent, self_service=own)
        if form.is_valid():
            consent = form.consent_data
            if consent is not None and own:
                consent = {
                    "given_by": person.full_name,
                    "evidence": _("Declared online by the participant"),
                }
            try:
                privacy.save_sensitive(
                    actor=request.user,
                    person=person,
                    answers=form.answers,
                    consent=consent,
                )
            except privacy.PrivacyError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Answers saved."))
                return redirect(done)
    else:
        declaration = privacy.read_sensitive(
            user=request.user,
            person=person,
            purpose="own" if own else "form",
            own=own,
        )
        initial = {}
        if declaration is not None:
            initial = {
                name: getattr(declaration, name) for name in privacy.SENSITIVE_FIELDS
            }
        form = SensitiveForm(initial=initial, has_consent=has_consent, self_service=own)
    return render(
        request,
        template,
        {"person": person, "form": form, "has_consent": has_consent, "own": own},
    )


@sensitive_required
def sensitive_edit(request, pk):
    person = _person(pk)
    refused = _refuse_if_anonymised(request, person)
    if refused:
        return refused
    return _sensitive_form_page(
        request,
        person,
        own=False,
        template="vsfa/privacy_sensitive_form.html",
        done=reverse("privacy:person_privacy", args=[person.pk]),
    )


@organiser_required
@searchable("sensitive_readings")
def sensitive_log(request, query):
    readings = SensitiveAccess.objects.select_related("person", "user").order_by(
        "-at", "-pk"
    )
    if query:
        readings = readings.filter(
            Q(person__in=Person.objects.search(query))
            | Q(user__email__icontains=query)
            | Q(user__full_name__icontains=query)
        )
    return render(
        request,
        "vsfa/privacy_sensitive_log.html",
        {"page_obj": _page(request, readings), "query": query},
    )


# --- A person's data -------------------------------------------------------


def _json_download(person, sections):
    document = privacy.export_document(person, sections)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="vsfa-person-{person.pk}.json"'
    )
    return response


@organiser_required
def person_export(request, pk):
    person = _person(pk)

    sections = privacy.export_person(
        actor=request.user,
        person=person,
        include_sensitive=privacy.can_read_sensitive(request.user),
    )

    return render(
        request,
        "vsfa/person_export.html",
        {"person": person, "sections": sections, "own": False},
    )


@organiser_required
def person_export_json(request, pk):
    person = _person(pk)
    sections = privacy.export_person(
        actor=request.user,
        person=person,
        include_sensitive=privacy.can_read_sensitive(request.user),
    )
    return _json_download(person, sections)


@organiser_required
def person_erase(request, pk):
    person = _person(pk)
    if person.merged_into_id is not None:
        return redirect("privacy:person_erase", pk=person.merged_into_id)
    refused = _refuse_if_anonymised(request, person)
    if refused:
        return refused
    form = EraseForm(request.POST or None)

    if request.method == "POST" and form.is_valid():
        privacy.erase_person(
            actor=request.user, person=person, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _("The person's identity was replaced with %(name)s.")
            % {"name": privacy.stand_in_name(person)},
        )
        return redirect("privacy:person_privacy", pk=person.pk)

    # The uploaded class lists that name the person: erasure rewrites their rows.
    files = AttendanceImport.objects.filter(attendances__person=person).distinct()
    return render(
        request,
        "vsfa/person_confirm_erase.html",
        {
            "person": person,
            "form": form,
            "import_files": files,
            "stand_in": privacy.stand_in_name(person),
        },
    )


# --- Retention and audit ---------------------------------------------------


@organiser_required
def retention_list(request):
    report = retention.apply_retention(confirm=False)
    return render(
        request,
        "vsfa/privacy_retention.html",
        {
            "report": report,
            "page_obj": Paginator(report.people, PER_PAGE).get_page(
                request.GET.get("page")
            ),
        },
    )


@organiser_required
def audit_list(request):
    actions = (
        AuditEvent.objects.order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )
    form = AuditFilterForm(request.GET or None, actions=list(actions))
    events = AuditEvent.objects.select_related("actor", "edition").order_by(
        "-at", "-pk"
    )

    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["actor"]:
            events = events.filter(actor=data["actor"])
        if data["edition"]:
            events = events.filter(edition=data["edition"])
        if data["since"]:
            events = events.filter(at__date__gte=data["since"])
        if data["until"]:
            events = events.filter(at__date__lte=data["until"])

    return render(
        request,
        "vsfa/privacy_audit_list.html",
        {"form": form, "page_obj": _page(request, events)},
    )


# --- A participant's own data ----------------------------------------------


def _own_person(request):
    person = Person.objects.active().filter(user=request.user).first()
    if person is None:
        raise Http404
    return person


@participant_required
def my_data(request):
    person = _own_person(request)
    sections = privacy.export_person(
        actor=request.user, person=person, include_sensitive=True, own=True
    )
    return render(
        request,
        "vsfa/person_export.html",
        {"person": person, "sections": sections, "own": True},
    )


@participant_required
def my_data_json(request):
    person = _own_person(request)
    sections = privacy.export_person(
        actor=request.user, person=person, include_sensitive=True, own=True
    )
    return _json_download(person, sections)


@participant_required
def my_declaration(request):
    person = _own_person(request)
    return _sensitive_form_page(
        request,
        person,
        own=True,
        template="vsfa/privacy_sensitive_form.html",
        done="privacy:my_data",
    )
