"""Edition rules: contacts that a trainer can trust (formats and freshness)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from ..codes.editions import EDITION_CONTACT_STALE, EDITION_EMAIL, EDITION_PHONE, EDITION_URL
from ..diagnostics import Location
from ..yamlio import line_of
from .base import rule

UK_PHONE = re.compile(r"^(?:0[123]\d{8,9}|0[5789]\d{9}|0800\d{6,7}|999|101|111|112|116\d{3})$")
EMAIL = re.compile(r"^[^@\s:/]+@[^@\s:/]+\.[a-z]{2,}$", re.IGNORECASE)
STALE_AFTER = dt.timedelta(days=365)


def _contacts(ctx):
    for edition in ctx.editions:
        for key, contact in edition.contacts.items():
            yield edition, key, contact


def _field_loc(edition, key, name, contact):
    return Location(edition.rel, line_of(edition.lines, "contacts", key, name, default=contact.loc.line))


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"[\s()-]", "", phone.replace("(0)", ""))
    return "0" + digits[3:] if digits.startswith("+44") else digits


@rule(EDITION_PHONE)
def edition_phone(ctx, report):
    for edition, key, contact in _contacts(ctx):
        if contact.phone and not UK_PHONE.match(normalise_phone(contact.phone)):
            report.error(_field_loc(edition, key, "phone", contact), EDITION_PHONE,
                         f"contact '{key}' phone '{contact.phone}' is not a UK phone number",
                         "write it as dialled in the UK, e.g. 01632 960 100, 0800 555 111 or 101")


@rule(EDITION_EMAIL)
def edition_email(ctx, report):
    for edition, key, contact in _contacts(ctx):
        if contact.email and not EMAIL.match(contact.email):
            report.error(_field_loc(edition, key, "email", contact), EDITION_EMAIL,
                         f"contact '{key}' email '{contact.email}' is not an email address",
                         "write it as name@council.gov.uk")


@rule(EDITION_URL)
def edition_url(ctx, report):
    for edition, key, contact in _contacts(ctx):
        if contact.url:
            parts = urlsplit(contact.url)
            if parts.scheme not in ("http", "https") or "." not in parts.netloc:
                report.error(_field_loc(edition, key, "url", contact), EDITION_URL,
                             f"contact '{key}' url '{contact.url}' is not a web address",
                             "write the full address, starting https://")


@rule(EDITION_CONTACT_STALE)
def edition_contact_stale(ctx, report):
    for edition, key, contact in _contacts(ctx):
        if contact.checked is None:
            report.warning(contact.loc, EDITION_CONTACT_STALE, f"contact '{key}' has no checked: date",
                           "ring or visit it, then add 'checked: YYYY-MM-DD'")
        elif ctx.today - contact.checked > STALE_AFTER:
            report.warning(_field_loc(edition, key, "checked", contact), EDITION_CONTACT_STALE,
                           f"contact '{key}' was last checked on {contact.checked}, over 12 months ago",
                           "check the number and address still work, then update 'checked:'")
