"""One export of the real site per test module, and the command run in-process.

The lists are made shorter than they are on the site (10 exercises, 3 routines a page) so
that the export has paginated pages to find and follow, as it will with more content.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backcare.catalogue import views as catalogue_views
from backcare.catalogue import views_finder
from backcare.catalogue.library import library_or_problems
from backcare.cli.main import main
from backcare.static_export import ExportReport, export_site, parse_origin
from backcare.vocabulary import LANGUAGES

#: The Django test client's own origin, so its answers and the export's name the same host.
ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def _export_requests_may_meet_the_test_database(db: None) -> None:
    """Each page the export renders starts and ends Django's request cycle, which looks at
    any database connection an earlier test left open: the test database, never a real one."""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, django_db_setup: None,
             django_db_blocker: Any) -> Iterator[ExportReport]:
    """The whole site, every language, exported once for the module (short list pages)."""
    folder = tmp_path_factory.mktemp("export") / "site"
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setattr(views_finder, "RESULTS_PER_PAGE", 10)
        patch.setattr(catalogue_views, "ROUTINES_PER_PAGE", 3)
        library, problems = library_or_problems()
        assert library is not None and not problems
        yield export_site(folder, library, list(LANGUAGES), parse_origin(ORIGIN))


def export_cli(*argv: str) -> int:
    """``backcare export-static ARGV``, through the real console script's main()."""
    return main(["export-static", *argv])


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
