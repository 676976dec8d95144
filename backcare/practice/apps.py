from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "backcare.practice"
    label = "practice"
    verbose_name = "Follow-along players and the session log"
