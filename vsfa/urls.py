from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from vsfa import views

# Any unhandled error; the database being unreachable answers 503 (vsfa.errors).
handler500 = "vsfa.errors.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("editions/", views.edition_list, name="edition_list"),
    path("editions/new/", views.edition_create, name="edition_create"),
    path("editions/<int:pk>/edit/", views.edition_update, name="edition_update"),
    path(
        "editions/<int:pk>/make-current/",
        views.edition_make_current,
        name="edition_make_current",
    ),
    path("editions/switch/", views.edition_switch, name="edition_switch"),
    path("people/accounts/", views.user_list, name="user_list"),
    path("people/accounts/invite/", views.user_invite, name="user_invite"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("conferences/", include("cohorts.urls")),
    path("final/", include("competition.urls")),
    path("mentoring/", include("mentorship.urls")),
    path("indicators/", include("vsfa.urls_reports")),
    path("privacy/", include("vsfa.urls_privacy")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
