from types import SimpleNamespace

from django.template import Context, Template
from django.test import RequestFactory

from cohorts.choices import MemberStatus
from cohorts.templatetags.selection_rows import selection_buttons, selection_forms


def _forms(path="/cohort/selection/?page=2"):
    request = RequestFactory().get(path)
    return selection_forms(Context({"request": request, "csrf_token": "tok"}))


def _person(status=None, member_id=None, name="Ana Pop"):
    return SimpleNamespace(
        member_status=status,
        member_id=member_id,
        full_name=name,
        select_url="/s/1/",
        waitlist_url="/w/1/",
        waitlist_confirm_url="/c/7/",
        remove_url="/r/7/",
    )


HIDDEN = (
    '<input type="hidden" name="csrfmiddlewaretoken" value="tok">'
    '<input type="hidden" name="next" value="/cohort/selection/?page=2">'
)

# Both one-tap forms, for someone without a place in the cohort.
SELECT_OR_WAITLIST_ANA = (
    f'<form method="post" action="/s/1/">{HIDDEN}'
    '<button class="btn btn-sm btn-success" type="submit">Selectați'
    '<span class="visually-hidden"> Ana Pop</span></button></form>'
    f'<form method="post" action="/w/1/">{HIDDEN}'
    '<button class="btn btn-sm btn-outline-secondary" type="submit">'
    'Listă de așteptare<span class="visually-hidden"> Ana Pop</span></button></form>'
)


def test_someone_without_a_decision_can_be_selected_or_waitlisted():
    forms = _forms()

    written = selection_buttons(_person(), forms)

    assert written == SELECT_OR_WAITLIST_ANA


def test_a_selected_member_is_waitlisted_or_removed_after_a_confirmation():
    forms = _forms()

    written = selection_buttons(_person(MemberStatus.SELECTED, member_id=7), forms)

    assert written == (
        '<a class="btn btn-sm btn-outline-secondary" '
        'href="/c/7/?next=/cohort/selection/%3Fpage%3D2">Listă de așteptare'
        '<span class="visually-hidden"> Ana Pop</span></a>'
        '<a class="btn btn-sm btn-outline-danger" '
        'href="/r/7/?next=/cohort/selection/%3Fpage%3D2">Eliminați'
        '<span class="visually-hidden"> Ana Pop</span></a>'
    )


def test_the_way_back_is_written_as_the_urlencode_filter_writes_it():
    path = "/cohort/selection/?status=waitlisted&page=3"
    forms = _forms(path)

    expected = Template("next={{ path|urlencode }}").render(Context({"path": path}))

    assert forms.next_query == expected


def test_names_are_escaped():
    forms = _forms()

    written = selection_buttons(_person(name='<b>"Ion"</b>'), forms)

    assert written == (
        f'<form method="post" action="/s/1/">{HIDDEN}'
        '<button class="btn btn-sm btn-success" type="submit">Selectați'
        '<span class="visually-hidden"> &lt;b&gt;&quot;Ion&quot;&lt;/b&gt;</span>'
        "</button></form>"
        f'<form method="post" action="/w/1/">{HIDDEN}'
        '<button class="btn btn-sm btn-outline-secondary" type="submit">'
        "Listă de așteptare"
        '<span class="visually-hidden"> &lt;b&gt;&quot;Ion&quot;&lt;/b&gt;</span>'
        "</button></form>"
    )


def test_a_withdrawn_member_is_waitlisted_at_once():
    forms = _forms()

    written = selection_buttons(_person(MemberStatus.WITHDRAWN, member_id=7), forms)

    assert written == SELECT_OR_WAITLIST_ANA + (
        '<a class="btn btn-sm btn-outline-danger" '
        'href="/r/7/?next=/cohort/selection/%3Fpage%3D2">Eliminați'
        '<span class="visually-hidden"> Ana Pop</span></a>'
    )
