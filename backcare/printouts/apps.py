from django.apps import AppConfig


class PrintoutsConfig(AppConfig):
    name = "backcare.printouts"
    label = "printouts"
    verbose_name = "Printable worksheets"
