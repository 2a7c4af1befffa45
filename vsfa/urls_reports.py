from django.urls import path

from vsfa import views_reports as views

app_name = "reports"

urlpatterns = [
    path("", views.indicators_home, name="indicators"),
    path("all/", views.all_indicators, name="all_indicators"),
    path("edition/<int:pk>/", views.edition_indicators, name="edition_indicators"),
    path("edition/<int:pk>/export.xlsx", views.funder_export, name="funder_export"),
    path("edition/<int:pk>/budget/", views.edition_budget, name="edition_budget"),
    path("edition/<int:pk>/costs/new/", views.cost_add, name="cost_add"),
    path("costs/<int:pk>/delete/", views.cost_delete, name="cost_delete"),
]
