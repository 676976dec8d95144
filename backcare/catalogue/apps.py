from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "backcare.catalogue"
    label = "catalogue"
    verbose_name = "Exercise and routine library"

    def ready(self) -> None:
        from backcare.catalogue import checks  # noqa: F401  (registers the content check)
