"""Headers of every answer, and the production settings as deployed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-test-secret-key-that-is-long-and-random-enough-0123456789",
    "DJANGO_ALLOWED_HOSTS": "vsfa.example.org",
}


def _policy(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _production(code):
    """Run ``code`` in a fresh interpreter with production settings."""
    env = {**os.environ, **PRODUCTION}
    env.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603 -- our own interpreter and code
        [sys.executable, *code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_pages_forbid_inline_scripts_and_other_hosts(client_for, organiser):
    response = client_for(organiser).get(reverse("home"))

    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_sign_in_page_has_the_policy_and_the_other_headers(client):
    response = client.get(reverse("account_login"))

    assert _policy(response)["script-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_deployment_checks_pass_with_production_settings():
    result = _production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])

    assert (result.returncode, result.stderr.strip()) == (0, "")


def test_production_cookies_are_secure_and_http_only():
    script = (
        "import django, json, os;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'vsfa.settings');"
        "django.setup();"
        "from django.conf import settings as s;"
        "print(json.dumps({name: getattr(s, name) for name in ("
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE',"
        "'CSRF_COOKIE_HTTPONLY', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS',"
        "'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS')}))"
    )

    result = _production(["-c", script])

    assert json.loads(result.stdout) == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
    }
