import pytest
from django.urls import reverse

from cohorts.views.helpers import safe_next, url_of_pk


@pytest.mark.parametrize("pk", [1, 42, 2_147_483_647])
def test_url_of_pk_writes_what_reverse_writes(pk):
    url = url_of_pk("cohorts:selection_select")

    assert url(pk) == reverse("cohorts:selection_select", args=[pk])


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("/conferences/selection/?page=2", "/conferences/selection/?page=2"),
        ("https://elsewhere.example/", ""),
        ("//elsewhere.example/", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_safe_next_keeps_only_our_own_pages(rf, sent, kept):
    from_query = rf.get("/", {"next": sent})
    posted = rf.post("/", {"next": sent})

    found = (safe_next(from_query), safe_next(posted))

    assert found == (kept, kept)
