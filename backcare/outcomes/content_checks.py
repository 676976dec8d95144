"""Every problem in the outcomes' content files — the measures (content/measures/) and the
weekly review's rules (content/review-rules.yaml) — as (file, field, message), for
``backcare check-content`` and the ``backcare.E001`` system check alike."""

from __future__ import annotations

from pathlib import Path

from backcare.outcomes.measures import measure_problems
from backcare.outcomes.review_rules import review_rule_problems


def outcome_problems(content_dir: Path) -> list[tuple[str, str, str]]:
    return [*measure_problems(content_dir), *review_rule_problems(content_dir)]
