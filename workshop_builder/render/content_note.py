"""The content note a facilitator gives aloud before the session starts (the title slide's notes).

It summarises, in a sentence or two a person can say: what kinds of material come up, read
from the `content_note` each module of this build declares, and when the breaks are, from
the build's agenda. The modules themselves are not named: the facilitator handout lists
each module's own note.
"""

from __future__ import annotations

import re

from ..model import Resolved

# What a module's content note may name, as (what the facilitator says, the words in a note that
# name it), in the order they are said. The kinds of exploitation come first, as adjectives.
EXPLOITATION = (
    ("criminal", r"criminal exploitation|grooming|coercion|drug"),
    ("sexual", r"sexual exploitation"),
    ("financial", r"financial"),
)
KINDS = (
    ("sexual abuse and rape", r"\brape\b"),
    ("sexual abuse", r"sexual abuse|sexual violence"),
    ("violence", r"violen|weapon|injur|knife|stab"),
    ("abuse through images", r"through images|indecent images|sexual images"),
    ("forced internal concealment", r"internal concealment"),
    ("exploiters taking over people's homes", r"homes? (?:are |were |is )?taken over|taking over the homes|cuckoo"),
    ("domestic abuse", r"domestic abuse"),
    ("self-harm and suicide", r"self-harm|suicid"),
    ("modern slavery", r"slavery"),
    ("human trafficking", r"trafficking"),
    ("children who go missing", r"missing"),
    ("the deaths of children", r"\bdeaths?\b"),
    ("examples of victim-blaming language", r"victim-blaming"),
)


def material(notes) -> tuple:
    """(the kinds of exploitation, the other kinds of material) the content notes name, in order;
    "sexual abuse and rape" stands for "sexual abuse" when both match."""
    text = " ".join(notes).lower()
    exploitation = [said for said, words in EXPLOITATION if re.search(words, text)]
    kinds = [said for said, words in KINDS if re.search(words, text)]
    if "sexual abuse and rape" in kinds and "sexual abuse" in kinds:
        kinds.remove("sexual abuse")
    return exploitation, kinds


def who(notes) -> str:
    """Whose harm the notes speak of: "children and adults at risk", "children", "adults at risk" or ""."""
    text = " ".join(notes).lower()
    people = [name for name, words in (("children", r"\bchild"), ("adults at risk", r"\badult")) if re.search(words, text)]
    return " and ".join(people)


def _listed(items: list) -> str:
    """"a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def spoken_note(resolved: Resolved) -> str:
    """The content note to say aloud, or "" when no module of the build declares one."""
    notes = [m.module.content_note for m in resolved.modules if m.module.content_note]
    if not notes:
        return ""
    (exploitation, kinds), whose = material(notes), who(notes)
    if exploitation:
        harm = f"the {_listed(exploitation)} exploitation" + (f" of {whose}" if whose else "")
    else:
        harm = f"harm to {whose}" if whose else "difficult material"
    said = f"today covers {harm}. It includes {_listed(kinds)}" if kinds else f"today covers {harm}"
    breaks = [item for item in resolved.agenda if item.kind == "break"]
    if breaks:
        times = _listed([f"{b.start_text} ({b.minutes} minutes)" for b in breaks])
        pause = f"There is a break at {times}, and people" if len(breaks) == 1 else f"There are breaks at {times}, and people"
    else:
        pause = "There is no break, so remind people that they"
    return (f"Before you start, give the content note: {said}. {pause} may step out at any time; "
            "the support slide at the end lists who can help.")
