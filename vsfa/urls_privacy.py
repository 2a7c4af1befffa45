from django.urls import path

from vsfa import views_privacy as views

app_name = "privacy"

urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/", views.person_privacy, name="person_privacy"),
    path("people/<int:pk>/consents/new/", views.consent_add, name="consent_add"),
    path(
        "people/<int:pk>/photos/withdraw/", views.photo_withdraw, name="photo_withdraw"
    ),
    path("people/<int:pk>/reporting/", views.person_reporting, name="person_reporting"),
    path("people/<int:pk>/sensitive/", views.sensitive_detail, name="sensitive_detail"),
    path(
        "people/<int:pk>/sensitive/edit/", views.sensitive_edit, name="sensitive_edit"
    ),
    path("people/<int:pk>/data/", views.person_export, name="person_export"),
    path(
        "people/<int:pk>/data.json", views.person_export_json, name="person_export_json"
    ),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path(
        "consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"
    ),
    path("sensitive-readings/", views.sensitive_log, name="sensitive_log"),
    path("retention/", views.retention_list, name="retention"),
    path("audit/", views.audit_list, name="audit_list"),
    path("me/", views.my_data, name="my_data"),
    path("me/data.json", views.my_data_json, name="my_data_json"),
    path("me/declaration/", views.my_declaration, name="my_declaration"),
]
