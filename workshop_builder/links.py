"""The one rule for links: an output only ever links to http, https, mailto or tel addresses.

`link_problem` says what is wrong with an address an author wrote (for one-line errors when
loading); `safe_href` is the last gate in every writer: it returns the address only when it
is absolute and uses one of SAFE_SCHEMES, else None (the text is kept, the link dropped).
"""

from __future__ import annotations

import re
from typing import Optional
from urllib.parse import urlsplit

from .codes.load import UNSAFE_ADDRESS

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_CONTROL = CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def scheme_of(url: str) -> str:
    """The lower-case scheme of an address ('' when it has none; 'c' for C:\\...)."""
    m = _SCHEME.match(url.strip())
    return m.group(1).lower() if m else ""


def link_problem(url: str) -> Optional[str]:
    """Why an absolute link address is not allowed in an output, or None when it is."""
    if not isinstance(url, str) or not url.strip():
        return "is empty"
    if _CONTROL.search(url):
        return "contains a control character"
    if "\\" in url:
        return "contains a backslash (a Windows or network path)"
    if url.lstrip().startswith("//"):
        return "starts with '//' (a network path)"
    scheme = scheme_of(url)
    if not scheme:
        return "is not a web address (https://…), mailto: or tel:"
    if scheme not in SAFE_SCHEMES:
        return f"uses a '{scheme}:' address, which is not allowed"
    rest = url.strip()[len(scheme) + 1:]
    if scheme in ("http", "https"):
        parts = urlsplit(url.strip())
        if not rest.startswith("//") or not parts.netloc:
            return "has no host name after https://"
    elif not rest:
        return f"has nothing after '{scheme}:'"
    return None


def web_problem(url: str) -> Optional[str]:
    """Why a field that must be a web page address (source or contact url) is not one, or None."""
    problem = link_problem(url)
    if problem is None and scheme_of(url) not in ("http", "https"):
        return f"uses a '{scheme_of(url)}:' address, not a web page address"
    return problem


def safe_href(url) -> Optional[str]:
    """The address when an output may link to it (absolute http, https, mailto, tel), else None."""
    if not isinstance(url, str) or link_problem(url) is not None:
        return None
    return url.strip()


def safe_fragment_or_href(url) -> Optional[str]:
    """For HTML: an in-page anchor (#id) or a safe_href address, else None."""
    if isinstance(url, str) and re.fullmatch(r"#[A-Za-z0-9_.:-]*", url):
        return url
    return safe_href(url)


def local_target_problem(target: str) -> Optional[str]:
    """Why a relative picture or file path in Markdown is not a plain project path, or None."""
    if _CONTROL.search(target):
        return "contains a control character"
    if "\\" in target:
        return "contains a backslash (a Windows or network path)"
    if target.startswith("/"):
        return "starts with '/' (an absolute or network path)"
    if scheme_of(target):
        return f"uses a '{scheme_of(target)}:' address, which is not allowed"
    return None


_ATTR = re.compile(r"""(\s)(href|src)=(["'])(.*?)\3""", re.DOTALL)
_DATA_PICTURE = re.compile(r"data:image/(?:png|jpeg|gif);base64,[A-Za-z0-9+/=]*\Z")


def scrub_html(page: str) -> str:
    """The last gate for HTML: every href not an anchor or safe address, every src not an
    embedded picture, is removed (the element and its text stay)."""
    import html

    def keep(m):
        name, value = m.group(2), html.unescape(m.group(4))
        ok = safe_fragment_or_href(value) if name == "href" else _DATA_PICTURE.match(value)
        return m.group(0) if ok else m.group(1) + "data-removed-" + name

    return _ATTR.sub(keep, page)


def check_contact_fields(report, loc_of, what: str, spec: dict, strict: bool = True) -> None:
    """url, email and phone of a contact make safe links: one error for each that does not.

    strict=False (edition contacts, whose form the E701-E703 checks judge) refuses only what
    would be unsafe: a scheme other than http(s), a network path, a backslash, a control character.
    """
    for key, make in (("url", lambda v: v), ("email", lambda v: "mailto:" + v),
                      ("phone", lambda v: "tel:" + v.replace(" ", ""))):
        value = spec.get(key)
        if value in (None, ""):
            continue
        text = " ".join(str(value).split())
        problem = web_problem(text) if key == "url" else link_problem(make(text))
        if problem is None and strict and key != "url" and scheme_of(text):
            problem = f"must be written without a '{scheme_of(text)}:' prefix"
        if problem is not None and not strict and key == "url" and not scheme_of(text) and \
                not text.startswith("//") and "\\" not in text and not CONTROL_RE.search(text):
            problem = None  # 'www.x': E703 says it is not a web address
        if problem is not None and not strict and key != "url" and problem.startswith(("uses a", "has nothing")):
            problem = None  # E701/E702 judge the form of phone numbers and email addresses
        if problem is not None:
            report.error(loc_of(key), UNSAFE_ADDRESS, f"{what} {key} '{text[:60]}' {problem}",
                         "write a web address starting https://, an email address or a phone number")
