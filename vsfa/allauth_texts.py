"""allauth's sentences that our users read on the sign-in and password pages.

allauth's own Romanian catalogue writes many of them without diacritics (and
speaks informally where the rest of vsfa does not). Listing them here puts
them in our catalogue, which is read after the apps' catalogues and so wins:
their Romanian is corrected in locale/ro/LC_MESSAGES/django.po. The text of
each must stay exactly allauth's.
"""

from django.utils.translation import gettext_noop

ALLAUTH_TEXTS = (
    # Messages after signing in or out, or setting a password.
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    # The sign-in form and its errors.
    gettext_noop("Email"),
    gettext_noop("Password"),
    gettext_noop("Remember Me"),
    gettext_noop("Forgot your password?"),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("This account is currently inactive."),
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    # Asking for a new password and setting it from the e-mailed link.
    gettext_noop("Password Reset"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll "
        "send you an email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check "
        "your spam folder. Otherwise contact us if you do not receive it in a "
        "few minutes."
    ),
    gettext_noop("Bad Token"),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already "
        'been used.  Please request a <a href="%(passwd_reset_url)s">new '
        "password reset</a>."
    ),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Change Password"),
    gettext_noop("Set Password"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Password (again)"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Your password is now changed."),
)
