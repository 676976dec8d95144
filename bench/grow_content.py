"""n× the content: every exercise and routine of a content folder copied under new slugs.

    .venv/bin/python bench/grow_content.py DEST TIMES     # e.g. /tmp/content-10x 10

Used by bench/scale.py (and its test, tests/content/test_library_at_scale.py). Copy 1
keeps the real slugs; copy n appends ``-x<n>`` to every slug (and to every slug it names)
and `` <n>`` to every name and title, in English and in each translation. Each condition
page names its own routines, then their copies, up to the 100 a condition may name. The
result is content the loader accepts (within its size limits, which 100× is over).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

#: The file that marks a folder as this script's, which a later run may replace.
MARK = ".grown-content"
#: The most routines a condition page's file may name (backcare.content.schema.Condition).
CONDITION_ROUTINES_MAX = 100


class _PlainDumper(yaml.SafeDumper):
    """Writes every value out in full: the content loader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False,
                              width=1000), encoding="utf-8")


def _slug_in(copy: int, slug: str) -> str:
    return slug if copy == 1 else f"{slug}-x{copy}"


def _name_in(copy: int, name: str) -> str:
    return name if copy == 1 else f"{name} {copy}"


def grow_content(source: Path, dest: Path, times: int) -> dict[str, int]:
    """Write ``times`` copies of ``source``'s exercises and routines into ``dest``, valid
    content that ``load_library`` accepts. Copy 1 keeps the real slugs; copy n appends
    ``-x<n>`` to every slug (and to every slug it names) and `` <n>`` to every name and
    title. Each condition page names its own routines, then copies of them, up to
    CONDITION_ROUTINES_MAX. Returns the counts written."""
    if dest.exists():
        if any(dest.iterdir()) and not (dest / MARK).exists():
            raise SystemExit(f"{dest} is not empty and was not written by grow_content.py; "
                             "name a new folder")
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    (dest / MARK).write_text("written by bench/grow_content.py; rewritten on every run\n")
    languages = sorted(p.name for p in (source / "translations").iterdir() if p.is_dir()) \
        if (source / "translations").is_dir() else []
    trees = [("", source, dest)] + [
        (lang, source / "translations" / lang, dest / "translations" / lang) for lang in languages]
    for _, src, dst in trees:
        for name in ("site.yaml", "rules.yaml"):
            dst.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src / name, dst / name)
    counts = {"exercises": 0, "routines": 0, "conditions": 0, "bytes": 0}
    for copy in range(1, times + 1):
        for lang, src, dst in trees:
            for path in sorted((src / "exercises").glob("*.yaml")):
                data = _read(path)
                data["name"] = _name_in(copy, data["name"])
                if not lang:
                    data["slug"] = _slug_in(copy, data["slug"])
                    if data.get("seated_alternative"):
                        data["seated_alternative"] = _slug_in(copy, data["seated_alternative"])
                    counts["exercises"] += 1
                _write(dst / "exercises" / f"{_slug_in(copy, path.stem)}.yaml", data)
            for path in sorted((src / "routines").glob("*.yaml")):
                data = _read(path)
                data["title"] = _name_in(copy, data["title"])
                if not lang:
                    data["slug"] = _slug_in(copy, data["slug"])
                    for phase in data["phases"]:
                        for item in phase["items"]:
                            item["exercise"] = _slug_in(copy, item["exercise"])
                    data["related"] = [_slug_in(copy, s) for s in data.get("related", [])]
                    counts["routines"] += 1
                _write(dst / "routines" / f"{_slug_in(copy, path.stem)}.yaml", data)
    for lang, src, dst in trees:
        for path in sorted((src / "conditions").glob("*.yaml")):
            data = _read(path)
            if not lang:
                own = list(data["routines"])
                named = [_slug_in(c, s) for c in range(1, times + 1) for s in own]
                data["routines"] = named[:CONDITION_ROUTINES_MAX]
                counts["conditions"] += 1
            _write(dst / "conditions" / path.name, data)
    counts["bytes"] = sum(p.stat().st_size for p in dest.rglob("*.yaml"))
    return counts


def main() -> int:
    if len(sys.argv) != 3 or not sys.argv[2].isdigit() or not 1 <= int(sys.argv[2]) <= 200:
        print("usage: grow_content.py DEST TIMES (TIMES from 1 to 200)", file=sys.stderr)
        return 2
    source = Path(__file__).resolve().parents[1] / "content"
    print(grow_content(source, Path(sys.argv[1]), int(sys.argv[2])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
