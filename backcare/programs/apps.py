from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "backcare.programs"
    label = "programs"
    verbose_name = "Clinician programs"
