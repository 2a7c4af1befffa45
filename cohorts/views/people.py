"""The people recorded across editions, for organisers."""

from django.shortcuts import get_object_or_404, render

from cohorts import selectors
from cohorts.views.helpers import paginate
from vsfa.models import Person
from vsfa.permissions import organiser_required
from vsfa.search import searchable


@organiser_required
@searchable("people")
def person_list(request, query):
    return render(
        request,
        "cohorts/person_list.html",
        {"page_obj": paginate(request, selectors.people(query)), "query": query},
    )


@organiser_required
def person_detail(request, pk):
    person = get_object_or_404(
        Person.objects.select_related("user", "merged_into"), pk=pk
    )
    attendances = person.attendances.select_related(
        "conference__school", "conference__edition", "school"
    ).order_by("-conference__date")
    memberships = person.memberships.select_related("edition").order_by(
        "-edition__starts_on"
    )
    return render(
        request,
        "cohorts/person_detail.html",
        {
            "person": person,
            "attendances": attendances,
            "memberships": memberships,
        },
    )
