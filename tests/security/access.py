"""Who may open every URL of the project: the table the security tests check.

Every named URL pattern has an entry: which record of the test world fills
its path (if any), and what each persona gets on a GET. A pattern that is not
here fails ``test_every_url_pattern_is_declared``; add it with the outcome
each persona should get, and the matrix test then checks it.

Outcomes:

- ``OK``: the page (200);
- ``NOT_FOUND``: 404, as for a record that does not exist;
- ``SIGN_IN``: a redirect to the sign-in page, back here afterwards;
- ``POST_ONLY``: 405 on a GET (an action: the form posts to it);
- ``REDIRECT``: a redirect elsewhere (a signed-in user on the sign-in page);
- ``ANSWERS``: any answer below 400 (pages of allauth and Django whose
  details are theirs, allowed to everyone).

The admin is checked as a whole: every one of its pages sends anyone who is
not staff to the admin's own sign-in.
"""

from dataclasses import dataclass, field

OK = "200"
NOT_FOUND = "404"
POST_ONLY = "405"
SIGN_IN = "sign-in"
ADMIN_SIGN_IN = "admin sign-in"
REDIRECT = "redirect"
ANSWERS = "answers"

PERSONAS = (
    "organiser",
    "mentor",
    "juror",
    "participant",
    "other_participant",
    "anonymous",
)
SIGNED_IN = PERSONAS[:-1]


@dataclass(frozen=True)
class Text:
    """A path value given as is (a file format), not a record of the world."""

    value: str


@dataclass(frozen=True)
class Access:
    # Path keyword -> key of the test world whose pk fills it.
    kwargs: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)


def only(*allowed, outcome=OK, kwargs=None):
    """``allowed`` personas get ``outcome``; other users 404; anonymous sign in."""
    outcomes = dict.fromkeys(SIGNED_IN, NOT_FOUND)
    outcomes.update(dict.fromkeys(allowed, outcome))
    outcomes["anonymous"] = SIGN_IN
    return Access(kwargs or {}, outcomes)


def signed_in(outcome=OK, kwargs=None):
    return only(*SIGNED_IN, outcome=outcome, kwargs=kwargs)


def public(outcome=OK, kwargs=None, **overrides):
    outcomes = dict.fromkeys(PERSONAS, outcome)
    outcomes.update(overrides)
    return Access(kwargs or {}, outcomes)


def organiser(key=None, kwarg="pk", outcome=OK):
    return only("organiser", outcome=outcome, kwargs={kwarg: key} if key else None)


def organiser_action(key=None, kwarg="pk"):
    return organiser(key, kwarg, outcome=POST_ONLY)


def nobody(key=None, kwarg="pk"):
    """Pages for a permission none of the personas holds."""
    return only(kwargs={kwarg: key} if key else None)


