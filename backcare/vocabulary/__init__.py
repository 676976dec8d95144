"""Every word the code says, in every language backcare speaks (plain Python, no Django).

One gettext catalogue (``backcare/locale/<lang>/LC_MESSAGES/django.po``) serves the web
pages (Django reads it through ``LOCALE_PATHS``), the API, the CLI, the PDFs and the
players. The language in force comes from :func:`current`: inside Django, the language
Django activated for the request; in the CLI, ``--lang`` or ``BACKCARE_LANG``.
"""

from backcare.vocabulary.catalogue import (
    Labels,
    gettext,
    gettext_noop,
    ngettext,
    pgettext,
)
from backcare.vocabulary.language import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    UnknownLanguage,
    current,
    from_accept_language,
    from_environment,
    normalise,
    set_source,
    use,
)

__all__ = [
    "DEFAULT_LANGUAGE", "LANGUAGES", "Labels", "UnknownLanguage", "current",
    "from_accept_language", "from_environment", "gettext", "gettext_noop", "ngettext",
    "normalise", "pgettext", "set_source", "use",
]
