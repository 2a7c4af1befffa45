import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.test import override_settings
from django.utils import translation

from vsfa import warmup


def _templates_in(folder):
    return {
        **settings.TEMPLATES[0],
        "DIRS": [folder],
        "APP_DIRS": False,
    }


def test_compiles_every_template_of_the_project():
    failed = warmup.prepare()

    assert failed == []
    loader = engines["django"].engine.template_loaders[0]
    kept = {template.origin.template_name for template in _cached(loader)}
    assert set(warmup.project_templates()) <= kept


def _cached(loader):
    return [
        template
        for template in loader.get_template_cache.values()
        if not isinstance(template, type) and hasattr(template, "origin")
    ]


def test_names_the_project_s_templates_and_not_its_libraries():
    names = warmup.project_templates()

    assert "base.html" in names
    assert "cohorts/member_progress.html" in names
    assert not any(name.startswith(("admin/", "account/base")) for name in names)
    assert len(names) == len(
        [
            path
            for path in (Path(settings.BASE_DIR) / "templates").rglob("*")
            if path.suffix in {".html", ".txt"}
        ]
    )


def test_a_template_that_does_not_compile_is_logged_and_the_rest_prepared(
    tmp_path, caplog
):
    (tmp_path / "good.html").write_text("{% load i18n %}{% translate 'Hello' %}")
    (tmp_path / "broken.html").write_text("{% if %}")
    caplog.set_level(logging.ERROR, logger="vsfa.warmup")

    with override_settings(TEMPLATES=[_templates_in(tmp_path)]):
        failed = warmup.prepare()
        kept = {
            template.origin.template_name
            for template in _cached(engines["django"].engine.template_loaders[0])
        }

    assert failed == ["broken.html"]
    assert kept == {"good.html"}
    assert [record.getMessage() for record in caplog.records] == [
        "Template broken.html could not be compiled."
    ]


def test_a_template_that_is_not_utf8_is_logged_and_the_rest_prepared(tmp_path, caplog):
    (tmp_path / "good.html").write_text("<p>Bună</p>")
    (tmp_path / "legacy.txt").write_bytes("Această listă".encode("cp1250"))
    caplog.set_level(logging.ERROR, logger="vsfa.warmup")

    with override_settings(TEMPLATES=[_templates_in(tmp_path)]):
        failed = warmup.prepare()

    assert failed == ["legacy.txt"]
    assert [record.getMessage() for record in caplog.records] == [
        "Template legacy.txt could not be compiled."
    ]


def test_addresses_that_cannot_be_prepared_are_logged_and_the_templates_still_are(
    caplog,
):
    caplog.set_level(logging.ERROR, logger="vsfa.warmup")

    with override_settings(ROOT_URLCONF="tests.vsfa.urls_without_home"):
        failed = warmup.prepare()

    assert failed == []
    assert [record.getMessage() for record in caplog.records] == [
        "The addresses could not be prepared."
    ]


@pytest.mark.parametrize("language", ["ro", "en"])
def test_leaves_the_language_that_was_active(language):
    with translation.override(language):
        warmup.prepare()

        active = translation.get_language()

    assert active == language


def test_a_worker_prepares_itself_when_it_loads_the_application(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vsfa.settings",
        "VSFA_VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "INFO",
    }

    loaded = subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "-c", "import vsfa.wsgi"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert loaded.returncode == 0, loaded.stderr
    prepared = [line for line in loaded.stderr.splitlines() if "vsfa.warmup" in line]
    assert len(prepared) == 1
    assert " INFO vsfa.warmup Worker prepared in " in prepared[0]
