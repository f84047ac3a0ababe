"""The evidence codes: each declared once, with its reasoning and an example."""

from . import WARNING, Family, declare

FAMILY = Family('evidence', 'Evidence (W3xx)', "",
                about='Review dates, source years, figures, charts and big numbers without a citation.')

REVIEW_OVERDUE = declare(
    'W301', 'review-overdue', WARNING, FAMILY,
    summary='The review_by date of a module has passed',
    why="""\
Facts about exploitation, law and guidance change. Each module carries a `review_by:` date;
once it has passed, the figures and advice may be out of date.
""",
    example="""\
**Bad** (checked on 27 November 2026):

```yaml
review_by: 2025-09-30
```

**check prints:**

```text
modules/deep-dive.md:13: W301 [warning] review_by 2025-09-30 has passed (fix: check the facts against their sources, then set a new review_by date)
```

**Fix:** check the module against its sources, update what has changed, then set a new date:

```yaml
review_by: 2027-09-30
```
""",
)

REVIEW_MISSING = declare(
    'W302', 'review-missing', WARNING, FAMILY,
    summary='A module has no review_by date',
    why="""\
Without a date nobody is reminded to check the module's facts.
""",
    example="""\
**Bad:** front matter without a `review_by:` line.

**check prints:**

```text
modules/deep-dive.md:1: W302 [warning] module has no review_by date (fix: add 'review_by: YYYY-MM-DD' (within 12 months) to the front matter)
```

**Fix:**

```yaml
review_by: 2027-09-30
```
""",
)

SOURCE_YEAR_MISSING = declare(
    'W303', 'source-year-missing', WARNING, FAMILY,
    summary='A source has no year',
    why="""\
The year tells the trainer and the audience how current a figure is.
""",
    example="""\
**Bad:**

```yaml
sources:
  msa-2015:
    title: Modern Slavery Act 2015
    publisher: UK Parliament
    url: https://www.legislation.gov.uk/ukpga/2015/30
```

**check prints:**

```text
modules/deep-dive.md:8: W303 [warning] source 'msa-2015' has no year (fix: add 'year: YYYY')
```

**Fix:** add `year: 2015` to the source.
""",
)

UNCITED_STATISTIC = declare(
    'W304', 'uncited-statistic', WARNING, FAMILY,
    summary='A figure on a slide or in its notes with no citation on that slide',
    why="""\
Percentages (`45%`, `45 per cent`), large numbers (`14,500`, `300`) and ratios (`one in three`)
are reported when nothing on the slide (its text or its notes) cites a source. Years and phone
numbers are not counted. One citation anywhere on the slide covers all its figures.
""",
    example="""\
**Bad:**

```markdown
## Referrals

- Around 14,500 children were referred in 2024
```

**check prints:**

```text
modules/deep-dive.md:29:10: W304 [warning] '14,500' looks like a statistic but the slide cites no source (fix: add a citation such as [@source-key] on this slide)
```

Every figure is reported:

```text
modules/deep-dive.md:29:21: W304 [warning] '45%' looks like a statistic but the slide cites no source (fix: add a citation such as [@source-key] on this slide)
modules/deep-dive.md:30:3: W304 [warning] 'One in three' looks like a statistic but the slide cites no source (fix: add a citation such as [@source-key] on this slide)
```

(from `- Referrals rose by 45% last year` and `- One in three referred children was 16 or 17`)

**Fix:** cite the source on the slide, and list it in the front matter:

```markdown
## Referrals

- Around 14,500 children were referred in 2024 [@nrm-2024]
```

```yaml
sources:
  nrm-2024:
    title: Modern Slavery NRM statistics, end of year summary 2024
    publisher: Home Office
    year: 2025
```
""",
)

CHART_CITATION = declare(
    'W305', 'chart-citation', WARNING, FAMILY,
    summary="A chart's figures have no citation",
    why="""\
A chart is evidence; trainers are asked where a figure comes from. The citation is printed
under the chart and listed in the handout's references.
""",
    example="""\
**Bad:** a `::: chart column` block whose table and lines carry no `[@key]`.

**check prints:**

```text
modules/m.md:7:5: W305 [warning] this chart's figures have no citation (fix: add a source line under the table inside the block, e.g. 'Source: [@ho-nrm-2024]')
```

**Fix:** a source line under the table inside the block, e.g. `Source: [@ho-nrm-2024]`.
""",
)

STAT_CITATION = declare(
    'W306', 'stat-citation', WARNING, FAMILY,
    summary='A big number has no citation',
    why="""\
A big number is the figure the room remembers; it must say where it comes from, printed
under it on the slide.
""",
    example="""\
**Bad:**

```markdown
::: stat
14,000
children estimated at risk of criminal exploitation
:::
```

**check prints:**

```text
modules/m.md:8:5: W306 [warning] this big number has no citation (fix: add the source on the line under the label, e.g. '[@cs-2019]')
```

**Fix:** add the citation on a third line inside the block, e.g. `[@cs-2019]`.
""",
)
