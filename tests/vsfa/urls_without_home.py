"""A URL configuration without the pages' names (``tests/vsfa/test_warmup.py``)."""

urlpatterns = []
