from django.urls import path

from backcare.printouts import views

app_name = "worksheets"
urlpatterns = [
    path("routines/<slug:slug>/worksheet.pdf", views.routine_pdf, name="routine_pdf"),
]
