"""The editions codes: each declared once, with its reasoning and an example."""

from . import ERROR, WARNING, Family, declare

FAMILY = Family('editions', 'Editions (E7xx, W7xx)', """\
Council editions (`editions/<id>.yaml`) give local contacts that trainers read out and
participants call. These rules check that each contact can be trusted. The examples use this
edition file:

```yaml
name: North Shire Council
logo: logos/north-shire.png
contacts:
  front_door:
    name: North Shire Children's Front Door
    phone: 01632 960 111
    email: front.door@example.org
    url: https://www.example.org/front-door
    checked: 2026-11-01
```
""",
                about='Council contacts: phone, email, web address, last checked.')

EDITION_PHONE = declare(
    'E701', 'edition-phone', ERROR, FAMILY,
    summary="A contact's phone number is not a UK number",
    why="""\
A wrong number on a safeguarding slide sends a worried professional nowhere. The number must be
written as dialled in the UK: a number starting 01, 02 or 03 (10 or 11 digits), one starting
05, 07, 08 or 09 (11 digits; 0800 numbers may also have 10), or a short number (999, 101,
111, 112, 116 xxx). Spaces,
brackets and hyphens are allowed, and `+44` is read as `0`.
""",
    example="""\
**Bad** (no area code):

```yaml
    phone: 960 111
```

**check prints:**

```text
editions/north.yaml:6: E701 [error] contact 'front_door' phone '960 111' is not a UK phone number (fix: write it as dialled in the UK, e.g. 01632 960 100, 0800 555 111 or 101)
```

**Fix:**

```yaml
    phone: 01632 960 111
```

Note that the international form with a bracketed zero is refused too; write it as dialled
in the UK instead:

```text
editions/north.yaml:6: E701 [error] contact 'front_door' phone '+44 (0)1632 960 111' is not a UK phone number (fix: write it as dialled in the UK, e.g. 01632 960 100, 0800 555 111 or 101)
```
""",
)

EDITION_EMAIL = declare(
    'E702', 'edition-email', ERROR, FAMILY,
    summary="A contact's email address is malformed",
    why="""\
An address with a typing slip (a missing `@`, a domain cut short, a space) bounces, and the
person writing in about a child never hears back. The address must be one word with a single
`@` and a domain that ends in a dot and at least two letters (`.org`, `.gov.uk`).
""",
    example="""\
**Bad** (the domain is cut short):

```yaml
    email: front.door@example
```

**check prints:**

```text
editions/north.yaml:7: E702 [error] contact 'front_door' email 'front.door@example' is not an email address (fix: write it as name@council.gov.uk)
```

**Fix:**

```yaml
    email: front.door@example.org
```
""",
)

EDITION_URL = declare(
    'E703', 'edition-url', ERROR, FAMILY,
    summary="A contact's web address is not an http(s) address",
    why="""\
A web address without `https://` does not work as a link in the handouts.
""",
    example="""\
**Bad:**

```yaml
    url: www.example.org/front-door
```

**check prints:**

```text
editions/north.yaml:8: E703 [error] contact 'front_door' url 'www.example.org/front-door' is not a web address (fix: write the full address, starting https://)
```

**Fix:**

```yaml
    url: https://www.example.org/front-door
```
""",
)

EDITION_CONTACT_STALE = declare(
    'W704', 'edition-contact-stale', WARNING, FAMILY,
    summary='A contact was last checked more than 12 months ago, or never',
    why="""\
Teams, numbers and opening hours change. Each contact should carry the date someone last
rang or visited it (`checked:`); after 12 months (365 days) it is due again.
""",
    example="""\
**Bad** (checked on 27 November 2026):

```yaml
    checked: 2025-06-30
```

**check prints:**

```text
editions/north.yaml:9: W704 [warning] contact 'front_door' was last checked on 2025-06-30, over 12 months ago (fix: check the number and address still work, then update 'checked:')
```

With no `checked:` line at all:

```text
editions/north.yaml:4: W704 [warning] contact 'front_door' has no checked: date (fix: ring or visit it, then add 'checked: YYYY-MM-DD')
```

**Fix:** ring the number and open the web address; if they still work, record the date:

```yaml
    checked: 2026-11-20
```
""",
)
