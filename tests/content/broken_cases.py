"""Every kind of broken content the suite feeds the loader, for the tests that import it.

Each case is ``(kind, build, file, field, words)``: ``build(d)`` breaks a writable copy ``d``
of tests/fixtures/mini in one way; the loader must then report a problem for ``file`` (as
it is printed: relative to the content folder, control characters escaped) and ``field``
("" for the file as a whole) whose text contains ``words``.

``CASES`` are mistakes an author makes; ``HOSTILE_CASES`` are what an attacker (or a
very unlucky accident) puts in the folder. Builders that need a named pipe, a socket or a
link make it at test time, so every case is a function of the folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path

Breaker = Callable[[Path], None]
Case = tuple[str, Breaker, str, str, str]

EX = "exercises/chair-stretch.yaml"
SUMMARY = "A test stretch done in a chair."  # chair-stretch's summary
ROUTINE = "routines/chair-routine.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES: list[Case] = [
    # (kind of breakage, how, file, field, words the message must contain)
    ("missing field",
     lambda d: edit(d / "exercises/chair-stretch.yaml", "kind: stretch\n", ""),
     "exercises/chair-stretch.yaml", "kind", "required"),
    ("unknown field",
     lambda d: edit(d / "exercises/chair-stretch.yaml", "kind: stretch", "kind: stretch\ncolour: red"),
     "exercises/chair-stretch.yaml", "colour", "not a known field"),
    ("value not allowed",
     lambda d: edit(d / "exercises/chair-stretch.yaml", "position: seated", "position: upside-down"),
     "exercises/chair-stretch.yaml", "position", "'upside-down'"),
    ("dose out of range",
     lambda d: edit(d / "exercises/lying-stretch.yaml", "hold_seconds: 30", "hold_seconds: 900"),
     "exercises/lying-stretch.yaml", "dose.hold_seconds", "900"),
    ("wrong type",
     lambda d: edit(d / "exercises/lying-stretch.yaml", "per_side: true", "per_side: sometimes"),
     "exercises/lying-stretch.yaml", "per_side", "'sometimes'"),
    ("unknown exercise in a routine",
     lambda d: edit(d / "routines/floor-routine.yaml", "exercise: belly-prop", "exercise: flying-leap"),
     "routines/floor-routine.yaml", "phases[1].items[0].exercise", "'flying-leap'"),
    ("related link to nothing",
     lambda d: edit(d / "routines/chair-routine.yaml", "related: [floor-routine]", "related: [gone-routine]"),
     "routines/chair-routine.yaml", "related[0]", "'gone-routine'"),
    ("condition lists a missing routine",
     lambda d: edit(d / "conditions/test-pain.yaml", "chair-routine]", "sofa-routine]"),
     "conditions/test-pain.yaml", "routines[1]", "'sofa-routine'"),
    ("seated alternative that does not exist",
     lambda d: edit(d / "exercises/lying-stretch.yaml", "seated_alternative: chair-stretch",
                    "seated_alternative: stool-stretch"),
     "exercises/lying-stretch.yaml", "seated_alternative", "'stool-stretch'"),
    ("seated alternative that needs the floor",
     lambda d: edit(d / "exercises/lying-stretch.yaml", "seated_alternative: chair-stretch",
                    "seated_alternative: belly-prop"),
     "exercises/lying-stretch.yaml", "seated_alternative", "needs the floor"),
    ("duplicate slug",
     lambda d: (d / "exercises/chair-stretch-copy.yaml").write_text(
         (d / "exercises/chair-stretch.yaml").read_text()),
     "exercises/chair-stretch-copy.yaml", "slug", "duplicate slug 'chair-stretch'"),
    ("slug that does not match the file name",
     lambda d: edit(d / "routines/chair-routine.yaml", "slug: chair-routine", "slug: armchair-routine"),
     "routines/chair-routine.yaml", "slug", "chair-routine.yaml"),
    ("bad YAML",
     lambda d: edit(d / "routines/chair-routine.yaml", "title: Chair routine", "title: [Chair routine"),
     "routines/chair-routine.yaml", "", "not valid YAML at line"),
    ("a file that is not a mapping",
     lambda d: (d / "exercises/chair-stretch.yaml").write_text("- just\n- a list\n"),
     "exercises/chair-stretch.yaml", "", "mapping"),
    ("badly formed slug",
     lambda d: edit(d / "routines/floor-routine.yaml", "related: [chair-routine]",
                    "related: [Chair Routine]"),
     "routines/floor-routine.yaml", "related[0]", "'Chair Routine'"),
    ("empty routine",
     lambda d: edit(d / "routines/chair-routine.yaml", "    items:\n      - exercise: chair-stretch\n",
                    "    items: []\n"),
     "routines/chair-routine.yaml", "phases[0].items", "at least 1"),
    ("missing site texts",
     lambda d: (d / "site.yaml").unlink(),
     "site.yaml", "", "missing"),
    ("same slug for an exercise and a routine",
     lambda d: (d / "routines/chair-stretch.yaml").write_text(
         (d / "routines/chair-routine.yaml").read_text().replace("slug: chair-routine",
                                                                 "slug: chair-stretch")),
     "routines/chair-stretch.yaml", "slug", "also an exercise"),
    ("a condition both required and excluded",
     lambda d: edit(d / "exercises/belly-prop.yaml", "rules: {only_with_conditions: [disc]}",
                    "rules: {only_with_conditions: [disc], not_with_conditions: [disc]}"),
     "exercises/belly-prop.yaml", "rules", "both required and excluded"),
    ("an exercise without movement families",
     lambda d: edit(d / "exercises/chair-stretch.yaml", "movements: [flexion]\n", ""),
     "exercises/chair-stretch.yaml", "movements", "required"),
    ("an empty list of movement families",
     lambda d: edit(d / "exercises/chair-stretch.yaml", "movements: [flexion]", "movements: []"),
     "exercises/chair-stretch.yaml", "movements", "at least 1"),
    ("an unknown movement family",
     lambda d: edit(d / "exercises/chair-stretch.yaml", "movements: [flexion]",
                    "movements: [flexion, cartwheel]"),
     "exercises/chair-stretch.yaml", "movements[1]", "'cartwheel'"),
    ("lying on the back not listed for an exercise done on the back",
     lambda d: edit(d / "exercises/lying-stretch.yaml", "movements: [flexion, lying-on-back]",
                    "movements: [flexion]"),
     "exercises/lying-stretch.yaml", "movements", "lying-on-back"),
    ("a minimum of repetitions above the dose",
     lambda d: edit(d / "exercises/belly-prop.yaml", "min_reps: 1", "min_reps: 6"),
     "exercises/belly-prop.yaml", "min_reps", "more than the dose's 5 reps"),
    ("no minimum of repetitions",
     lambda d: edit(d / "exercises/belly-prop.yaml", "min_reps: 1\n", ""),
     "exercises/belly-prop.yaml", "min_reps", "required"),
    ("an exercise rule naming an unknown condition",
     lambda d: edit(d / "exercises/belly-prop.yaml", "rules: {only_with_conditions: [disc]}",
                    "rules: {only_with_conditions: [dsic]}"),
     "exercises/belly-prop.yaml", "rules.only_with_conditions[0]", "'dsic'"),
    ("missing condition rules",
     lambda d: (d / "rules.yaml").unlink(),
     "rules.yaml", "", "missing"),
    ("a condition rule naming an unknown movement family",
     lambda d: edit(d / "rules.yaml", "movements: [lying-on-stomach]", "movements: [tummy]"),
     "rules.yaml", "conditions[1].rules[0].movements[0]", "'tummy'"),
    ("a condition rule naming an exercise that does not exist",
     lambda d: edit(d / "rules.yaml", "movements: [lying-on-stomach]",
                    "movements: [lying-on-stomach]\n        exercises: [belly-flop]"),
     "rules.yaml", "conditions[1].rules[0].exercises[0]", "'belly-flop'"),
    ("a condition rule with no source",
     lambda d: edit(d / "rules.yaml", "        source: A test source.\n  - slug: sore-tummy",
                    "  - slug: sore-tummy"),
     "rules.yaml", "conditions[0].rules[0].source", "required"),
    ("a condition rule that names nothing",
     lambda d: edit(d / "rules.yaml", "        movements: [lying-on-stomach]\n", ""),
     "rules.yaml", "conditions[1].rules[0]", "must name movements or exercises"),
    ("a condition named like an answer",
     lambda d: edit(d / "rules.yaml", "slug: sore-tummy", "slug: none-known"),
     "rules.yaml", "conditions", "an answer, not a condition"),
    ("a condition defined twice",
     lambda d: edit(d / "rules.yaml", "slug: sore-tummy", "slug: disc"),
     "rules.yaml", "conditions", "defined twice"),
    ("condition slug taken by a site page",
     lambda d: (d / "conditions/exercises.yaml").write_text(
         (d / "conditions/test-pain.yaml").read_text().replace("slug: test-pain", "slug: exercises")),
     "conditions/exercises.yaml", "slug", "taken by the site"),
    ("routine related to itself",
     lambda d: edit(d / "routines/chair-routine.yaml", "related: [floor-routine]",
                    "related: [chair-routine]"),
     "routines/chair-routine.yaml", "related[0]", "itself"),
]


# --- builders for the hostile cases ---------------------------------------------------------

def add(path: Path, text: str) -> None:
    """Append ``text`` to a content file."""
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def put(old: str, new: str, file: str = EX) -> Breaker:
    return lambda d: edit(d / file, old, new)


def put_bytes(old: bytes, new: bytes, file: str = EX) -> Breaker:
    def build(d: Path) -> None:
        data = (d / file).read_bytes()
        assert old in data
        (d / file).write_bytes(data.replace(old, new, 1))
    return build


def write(file: str, data: bytes) -> Breaker:
    return lambda d: (d / file).write_bytes(data)


def link(file: str, target: str) -> Breaker:
    return lambda d: (d / file).symlink_to(target)


def fifo(file: str) -> Breaker:
    def build(d: Path) -> None:
        if (d / file).exists():
            (d / file).unlink()
        os.mkfifo(d / file)
    return build


def unix_socket(d: Path) -> None:
    """A socket file; bound in a short temporary folder (socket paths are short), then moved."""
    short = Path(tempfile.mkdtemp(prefix="bc"))
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(short / "s"))
    os.rename(short / "s", d / "exercises/sock.yaml")
    short.rmdir()


def linked_folder(d: Path) -> None:
    """conditions/ made a link to a folder beside the content folder."""
    elsewhere = d.parent / f"{d.name}-elsewhere"
    shutil.move(d / "conditions", elsewhere)
    (d / "conditions").symlink_to(elsewhere)


def exercises_is_a_file(d: Path) -> None:
    shutil.rmtree(d / "exercises")
    (d / "exercises").write_text("slug: not-a-folder\n", encoding="utf-8")


def many_files(d: Path) -> None:
    for i in range(1001):
        (d / f"routines/r{i:04}.yaml").write_text("slug: x\n", encoding="utf-8")


def too_much_in_all(d: Path) -> None:
    """9 files of 127 KB: each under the file limit, together over the folder's 1 MB."""
    for i in range(9):
        (d / f"exercises/zz-pad-{i:02}.yaml").write_bytes(b"\xff" * (127 * 1024))


