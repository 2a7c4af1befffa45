import logging
from pathlib import Path

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


def test_leaves_the_language_that_was_active():
    with translation.override("en"):
        warmup.prepare()

        active = translation.get_language()

    assert active == "en"
