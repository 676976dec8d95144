from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "backcare.catalogue"
    label = "catalogue"
    verbose_name = "Exercise and routine library"

    def ready(self) -> None:
        from django.utils import translation

        from backcare.catalogue import checks  # noqa: F401  (registers the content check)
        from backcare.vocabulary import set_source

        set_source(translation.get_language)  # the core speaks the request's language
