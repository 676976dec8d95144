"""The planning pages, one module per page; re-exported here for urls.py."""

from backcare.planning.views_fit import fit
from backcare.planning.views_include import include_again
from backcare.planning.views_plan import plan
from backcare.planning.views_screen import screen

__all__ = ["fit", "include_again", "plan", "screen"]
