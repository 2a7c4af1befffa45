"""URL patterns of the attendance import, included by ``cohorts.urls``."""

urlpatterns = []