ACCESS = {
    # Editions, accounts, the home page
    "home": signed_in(),
    "edition_list": organiser(),
    "edition_create": organiser(),
    "edition_update": organiser("edition"),
    "edition_make_current": organiser_action("edition"),
    "edition_switch": signed_in(outcome=POST_ONLY),
    "user_list": organiser(),
    "user_invite": organiser(),
    # Sign-in, sign-out and password reset (allauth); sign-up is closed.
    "account_login": public(**dict.fromkeys(SIGNED_IN, REDIRECT)),
    "account_logout": public(ANSWERS),
    "account_inactive": public(),
    "account_signup": public(ANSWERS),
    "account_reauthenticate": signed_in(),
    # Codes by e-mail are off: allauth sends these pages elsewhere.
    "account_request_reauthentication_code": signed_in(REDIRECT),
    "account_confirm_reauthentication_code": signed_in(REDIRECT),
    "account_email": signed_in(),
    "account_email_verification_sent": public(),
    "account_change_password": signed_in(),
    "account_set_password": signed_in(REDIRECT),
    "account_reset_password": public(ANSWERS),
    "account_reset_password_done": public(ANSWERS),
    "account_confirm_login_code": public(REDIRECT),
    "account_confirm_email": public(ANSWERS, kwargs={"key": Text("missing")}),
    "account_reset_password_from_key": public(
        ANSWERS, kwargs={"uidb36": Text("missing"), "key": Text("missing")}
    ),
    "account_reset_password_from_key_done": public(ANSWERS),
    # Language switch and the translations of the scripts.
    "set_language": public(ANSWERS),
    "javascript-catalog": public(),
    # Stage 1: conferences, attendance, imports, people
    "cohorts:conference_list": organiser(),
    "cohorts:conference_create": organiser(),
    "cohorts:conference_detail": organiser("conference"),
    "cohorts:conference_update": organiser("conference"),
    "cohorts:attendance_create": organiser("conference", "conference_pk"),
    "cohorts:attendance_delete": organiser("attendance"),
    "cohorts:school_list": organiser(),
    "cohorts:school_create": organiser(),
    "cohorts:school_update": organiser("school"),
    "cohorts:person_list": organiser(),
    "cohorts:person_detail": organiser("person"),
    "cohorts:import_upload": organiser("conference", "conference_pk"),
    "cohorts:import_list": organiser(),
    "cohorts:import_detail": organiser("import"),
    "cohorts:import_progress": organiser("import"),
    "cohorts:import_options": organiser_action("import"),
    "cohorts:import_mapping": organiser("import"),
    "cohorts:import_commit": organiser_action("import"),
    "cohorts:import_undo": organiser("import", outcome=REDIRECT),
    "cohorts:import_errors": organiser("refused_import"),
    "cohorts:match_list": organiser(),
    "cohorts:match_decide": organiser_action("proposal"),
    # The public application form: anyone may apply, signed in or not.
    "cohorts:apply": public(ANSWERS, kwargs={"edition_pk": "edition"}),
    "cohorts:apply_thanks": public(ANSWERS, kwargs={"edition_pk": "edition"}),
    "cohorts:application_list": organiser(),
    "cohorts:application_call": organiser(),
    "cohorts:application_notify": organiser(),
    "cohorts:application_detail": organiser("application"),
    "cohorts:application_review": organiser_action("application"),
    "cohorts:application_guardian": organiser("application"),
    "cohorts:application_match": organiser_action("application"),
    "cohorts:member_waitlist_move": organiser_action("member"),
    # Check-in at the door
    "cohorts:door": organiser("conference", "conference_pk"),
    "cohorts:door_search": organiser_action("conference", "conference_pk"),
    "cohorts:door_check_in": organiser_action("conference", "conference_pk"),
    "cohorts:door_undo": organiser_action("conference", "conference_pk"),
    "cohorts:door_walk_in": organiser_action("conference", "conference_pk"),
    "cohorts:signin_sheet": organiser("conference", "conference_pk"),
    "cohorts:late_entry": organiser("conference", "conference_pk"),
    # Spreadsheets
    "cohorts:export_list": organiser(),
    "cohorts:export_attendance": only("organiser", kwargs={"file_format": Text("csv")}),
    "cohorts:export_conference_attendance": only(
        "organiser", kwargs={"pk": "conference", "file_format": Text("xlsx")}
    ),
    "cohorts:export_applications": only(
        "organiser", kwargs={"file_format": Text("csv")}
    ),
    "cohorts:export_selection": only("organiser", kwargs={"file_format": Text("csv")}),
    # Stage 2: selection, cohort, training
    "cohorts:selection": organiser(),
    "cohorts:selection_select": organiser_action("person"),
    "cohorts:selection_waitlist": organiser_action("person"),
    "cohorts:member_list": organiser(),
    "cohorts:member_promote_next": organiser_action(),
    "cohorts:member_remove": organiser("member"),
    "cohorts:member_waitlist_confirm": organiser("member"),
    "cohorts:member_withdraw": organiser("member"),
    "cohorts:member_invite": organiser_action("member"),
    # The organisers, and the mentor of the member's group.
    "cohorts:member_progress": only("organiser", "mentor", kwargs={"pk": "member"}),
    # Each participant sees their own progress, never another's.
    "cohorts:my_progress": only("participant", "other_participant"),
    # Neither participant of the world has completed: no certificate yet (the
    # certificate of one who has is tried in tests/cohorts/test_certificates.py).
    "cohorts:my_certificate": only(),
    # Organisers hand out any member's certificate; mentors follow progress only.
    "cohorts:member_certificate": organiser("graduate"),
    "cohorts:module_list": organiser(),
    "cohorts:module_create": organiser(),
    "cohorts:module_update": organiser("module"),
    "cohorts:workshop_list": organiser(),
    "cohorts:workshop_create": organiser(),
    "cohorts:workshop_update": organiser("workshop"),
    "cohorts:workshop_attendance": organiser("workshop"),
    "cohorts:workshop_room": organiser("workshop"),
    # A participant checks themselves in to their own cohort's workshop.
    "cohorts:workshop_check_in": only("participant", "other_participant"),
    "cohorts:completion_grid": organiser(),
    # Module evidence: the participant claims a module of their own cohort and
    # takes back their own claim; the mentor of their group and organisers
    # review it. The file goes to those three only: the world's claim has a
    # link and no file, so here it is a 404 for all (files are tried in
    # tests/cohorts/test_evidence_views.py).
    "cohorts:evidence_submit": only(
        "participant", "other_participant", kwargs={"module_pk": "module"}
    ),
    "cohorts:evidence_withdraw": only("participant", kwargs={"pk": "evidence"}),
    "cohorts:evidence_queue": only("organiser", "mentor"),
    "cohorts:evidence_confirm": only(
        "organiser", "mentor", outcome=POST_ONLY, kwargs={"pk": "evidence"}
    ),
    "cohorts:evidence_return": only("organiser", "mentor", kwargs={"pk": "evidence"}),
    "cohorts:evidence_file": nobody("evidence"),
    # Stage 3: the final
    "competition:final_list": organiser(),
    "competition:final_create": organiser(),
    "competition:final_detail": organiser("final"),
    "competition:final_update": organiser("final"),
    "competition:criteria_update": organiser("final"),
    "competition:finalist_create": organiser("final"),
    "competition:finalist_update": organiser("finalist"),
    "competition:finalist_delete": organiser("finalist"),
    "competition:juror_invite": organiser("final"),
    "competition:juror_delete": organiser("juror"),
    "competition:assignment_matrix": organiser("final"),
    "competition:assign_everyone": organiser_action("final"),
    "competition:results": organiser("final"),
    "competition:prize_create": organiser("final"),
    "competition:prize_update": organiser("prize"),
    "competition:prize_delete": organiser("prize"),
    "competition:levels_update": organiser("final"),
    "competition:tie_break_update": organiser("final"),
    "competition:live_control": organiser("final"),
    "competition:casting_vote": only(
        "organiser", outcome=NOT_FOUND, kwargs={"pk": "final", "tied": Text("1-2")}
    ),
    "competition:certify": organiser("final"),
    "competition:reopen": organiser("final"),
    "competition:publish": organiser("final"),
    "competition:sheet_list": organiser("final"),
    "competition:sheet_unlock": organiser("sheet"),
    "competition:recuse": organiser("assignment"),
    "competition:record": organiser("final"),
    "competition:export": only(
        "organiser", kwargs={"pk": "final", "what": Text("results"), "fmt": Text("csv")}
    ),
    "competition:feedback_review": organiser("finalist"),
    "competition:appeal_list": organiser("final"),
    "competition:appeal_answer": organiser("appeal"),
    # Results once published: every signed-in user of the programme.
    "competition:published_results": signed_in(NOT_FOUND, kwargs={"pk": "final"}),
    # The finalist's own pages: its members (the participant) and organisers.
    # A finalist is sent to their team's page; anyone else in the cohort is
    # told they are not in the final.
    "competition:my_final": Access(
        {},
        {
            **only().outcomes,
            "participant": REDIRECT,
            "other_participant": OK,
        },
    ),
    "competition:finalist_page": only(
        "organiser", "participant", kwargs={"pk": "finalist"}
    ),
    "competition:finalist_deck": nobody("finalist"),
    "competition:peer_vote": only(
        "participant", "other_participant", outcome=POST_ONLY, kwargs={"pk": "finalist"}
    ),
    "competition:appeal_file": only(
        "participant", "other_participant", outcome=POST_ONLY, kwargs={"pk": "finalist"}
    ),
    # Jurors: only their own pitches (the organiser is not on the jury).
    "competition:my_pitches": only("juror"),
    "competition:sheet": only("juror", kwargs={"pk": "assignment"}),
    "competition:conflicts_declare": only("juror", kwargs={"pk": "final"}),
    "competition:live": only("juror", kwargs={"pk": "final"}),
    "competition:live_state": only("juror", kwargs={"pk": "final"}),
    "competition:abstain": only("juror", kwargs={"pk": "assignment"}),
    # Stages 2 and 4: mentoring
    "mentorship:mentor_list": organiser(),
    "mentorship:mentor_create": organiser(),
    "mentorship:group_list": organiser(),
    "mentorship:my_groups": only("mentor"),
    "mentorship:group_create": organiser(),
    "mentorship:group_update": organiser("group"),
    "mentorship:session_list": only(
        "organiser", "mentor", kwargs={"group_pk": "group"}
    ),
    "mentorship:session_create": only(
        "organiser", "mentor", kwargs={"group_pk": "group"}
    ),
    # Sessions the participant attended; the other one attended none.
    "mentorship:my_sessions": only("participant", "other_participant"),
    "mentorship:session_rate": only("participant", kwargs={"pk": "session"}),
    "mentorship:session_ratings": only("organiser", "mentor", kwargs={"pk": "session"}),
    # Participants' and mentors' own workshops and sessions, as a file.
    "mentorship:my_calendar": only("mentor", "participant", "other_participant"),
    "mentorship:startup_list": organiser(),
    "mentorship:my_startups": only("mentor"),
    "mentorship:startup_create": organiser(),
    # Organisers, its mentor and its founder (the participant).
    "mentorship:startup_detail": only(
        "organiser", "mentor", "participant", kwargs={"pk": "startup"}
    ),
    "mentorship:startup_update": organiser("startup"),
    "mentorship:checkin_update": only("organiser", "mentor", kwargs={"pk": "checkin"}),
    "mentorship:checkin_detail": only(
        "organiser", "mentor", "participant", kwargs={"pk": "checkin"}
    ),
    # The founder sends the numbers once the check-in is due; before, the
    # page sends them back to the startup.
    "mentorship:checkin_submit": only(
        "participant", outcome=REDIRECT, kwargs={"pk": "checkin"}
    ),
    "mentorship:assistance_create": organiser("startup", "startup_pk"),
    "mentorship:assistance_update": organiser("assistance"),
    "mentorship:assistance_delete": organiser("assistance"),
    # Files: none is uploaded in the test world, so each is a 404 for all.
    "mentorship:startup_logo": nobody("startup"),
    "mentorship:founder_document": nobody("founder"),
    "mentorship:attachment_download": nobody("attachment"),
    "mentorship:attachment_delete": nobody("attachment"),
    # Indicators and budget
    "reports:indicators": organiser(outcome=REDIRECT),
    "reports:all_indicators": organiser(),
    "reports:edition_indicators": organiser("edition"),
    "reports:funder_export": organiser("edition"),
    "reports:edition_budget": organiser("edition"),
    "reports:cost_add": organiser("edition"),
    "reports:cost_delete": organiser("cost"),
    # Personal data, consent and the audit trail
    "privacy:person_list": organiser(),
    "privacy:person_privacy": organiser("person"),
    "privacy:consent_add": organiser("person"),
    "privacy:photo_withdraw": organiser("person"),
    "privacy:person_reporting": organiser("person"),
    # Organisers granted the sensitive-data permission only; none here is.
    "privacy:sensitive_detail": nobody("person"),
    "privacy:sensitive_edit": nobody("person"),
    "privacy:person_export": organiser("person"),
    "privacy:person_export_json": organiser("person"),
    "privacy:person_erase": organiser("person"),
    "privacy:consent_withdraw": organiser("consent"),
    "privacy:sensitive_log": organiser(),
    "privacy:retention": organiser(),
    "privacy:audit_list": organiser(),
    "privacy:my_data": only("participant", "other_participant"),
    "privacy:my_data_json": only("participant", "other_participant"),
    "privacy:my_declaration": only("participant", "other_participant"),
}

# Unnamed patterns, by their route. Uploaded files are served by Django only
# in development (DEBUG at start-up); in production nothing serves them.
UNNAMED = {
    "^media/(?P<path>.*)$": public(NOT_FOUND, kwargs={"path": Text("missing.csv")}),
}

# Patterns of these namespaces are checked by rule, not one by one.
ADMIN_NAMESPACE = "admin"
# The sign-in, and the sign-out, which sends anyone not signed in to the index.
ADMIN_PUBLIC = {"admin:login", "admin:logout"}
