"""The red-flag questions, as data, grouped by the body area they belong to.

Each question names the source of the warning sign it asks about (``source``), the group
it belongs to (``area``) and whether a "yes" means emergency care now (``urgent``). Every
urgent question also has a ``sign``: the same warning sign as a short phrase for the
"Get help now if…" box, so the box and the questions never drift apart.

Groups (:data:`AREAS`):

- ``any``: asked before every routine (fracture, infection, cancer, chest pain);
- ``low-back``: asked before every routine too, since every routine works the low back
  or moves the whole spine (cauda equina syndrome);
- ``neck``: asked as well when a routine works the neck or upper back (spinal cord
  compression in the neck, a neck injury, the blood supply to the brain).

:data:`QUESTIONS` lists every question, the urgent ones first; :func:`questions_for` keeps
that order, so in every list a person is asked, the emergency signs come first.

Sources: NICE CKS "Back pain - low (without radiculopathy)" and NICE NG59 for the low back
and the whole spine; NICE CKS "Neck pain - non-specific" for the neck; the NHS page "Chest
pain" for chest pain with sweating, sickness or breathlessness (call the emergency number).
The wording is ours, kept short and plain for someone who is in pain right now.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from backcare.vocabulary import gettext, gettext_noop

Area = Literal["any", "low-back", "neck"]

#: The question groups, in the order they are asked within urgent and non-urgent.
AREAS: tuple[Area, ...] = ("low-back", "any", "neck")
#: Body areas (an exercise's ``body_areas``) that bring in the neck questions.
NECK_BODY_AREAS: frozenset[str] = frozenset({"neck", "upper-back"})

CKS_LOW_BACK = 'NICE CKS, "Back pain - low (without radiculopathy)": red flags'
NG59 = ('NICE guideline NG59, "Low back pain and sciatica in over 16s: assessment and '
        'management"')
CKS_NECK = 'NICE CKS, "Neck pain - non-specific": red flags'
NHS_CHEST = 'NHS, "Chest pain": when to call the emergency number'

SOURCES: tuple[str, ...] = (NG59, CKS_LOW_BACK, CKS_NECK, NHS_CHEST)


@dataclass(frozen=True)
class RedFlagQuestion:
    """One yes/no question. ``urgent``: a "yes" means emergency care, right now.

    ``source`` names where the warning sign comes from and what it can point to (a
    citation, kept as the guideline is titled); ``english_text`` is the question and
    ``english_sign`` (urgent questions only) the sign as a short phrase that completes
    "Get help now if…", both in English, the catalogue's msgids. :attr:`text` and
    :attr:`sign` say them in the language in force.
    """

    id: str
    english_text: str
    urgent: bool
    area: Area
    source: str
    english_sign: str = ""

    def __post_init__(self) -> None:
        if self.urgent != bool(self.english_sign):
            raise ValueError(f"{self.id}: an urgent question needs a sign, and only it")

    @property
    def text(self) -> str:
        """The question, in the language in force."""
        return gettext(self.english_text)

    @property
    def sign(self) -> str:
        """The warning sign for the "Get help now if…" box ("" for a non-urgent question)."""
        return gettext(self.english_sign) if self.english_sign else ""


_CAUDA_EQUINA = f"{CKS_LOW_BACK}, and {NG59}: cauda equina syndrome"

LOW_BACK: tuple[RedFlagQuestion, ...] = (
    # Cauda equina syndrome (pressure on the nerves at the base of the spine): urgent.
    RedFlagQuestion(
        "bladder-bowel",
        gettext_noop(
            "Since this pain began, have you had new trouble peeing, not felt yourself pee, "
            "or lost control of your bladder or bowels?"),
        urgent=True, area="low-back", source=_CAUDA_EQUINA,
        english_sign=gettext_noop(
            "you have new trouble peeing, cannot feel yourself pee, or lose control of your "
            "bladder or bowels"),
    ),
    RedFlagQuestion(
        "saddle-numbness",
        gettext_noop(
            "Do you have numbness or pins and needles around your genitals, your bottom or "
            "the inside of your thighs?"),
        urgent=True, area="low-back", source=_CAUDA_EQUINA,
        english_sign=gettext_noop(
            "the skin around your genitals, your bottom or your inner thighs goes numb or "
            "tingles"),
    ),
    RedFlagQuestion(
        "sexual-function",
        gettext_noop(
            "Since this pain began, have you had new problems with sex, such as less feeling "
            "or trouble getting an erection?"),
        urgent=True, area="low-back", source=_CAUDA_EQUINA,
        english_sign=gettext_noop("you have new problems with sex, such as less feeling"),
    ),
    RedFlagQuestion(
        "leg-weakness",
        gettext_noop(
            "Is one of your legs, or are both, getting weaker, for example a foot that drags "
            "or a knee that gives way?"),
        urgent=True, area="low-back", source=_CAUDA_EQUINA,
        english_sign=gettext_noop("a leg, or both legs, keep getting weaker"),
    ),
    RedFlagQuestion(
        "both-legs",
        gettext_noop(
            "Do you have pain, numbness or pins and needles going down both of your legs?"),
        urgent=True, area="low-back", source=_CAUDA_EQUINA,
        english_sign=gettext_noop("pain, numbness or tingling goes down both legs"),
    ),
)

NECK: tuple[RedFlagQuestion, ...] = (
    # A neck injury can mean a broken bone near the spinal cord: urgent.
    RedFlagQuestion(
        "neck-injury",
        gettext_noop(
            "Did this pain start after an injury to your head or neck, such as a fall, a crash "
            "or a blow to the head?"),
        urgent=True, area="neck", source=f"{CKS_NECK}: trauma (possible fracture)",
        english_sign=gettext_noop("you have neck pain after an injury to your head or neck"),
    ),
    # Pressure on the spinal cord in the neck (cervical myelopathy): urgent.
    RedFlagQuestion(
        "hands-or-walking",
        gettext_noop(
            "Since this pain began, have your hands become clumsy or weak, or has your walking "
            "become unsteady?"),
        urgent=True, area="neck",
        source=f"{CKS_NECK}: spinal cord compression (myelopathy)",
        english_sign=gettext_noop(
            "your hands turn clumsy or weak, or your walking turns unsteady"),
    ),
    # The blood supply to the brain through the neck (vertebrobasilar insufficiency).
    RedFlagQuestion(
        "dizziness-drop-attacks",
        gettext_noop(
            "Since this pain began, have you had dizzy spells, or suddenly fallen to the ground "
            "without passing out (a drop attack)?"),
        urgent=False, area="neck",
        source=f"{CKS_NECK}: dizziness and drop attacks (blood supply to the brain)",
    ),
)

ANY: tuple[RedFlagQuestion, ...] = (
    # Chest or upper back pain with feeling unwell: the heart or the main artery first.
    RedFlagQuestion(
        "chest-pain",
        gettext_noop(
            "Is there pain in your chest or upper back that comes with feeling unwell, such as "
            "sweating, feeling sick or short of breath?"),
        urgent=True, area="any",
        source=f"{CKS_LOW_BACK}: thoracic pain; {NHS_CHEST}",
        english_sign=gettext_noop(
            "pain in your chest or upper back comes with sweating, feeling sick or being "
            "short of breath"),
    ),
    # Spinal fracture (CKS).
    RedFlagQuestion(
        "trauma",
        gettext_noop(
            "Did this pain start with a real accident, such as a fall from a height, a car crash "
            "or a hard blow (an everyday lifting strain does not count)?"),
        urgent=False, area="any", source=f"{CKS_LOW_BACK}: spinal fracture (major trauma)",
    ),
    RedFlagQuestion(
        "osteoporosis-minor-fall",
        gettext_noop(
            "Do you have osteoporosis or take steroid tablets long term, and did this pain "
            "start after a small fall or lifting something?"),
        urgent=False, area="any",
        source=f"{CKS_LOW_BACK}: spinal fracture (minor trauma with osteoporosis or "
               "steroids)",
    ),
    RedFlagQuestion(
        "sudden-spine-pain",
        gettext_noop(
            "Did severe pain come on suddenly in the middle of your spine, rather than to one "
            "side?"),
        urgent=False, area="any",
        source=f"{CKS_LOW_BACK}: spinal fracture (sudden severe central pain)",
    ),
    RedFlagQuestion(
        "spine-shape",
        gettext_noop(
            "Has the shape of your spine changed lately, for example a new hump or a lean you "
            "cannot straighten?"),
        urgent=False, area="any",
        source=f"{CKS_LOW_BACK}: spinal fracture or cancer (structural deformity)",
    ),
    # Infection (CKS).
    RedFlagQuestion(
        "fever-unwell",
        gettext_noop(
            "Do you have a fever, or feel ill all over, along with the back pain?"),
        urgent=False, area="any", source=f"{CKS_LOW_BACK}: infection",
    ),
    RedFlagQuestion(
        "infection-risk",
        gettext_noop(
            "Have you had an infection lately (a urine infection counts), or is your immune "
            "system weak, from steroids, cancer treatment or injecting drugs?"),
        urgent=False, area="any",
        source=f"{CKS_LOW_BACK}: infection (recent infection, immunosuppression, "
               "injecting drugs)",
    ),
    # Cancer (CKS).
    RedFlagQuestion(
        "cancer-history",
        gettext_noop(
            "Have you ever had cancer, and is this back pain new since then?"),
        urgent=False, area="any", source=f"{CKS_LOW_BACK}: cancer",
    ),
    RedFlagQuestion(
        "weight-loss",
        gettext_noop(
            "Have you lost weight lately without trying to?"),
        urgent=False, area="any", source=f"{CKS_LOW_BACK}: cancer",
    ),
    RedFlagQuestion(
        "night-pain",
        gettext_noop(
            "Is the pain there all the time, night included, with no relief when you rest "
            "or lie down?"),
        urgent=False, area="any", source=f"{CKS_LOW_BACK}: cancer or infection",
    ),
    # Age at a first episode (CKS: over 50 for cancer) is a risk factor, not a warning
    # sign on its own: asking it alone would turn away most people over 50, so it is left out.
)

GROUPS: dict[Area, tuple[RedFlagQuestion, ...]] = {"low-back": LOW_BACK, "neck": NECK, "any": ANY}

#: Every question: the urgent ones first, then the rest; each part in :data:`AREAS` order.
QUESTIONS: tuple[RedFlagQuestion, ...] = (
    tuple(q for area in AREAS for q in GROUPS[area] if q.urgent)
    + tuple(q for area in AREAS for q in GROUPS[area] if not q.urgent)
)
QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS)


def areas_for(body_areas: Iterable[str]) -> frozenset[Area]:
    """The question groups to ask before exercising these body areas: "any" and
    "low-back" always, "neck" too when the neck or the upper back is among them."""
    areas: set[Area] = {"any", "low-back"}
    if NECK_BODY_AREAS & set(body_areas):
        areas.add("neck")
    return frozenset(areas)


def questions_in(areas: Iterable[str]) -> tuple[RedFlagQuestion, ...]:
    """The questions of these groups, in :data:`QUESTIONS` order (urgent first)."""
    wanted = set(areas)
    return tuple(q for q in QUESTIONS if q.area in wanted)


def questions_for(body_areas: Iterable[str]) -> tuple[RedFlagQuestion, ...]:
    """The questions to ask before a routine that works these body areas, urgent first."""
    return questions_in(areas_for(body_areas))


def areas_covered(questions: Iterable[RedFlagQuestion]) -> frozenset[Area]:
    """The groups every one of whose questions is in ``questions``."""
    asked = {q.id for q in questions}
    return frozenset(area for area in AREAS if all(q.id in asked for q in GROUPS[area]))
