"""The clinician's pages, under /clinic/ (and /<language>/clinic/)."""

from django.urls import URLPattern, path

from backcare.programs import views_clinic, views_clinic_builder, views_clinic_outcomes

app_name = "clinic"
urlpatterns: list[URLPattern] = [
    path("", views_clinic.dashboard, name="dashboard"),
    path("programs/new/", views_clinic_builder.new_program, name="new_program"),
    path("programs/<int:program_id>/", views_clinic.program_page, name="program"),
    path("programs/<int:program_id>/edit/", views_clinic_builder.edit_program,
         name="edit_program"),
    path("programs/<int:program_id>/adherence.csv", views_clinic.program_csv,
         name="adherence_csv"),
    path("programs/<int:program_id>/qr.svg", views_clinic.program_qr, name="qr_svg"),
    path("programs/<int:program_id>/lock/", views_clinic_outcomes.lock_program, name="lock"),
    path("programs/<int:program_id>/patients/<int:number>/fhir.json",
         views_clinic_outcomes.patient_fhir, name="patient_fhir"),
]