def copy_as(name: bytes) -> Breaker:
    """A copy of chair-stretch.yaml under a file name given as raw bytes."""
    def build(d: Path) -> None:
        target = os.path.join(os.fsencode(d / "exercises"), name)
        with open(target, "wb") as f:
            f.write((d / EX).read_bytes())
    return build


def nested_keys(levels: int) -> str:
    return "".join(" " * i + "a:\n" for i in range(levels)) + " " * levels + "x\n"


LAUGHS = ('lol1: &l1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
          + "".join(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n"
                    for i in range(2, 10)))
UNKNOWN_FIELDS = "".join(f"field{i}: {i}\n" for i in range(2000))
DEEP_LIST = "title" + "[0]" * 31  # the 32nd level is the last allowed

HOSTILE_CASES: list[Case] = [
    # files that are not files
    ("a named pipe (FIFO)", fifo("exercises/pipe.yaml"),
     "exercises/pipe.yaml", "", "is not a regular file (a named pipe)"),
    ("site.yaml is a named pipe", fifo("site.yaml"), "site.yaml", "", "(a named pipe)"),
    ("a socket", unix_socket, "exercises/sock.yaml", "", "is not a regular file (a socket)"),
    ("a folder named like a file", lambda d: (d / "exercises/folder.yaml").mkdir(),
     "exercises/folder.yaml", "", "is a folder, not a file"),
    ("a folder where a folder of files should be", exercises_is_a_file,
     "exercises/", "", "is not a folder"),
    # links
    ("a link that loops", link("exercises/loop.yaml", "loop.yaml"),
     "exercises/loop.yaml", "", "is a link that loops"),
    ("a dangling link", link("exercises/gone.yaml", "missing.yaml"),
     "exercises/gone.yaml", "", "is a link to a file that does not exist"),
    ("a link to outside the folder", link("exercises/host.yaml", "/etc/hostname"),
     "exercises/host.yaml", "", "is a link to outside the content folder"),
    ("a link to /dev/zero", link("exercises/zero.yaml", "/dev/zero"),
     "exercises/zero.yaml", "", "is a link to outside the content folder"),
    ("a link to a folder inside", link("exercises/routines.yaml", "../routines"),
     "exercises/routines.yaml", "", "is a link to a folder, not a file"),
    ("a link to a named pipe inside",
     lambda d: (fifo("pipe")(d), link("exercises/piped.yaml", "../pipe")(d)),
     "exercises/piped.yaml", "", "is a link to a named pipe, not a regular file"),
    ("a folder that links outside", linked_folder,
     "conditions/test-pain.yaml", "", "in a folder that links to outside the content folder"),
    # sizes and counts
    ("a 30 MB value", lambda d: add(d / EX, "other_names: [" + "x" * (30 << 20) + "]\n"),
     EX, "", "the limit is 128 KB"),
    ("a file just over 128 KB", lambda d: add(d / EX, "#" * (128 << 10) + "\n"),
     EX, "", "is 129 KB; the limit is 128 KB"),
    ("more than 1 MB of files in all", too_much_in_all,
     "exercises/zz-pad-08.yaml", "", "over 1,024 KB, the limit for all its files together"),
    ("more than 1,000 files in a folder", many_files,
     "routines/", "", "holds 1,003 .yaml files; the limit is 1,000"),
    ("an oversize text field", put(SUMMARY, "x" * 5000),
     EX, "summary", "is 5,000 characters long; the limit is 4,000"),
    ("a number 4,000 digits long", put("hold_seconds: 30", "hold_seconds: 0x" + "f" * 3990),
     EX, "dose.hold_seconds", "a number about 4,80"),
    ("more than 5,000 values", lambda d: add(d / EX, "extra: [" + "1," * 6_000 + "]\n"),
     EX, "", "holds more than 5,000 values; the limit is 5,000"),
    ("a routine dose below the exercise's min_reps",
     lambda d: (edit(d / "exercises/lying-stretch.yaml", "min_reps: 1", "min_reps: 2")),
     "routines/floor-routine.yaml", "phases[0].items[0].dose.reps", "fewer than the 2"),
    ("a routine of 100 items", put("      - exercise: chair-stretch\n",
                                      "      - exercise: chair-stretch\n" * 100, ROUTINE),
     ROUTINE, "phases[0].items", "at most 40"),
    ("2,000 unknown fields", lambda d: add(d / EX, UNKNOWN_FIELDS),
     EX, "", "more problems, not listed"),
    # nesting
    ("50,000 nested [", put("title: Chair routine", "title: " + "[" * 50_000, ROUTINE),
     ROUTINE, DEEP_LIST, "nested more than 32 levels deep"),
    ("50,000 nested {", put("title: Chair routine", "title: " + "{" * 50_000, ROUTINE),
     ROUTINE, "title", "nested more than 32 levels deep"),
    ("50,000 nested block lists", lambda d: add(d / ROUTINE, "extra:\n  " + "- " * 50_000 + "x\n"),
     ROUTINE, "extra" + "[0]" * 31, "nested more than 32 levels deep"),
    ("deep block nesting", lambda d: add(d / ROUTINE, nested_keys(60)),
     ROUTINE, ".".join(["a"] * 31), "nested more than 32 levels deep"),
    # field names
    ("a field given twice", lambda d: add(d / EX, "kind: mobility\n"),
     EX, "kind", "is given twice (first on line 6); each field may appear once (line 25)"),
    ("a nested field given twice", put("reps: 3}", "reps: 3, reps: 4}"),
     EX, "dose.reps", "is given twice (first on line 10)"),
    ("a number as a field name", lambda d: add(d / EX, "1: one\n"),
     EX, "", "has the field name '1', which YAML reads as a number"),
    ("a list as a field name", lambda d: add(d / EX, "? [a, b]\n: x\n"),
     EX, "", "has a field name that is a list"),
    ("yes as a field name", lambda d: add(d / EX, "yes: please\n"),
     EX, "", "reads as true or false"),
    ("a merge key", lambda d: add(d / EX, "<<: {kind: stretch}\n"),
     EX, "", "reads as a merge of another mapping"),
    ("a control character in a field name", lambda d: add(d / EX, '"col\\eour": red\n'),
     EX, "", "has a field name that contains the control character U+001B (escape)"),
    # YAML features content never needs
    ("an anchor and an alias",
     lambda d: (put("cues: [", "cues: &c [")(d), add(d / EX, "precautions: *c\n")),
     EX, "cues", "sets the YAML anchor &c; anchors are not allowed"),
    ("a billion laughs", write("exercises/laughs.yaml", LAUGHS.encode()),
     "exercises/laughs.yaml", "lol1", "anchors are not allowed"),
    ("a !!python/object tag", put(SUMMARY, "!!python/object/apply:os.system [echo hi]"),
     EX, "summary", "uses the YAML tag !!python/object/apply:os.system"),
    ("a !!binary value", put(SUMMARY, "!!binary aGk="),
     EX, "summary", "uses the YAML tag !!binary"),
    ("an undefined 10,000-character tag handle", put(SUMMARY, f"!{'x' * 10_000}!y z"),
     EX, "", "undefined tag handle"),
    ("two documents in one file", lambda d: add(d / EX, "---\nslug: again\n"),
     EX, "", "expected a single document"),
    ("an impossible date", put(SUMMARY, "2021-13-45"),
     EX, "", "month must be in 1..12"),
    ("an empty file", write(EX, b""), EX, "", "is empty"),
    ("a file with only a comment", write(EX, b"# nothing here\n"), EX, "", "is empty"),
    ("not UTF-8", put_bytes(SUMMARY.encode(), b"A caf\xe9 stretch."),
     EX, "", "is not UTF-8 text (the first bad byte is on line 3)"),
    # characters that are not plain text
    ("a NUL byte", put("Chair stretch", "Chair\0stretch"),
     EX, "", "U+0000 (null); only plain text is allowed (line 2, column 12)"),
    ("an ANSI escape that clears the screen", put("Chair stretch", "Chair \x1b[2J\x1b[H stretch"),
     EX, "name", "contains the control character U+001B (escape); only plain text is allowed"),
    ("an ANSI colour written as \\e", put("Lean.]", '"\\e[31mLean."]'),
     EX, "steps[1]", "U+001B (escape)"),
    ("a right-to-left override", put("Chair stretch", "Chair \u202estretch"),
     EX, "name", "contains the invisible character U+202E (right-to-left override)"),
    ("a right-to-left mark", put("Lean and hold.", "Lean \u200fand hold."),
     EX, "cues[0]", "U+200F (right-to-left mark)"),
    ("a bell", put(SUMMARY, '"Ding\\a"'),
     EX, "summary", "U+0007 (bell)"),
    ("a C1 control (CSI)", put(SUMMARY, "A \x9b2J stretch"),
     EX, "summary", "U+009B (control sequence introducer)"),
    ("a DEL", put(SUMMARY, "A \x7f stretch"),
     EX, "summary", "U+007F (delete)"),
    ("a tab inside text", put(SUMMARY, '"A\\tstretch"'),
     EX, "summary", "contains a tab (U+0009); use spaces"),
    ("a carriage return inside text", put(SUMMARY, '"A\\rstretch"'),
     EX, "summary", "U+000D (carriage return)"),
    ("a line separator U+2028", put(SUMMARY, "A\u2028stretch"),
     EX, "", "U+2028 (line separator)"),
    ("a byte-order mark inside text", put(SUMMARY, "A\ufeffstretch"),
     EX, "summary", "U+FEFF"),
    # file names
    ("a file name with an escape sequence", copy_as(b"\x1b[2J.yaml"),
     "exercises/\\x1b[2J.yaml", "slug", "duplicate slug 'chair-stretch'"),
    ("a file name that is not UTF-8", copy_as(b"caf\xe9.yaml"),
     "exercises/caf\\udce9.yaml", "slug", "duplicate slug 'chair-stretch'"),
]

ALL_CASES: list[Case] = CASES + HOSTILE_CASES
