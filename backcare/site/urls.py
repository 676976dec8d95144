from django.urls import include, path

from backcare.site.api import api

urlpatterns = [
    path("api/", api.urls),
    path("", include("backcare.planning.urls")),
    path("", include("backcare.practice.urls")),
    path("", include("backcare.printouts.urls")),
    path("", include("backcare.catalogue.urls")),  # last: its /<condition>/ catches the rest
]

handler404 = "backcare.catalogue.views.not_found"
handler500 = "backcare.catalogue.views.server_error"
