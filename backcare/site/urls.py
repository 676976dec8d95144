from django.urls import include, path

from backcare.catalogue.api import api

urlpatterns = [
    path("api/", api.urls),
    path("", include("backcare.catalogue.urls")),
]

handler404 = "backcare.catalogue.views.not_found"
handler500 = "backcare.catalogue.views.server_error"
