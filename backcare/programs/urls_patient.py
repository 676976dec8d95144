from django.urls import path

from backcare.printouts.views_program import program_pdf
from backcare.programs import views_shared, views_shared_play

app_name = "shared"
urlpatterns = [
    path("", views_shared.enter_code, name="enter"),
    path("<slug:share_key>/", views_shared.program_page, name="program"),
    path("<slug:share_key>/play/", views_shared_play.play_program, name="play"),
    path("<slug:share_key>/sharing/", views_shared.sharing, name="sharing"),
    path("<slug:share_key>/qr.svg", views_shared_play.program_qr, name="qr"),
    path("<slug:share_key>/worksheet.pdf", program_pdf, name="worksheet"),
]
