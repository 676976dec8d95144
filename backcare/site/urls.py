from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from backcare.site import installable, language
from backcare.site.api import api

urlpatterns = [
    path("api/", api.urls),
    path("admin/", admin.site.urls),  # for operators: clinics, clinicians, programs
    path("language/<str:code>/", language.choose, name="choose_language"),
    path("sw.js", installable.service_worker, name="service_worker"),
    path("manifest.webmanifest", installable.manifest, name="web_manifest"),
    path("calendar/", include("backcare.progress.urls_feeds")),  # private reminder feeds
]
# Pages in English at /..., in every other language at /<code>/...
urlpatterns += i18n_patterns(
    path("offline/", installable.offline_page, name="offline"),
    path("accounts/", include("allauth.urls")),  # sign-in, sign-up, e-mail, password, TOTP
    path("account/", include("backcare.accounts.urls")),  # your account, your data
    path("clinic/", include("backcare.programs.urls_clinic")),  # the clinician's side
    path("p/", include("backcare.programs.urls_patient")),  # a program handed out
    path("progress/", include("backcare.progress.urls")),  # measures, progress, review, reminders
    path("", include("backcare.planning.urls")),
    path("", include("backcare.practice.urls")),
    path("", include("backcare.printouts.urls")),
    path("", include("backcare.catalogue.urls")),  # last: its /<condition>/ catches the rest
    prefix_default_language=False,
)

handler404 = "backcare.catalogue.views.not_found"
handler500 = "backcare.catalogue.views.server_error"
