"""The back-pain library as validated, immutable content (plain Python, never imports Django)."""

from backcare.content.library import ExerciseFilter, Library
from backcare.content.loader import ContentError, ContentProblem, load_library

__all__ = ["ExerciseFilter", "ContentError", "ContentProblem", "Library", "load_library"]
