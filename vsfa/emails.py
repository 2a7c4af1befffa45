"""Builds and sends the e-mails the programme sends, in Romanian first."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute(path):
    return f"{settings.VSFA_SITE_URL}{path}"


def password_link(user):
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return absolute(path)


def send_templated(template, to, context, language="ro"):
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` and send them."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
