"""The timing codes: each declared once, with its reasoning and an example."""

from . import ERROR, WARNING, Family, declare

FAMILY = Family('timing', 'Timing (E2xx, W2xx)', "",
                about="Each audience's agenda against its slot; the pace of modules, decks and slides in the room.")

OVER_SLOT = declare(
    'E201', 'over-slot', ERROR, FAMILY,
    summary="An audience's agenda is longer than its slot",
    why="""\
The modules' minutes for the audience plus its breaks must fit in the audience's
`minutes:`. The fix says how much to cut and names the longest modules.
""",
    example="""\
**Bad** (staff get `intro` 40 + break 10 + `deep-dive` 40 = 90 minutes):

```yaml
  staff:
    name: Frontline staff
    minutes: 75
```

**check prints:**

```text
workshop.yaml:10: E201 [error] the agenda for 'staff' takes 90 minutes; its slot is 75 (fix: cut 15 minutes (longest: intro 40, deep-dive 40))
```

**Fix:** make the slot long enough, or shorten modules (e.g. a shorter `duration:` for
this audience):

```yaml
  staff:
    name: Frontline staff
    minutes: 90
```

`workshop-builder plan -a staff` shows the timed agenda.
""",
)

SLOT_UNUSED = declare(
    'W202', 'slot-unused', WARNING, FAMILY,
    summary="An audience's agenda leaves more than 20% of its slot unused",
    why="""\
A session that ends far too early wastes a booked slot, and may mean a module was left out
for that audience by mistake.
""",
    example="""\
**Bad** (members get only `intro`, 30 minutes):

```yaml
  members:
    name: Elected members
    minutes: 60
```

**check prints:**

```text
workshop.yaml:7: W202 [warning] the agenda for 'members' uses 30 of 60 minutes (fix: add modules or time for this audience, or shorten its slot)
```

**Fix:** add content for the audience, or shorten the slot:

```yaml
  members:
    name: Elected members
    minutes: 30
```
""",
)

PACE_SETTING = declare(
    'E202', 'pace-setting', ERROR, FAMILY,
    summary='`min_minutes_per_slide` in `workshop.yaml` is not a positive number',
    why="""\
An audience's `min_minutes_per_slide:` sets the threshold of W204; a value that is not a
positive number of minutes cannot be compared with anything.
""",
    example="""\
**Bad:**

```yaml
  members:
    name: Elected members
    minutes: 90
    min_minutes_per_slide: fast
```

**check prints:**

```text
workshop.yaml:9: E202 [error] min_minutes_per_slide of 'members' must be a positive number of minutes, not 'fast' (fix: write e.g. min_minutes_per_slide: 2)
```

**Fix:** a number of minutes, such as `2` or `1.5`.
""",
)

MODULE_OVERRUNS = declare(
    'W203', 'module-overruns', WARNING, FAMILY,
    summary="Reading a module's notes, its activities and changeovers take longer than its minutes",
    why="""\
The estimate is the module's speaker notes read aloud at 130 words a minute, its activity
minutes, and 15 seconds a slide (the reasons are in
[authoring.md, Pacing](authoring.md#pacing)). It is a floor: questions and discussion come on
top, so a module over it will overrun in the room.
""",
    example="""\
**Bad:** a 5-minute module whose notes run to about 800 words.

**check prints:**

```text
modules/m.md:3: W203 [warning] module 'm' takes longer than its minutes: members: 6.5 of 5 min (notes 6.0 + activities 0 + 2 slides x 15 s) (fix: cut notes (the facilitator handout keeps the depth), merge slides, or give it more minutes)
```

**Fix:** cut the notes to what the trainer says (the facilitator handout keeps the depth),
merge slides, or give the module more minutes. `plan -a AUDIENCE` shows the estimate of every
module.
""",
)

SLIDE_PACE = declare(
    'W204', 'slide-pace', WARNING, FAMILY,
    summary="An audience's deck averages under 2 minutes a slide (configurable per audience)",
    why="""\
The modules' minutes (breaks left out) divided by the slides of the built deck (title, agenda,
closing and split parts included). Awareness sessions run at about 2–3 minutes a slide
including discussion; under 2 the trainer clicks through rather than talks with the room.
""",
    example="""\
**Bad:** 11 slides for a 10-minute session.

**check prints:**

```text
workshop.yaml:6: W204 [warning] the deck for 'members' has 11 slides for 10 minutes of sessions: 0.9 minutes a slide, under 2 (fix: cut or merge to at most 5 slides, or set min_minutes_per_slide for this audience)
```

**Fix:** cut and merge slides, or, for an audience that really moves faster, set its own
threshold:

```yaml
  members:
    name: Elected members
    minutes: 90
    min_minutes_per_slide: 1.5
```
""",
)

DENSE_SLIDE = declare(
    'W205', 'dense-slide', WARNING, FAMILY,
    summary='A slide carries more than 40 words or 6 points',
    why="""\
Forty words is about ten seconds of silent reading; the assertion–evidence checklist asks for
lists of two to four items. Past either, the room reads instead of listening. Words are tokens
with a letter (figures alone and citations do not count); points are list items at any depth
plus stand-alone paragraphs. Each slide is counted in every audience's view and reported once,
with its largest count.
""",
    example="""\
**Bad:** a slide of two paragraphs of 20 and 21 words.

**check prints:**

```text
modules/m.md:12:1: W205 [warning] slide 'Wordy' shows 41 words (at most 40) (fix: keep the few words that anchor the point; move sentences to the notes or the handout)
```

**Fix:** keep the few words that anchor the point; move the sentences to `::: notes` or
`::: handout`, or show the evidence as a picture, figure or chart.
""",
)
