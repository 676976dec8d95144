from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "backcare.progress"
    label = "progress"
    verbose_name = "Outcomes and progress"
