from cohorts import urls_importing

app_name = "cohorts"

urlpatterns = [] + urls_importing.urlpatterns
