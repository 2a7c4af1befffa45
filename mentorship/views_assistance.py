"""Pages of the legal and financial help given to a startup (organisers)."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorship import permissions, services_assistance
from mentorship.forms_checkins import AssistanceForm
from vsfa.permissions import organiser_required


@organiser_required
def assistance_create(request, startup_pk):
    startup = permissions.startup_for(request.user, startup_pk)
    form = AssistanceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            _assistance, created = services_assistance.record_assistance(
                actor=request.user, startup=startup, **values
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if created:
                messages.success(request, _("Help recorded."))
            else:
                messages.info(
                    request,
                    _("This help was already recorded; it was not added twice."),
                )
            return redirect("mentorship:startup_detail", pk=startup.pk)
    return render(
        request,
        "mentorship/assistance_form.html",
        {"form": form, "startup": startup, "object": None},
    )


@organiser_required
def assistance_update(request, pk):
    assistance = permissions.assistance_to_change(request.user, pk)
    startup = assistance.startup
    # As for groups: the page keeps showing the help as saved.
    form = AssistanceForm(
        request.POST or None, request.FILES or None, instance=copy.copy(assistance)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_assistance.change_assistance(
                actor=request.user, assistance=assistance, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Help saved."))
            return redirect("mentorship:startup_detail", pk=startup.pk)
    return render(
        request,
        "mentorship/assistance_form.html",
        {
            "form": form,
            "startup": startup,
            "object": assistance,
            "documents": assistance.documents.all(),
        },
    )


@organiser_required
def assistance_delete(request, pk):
    """Confirm, then remove help recorded by mistake, with its cost."""
    assistance = permissions.assistance_to_change(request.user, pk)
    startup = assistance.startup
    if request.method == "POST":
        services_assistance.delete_assistance(actor=request.user, assistance=assistance)
        messages.success(request, _("The help and its cost were removed."))
        return redirect("mentorship:startup_detail", pk=startup.pk)
    return render(
        request,
        "mentorship/assistance_confirm_delete.html",
        {
            "assistance": assistance,
            "startup": startup,
            "documents": assistance.documents.all(),
        },
    )
