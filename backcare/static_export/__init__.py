"""``backcare export-static``: the public site as plain files, for any file server or CDN.

Every public page in each language, the demos, the API's content-only reads and the static
files, each byte for byte what the server sends (rendered by the site's own WSGI
application, in this process). What depends on a person — the safety screen, plans, the
player, worksheets, the session history — stays on the app servers. See README.md here.

Django-side: the site's settings must be set up before these are used.
"""

from backcare.static_export.export import ExportReport, export_site, private_reason
from backcare.static_export.fetch import DEFAULT_ORIGIN, Answer, Origin, SiteClient, parse_origin
from backcare.static_export.layout import (
    MANIFEST,
    Entry,
    ExportFailed,
    ExportRefused,
    Manifest,
    file_for,
)

__all__ = [
    "DEFAULT_ORIGIN", "MANIFEST", "Answer", "Entry", "ExportFailed", "ExportRefused",
    "ExportReport", "Manifest", "Origin", "SiteClient", "export_site", "file_for",
    "parse_origin", "private_reason",
]
