"""The timing codes: each declared once, with its reasoning and an example."""

from . import ERROR, WARNING, Family, declare

FAMILY = Family('timing', 'Timing (E2xx, W2xx)', "",
                about="Each audience's agenda against its slot.")

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
