import pytest
from django.urls import reverse

from cohorts.views.helpers import url_of_pk


@pytest.mark.parametrize("pk", [1, 42, 2_147_483_647])
def test_url_of_pk_writes_what_reverse_writes(pk):
    url = url_of_pk("cohorts:selection_select")

    assert url(pk) == reverse("cohorts:selection_select", args=[pk])
