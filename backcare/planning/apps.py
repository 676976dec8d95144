from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "backcare.planning"
    label = "planning"
    verbose_name = "Personal plans: safety screen, profile, fitted routine"
