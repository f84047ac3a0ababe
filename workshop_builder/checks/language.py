"""Language rules L01-L34: victim-blaming and dehumanising terms, from data/language.yaml.

Every row of the data file is one rule with its own code. The text of each block (body,
notes, handout, introduction) and each heading is split into words once; each term is then
matched word by word (with word forms and pronoun swaps), so a phrase is found across line
breaks and reported at the file line and column where it starts. Quotations, titles of laws
and reports, "formerly called" history, code, links and lines marked
`<!-- language-ok: reason -->` are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

import yaml

from ..codes import lookup
from ..codes.language import LANGUAGE_CODES, raw_data
from ..diagnostics import Location
from ..markdown_tree import code_lines
from .base import rule

SEVERITIES = ("high", "medium", "low", "advisory")
ROW_KEYS = {"id", "name", "label", "terms", "alternatives", "why", "effect", "severity", "escalate",
            "context", "context_also", "exclude_context", "exclude_before", "exclude_after", "source",
            "flags", "context_note", "severity_note", "bad", "good", "note"}
TERM_KEYS = {"term", "severity", "context", "context_also", "exclude_context", "exclude_before",
             "exclude_after"}
WINDOW = 10  # words either side that count as "near"
GAP_WORDS = 3  # what `...` in a pattern may skip
REPEAT = 4  # how often `(...)*` in a pattern may repeat
ADJACENT = 12  # stream tokens that exclude_before / exclude_after patterns may span

# ---------------------------------------------------------------- word forms

_FAMILIES = [
    {"his", "her", "hers", "their", "theirs", "him", "them"},
    {"himself", "herself", "themselves", "themself"},
    {"he", "she", "they"},
    {"be", "is", "are", "was", "were", "been", "being", "am"},
    {"have", "has", "had", "having"},
    {"do", "does", "did", "doing", "done"},
    {"go", "goes", "going", "went", "gone"},
    {"keep", "keeps", "keeping", "kept"},
    {"put", "puts", "putting"},
    {"run", "runs", "running", "ran"},
    {"choose", "chooses", "choosing", "chose", "chosen"},
    {"sleep", "sleeps", "sleeping", "slept"},
    {"sell", "sells", "selling", "sold"},
    {"give", "gives", "giving", "gave", "given"},
    {"get", "gets", "getting", "got"},
    {"become", "becomes", "becoming", "became"},
    {"make", "makes", "making", "made"},
    {"child", "children", "child's", "children's"},
    {"man", "men", "man's", "men's"},
    {"woman", "women", "woman's", "women's"},
    {"person", "persons", "person's"},
]
FAMILY = {word: family for family in _FAMILIES for word in family}
VOWELS = set("aeiou")


def word_forms(word: str) -> set:
    """The forms a pattern word stands for: itself, plurals, -ed/-ing forms, pronoun swaps."""
    if word in FAMILY:
        return set(FAMILY[word])
    if len(word) < 3 or not word.isalpha():
        return {word}
    bases = {word}
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        bases |= {stem, stem + "e"}
        if stem[-1] == stem[-2]:
            bases.add(stem[:-1])
    if word.endswith("ied") or word.endswith("ies"):
        bases.add(word[:-3] + "y")
    elif word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        bases |= {stem, word[:-1]}
        if stem[-1] == stem[-2]:
            bases.add(stem[:-1])
    elif word.endswith("es") and len(word) > 4:
        bases |= {word[:-2], word[:-1]}
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        bases.add(word[:-1])
    forms = set()
    for base in bases:
        if len(base) < 3:
            continue
        forms |= {base, base + "s", base + "es", base + "ed", base + "ing", base + "'s"}
        if base.endswith("e"):
            forms |= {base + "d", base[:-1] + "ing"}
        if base.endswith("y") and base[-2] not in VOWELS:
            forms |= {base[:-1] + "ies", base[:-1] + "ied"}
        if (base[-1] not in VOWELS and base[-1] not in "wxy" and base[-2] in VOWELS
                and base[-3] not in VOWELS):
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


# ---------------------------------------------------------------- pattern compiler
# A block's words become a "stream": each word lower-cased and followed by one space, with
# "# " standing where punctuation breaks a phrase. Patterns compile to regexes over it.

_PATTERN_TOKEN = re.compile(r"<[^>]*>|\.\.\.|[()|?]|[^\s()|?]+")
_ANY_WORD = r"[^ #][^ ]* "


class PatternError(ValueError):
    pass


def _number_regex(spec: str) -> str:
    m = re.fullmatch(r"<num(?::(\d+)-(\d+))?>", spec)
    if not m:
        raise PatternError(f"bad placeholder '{spec}' (write <num> or <num:A-B>)")
    if m.group(1) is None:
        return r"\d+ "
    low, high = int(m.group(1)), int(m.group(2))
    return "(?:" + "|".join(str(n) for n in range(high, low - 1, -1)) + ") "


def _word_regex(word: str) -> str:
    if word == "...":
        return f"(?:{_ANY_WORD}){{0,{GAP_WORDS}}}"
    if word == "*":
        return _ANY_WORD
    if word.startswith("<"):
        return _number_regex(word)
    if word.startswith("="):
        return re.escape(word[1:]) + " "
    if word.endswith("*"):
        return re.escape(word[:-1]) + "[^ ]* "
    forms = sorted(word_forms(word), key=lambda f: (-len(f), f))
    return "(?:" + "|".join(re.escape(f) for f in forms) + ") "


def compile_pattern(text: str) -> str:
    """A pattern (see data/language.yaml) to a regex over a word stream."""
    source = text.lower().replace("’", "'")
    source = re.sub(r"<[^>]*>|(?<=\w)-(?=\w)", lambda m: m.group(0) if m.group(0)[0] == "<" else " ", source)
    tokens = _PATTERN_TOKEN.findall(source)
    pos = 0

    def seq(depth: int) -> str:
        nonlocal pos
        parts = []
        while pos < len(tokens) and tokens[pos] not in (")", "|"):
            tok = tokens[pos]
            pos += 1
            if tok == "(":
                alts = [seq(depth + 1)]
                while pos < len(tokens) and tokens[pos] == "|":
                    pos += 1
                    alts.append(seq(depth + 1))
                if pos >= len(tokens) or tokens[pos] != ")":
                    raise PatternError(f"unclosed '(' in pattern '{text}'")
                pos += 1
                atom = "(?:" + "|".join(alts) + ")"
                if pos < len(tokens) and tokens[pos] in ("?", "*"):
                    atom += "?" if tokens[pos] == "?" else f"{{0,{REPEAT}}}"
                    pos += 1
            elif tok == "?":
                raise PatternError(f"'?' must follow a word or group in pattern '{text}'")
            else:
                atom = _word_regex(tok)
                if pos < len(tokens) and tokens[pos] == "?":
                    atom = f"(?:{atom})?"
                    pos += 1
            parts.append(atom)
        if depth == 0 and pos < len(tokens):
            raise PatternError(f"unbalanced ')' or '|' in pattern '{text}'")
        return "".join(parts)

    body = seq(0)
    if not body:
        raise PatternError(f"empty pattern '{text}'")
    return body


# ---------------------------------------------------------------- rows


@dataclass
class Term:
    text: str
    regex: re.Pattern
    severity: str
    context: list  # compiled regexes; one must be near (empty: no condition)
    context_also: list
    exclude_context: list
    exclude_before: Optional[re.Pattern]
    exclude_after: Optional[re.Pattern]


@dataclass
class Row:
    id: str
    name: str
    label: str
    why: str
    effect: str
    severity: str
    alternatives: list
    source: str
    terms: list = field(default_factory=list)
    escalate: Optional[tuple] = None  # (severity, [compiled context regexes])

    @property
    def default(self) -> bool:
        """Advisory rows run only when `check --select` names them."""
        return self.severity != "advisory"


class DataError(ValueError):
    """The language data file is malformed (a bug in the package, not the author's content)."""


def _strings(value, where: str) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{where}: expected a list of strings")
    return value


def _expand(patterns: list, groups: dict, where: str) -> list:
    out = []
    for p in patterns:
        if p.startswith("@"):
            if p[1:] not in groups:
                raise DataError(f"{where}: unknown group '{p}'")
            out += groups[p[1:]]
        else:
            out.append(p)
    return out


_COMPILED: dict = {}


class _Lazy:
    """A regex compiled when first used: most context and exclusion patterns are only ever looked
    at near a matched term, so a check run compiles few of the ~420 (each a few hundred µs)."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        self.source = source
        self._compiled: Optional[re.Pattern] = None

    def _regex(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled

    def finditer(self, text: str):
        return self._regex().finditer(text)

    def search(self, text: str):
        return self._regex().search(text)

    def match(self, text: str):
        return self._regex().match(text)


def _regexes(patterns: list, groups: dict, where: str) -> list:
    """One regex matching any of the patterns (an empty list for no patterns)."""
    pats = tuple(_expand(patterns, groups, where))
    if not pats:
        return []
    if pats not in _COMPILED:
        try:
            alts = "|".join(compile_pattern(p) for p in pats)
        except PatternError as exc:
            raise DataError(f"{where}: {exc}") from None
        _COMPILED[pats] = _Lazy(f"(?<![^ ])(?:{alts})")
    return [_COMPILED[pats]]


def _adjacent(patterns: list, groups: dict, where: str, before: bool) -> Optional[re.Pattern]:
    pats = _expand(patterns, groups, where)
    if not pats:
        return None
    try:
        alts = "|".join(compile_pattern(p) for p in pats)
    except PatternError as exc:
        raise DataError(f"{where}: {exc}") from None
    return _Lazy(f"(?<![^ ])(?:{alts})$" if before else f"^(?:{alts})")  # type: ignore[return-value]


def load_rows(text: str) -> list:
    """Parse and validate the language data file into rows with compiled patterns."""
    return rows_from(yaml.safe_load(text))


def rows_from(data) -> list:
    """Validate the parsed language data into rows with compiled patterns."""
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise DataError("language data needs 'groups' and a list of 'rows'")
    groups = {name: _strings(v, f"group {name}") for name, v in (data.get("groups") or {}).items()}
    rows, seen = [], set()
    for raw in data["rows"]:
        where = f"row {raw.get('id', '?')}" if isinstance(raw, dict) else "row"
        if not isinstance(raw, dict):
            raise DataError(f"{where}: expected a mapping")
        unknown = set(raw) - ROW_KEYS
        if unknown:
            raise DataError(f"{where}: unknown keys {sorted(unknown)}")
        for key in ("id", "name", "terms", "alternatives", "why", "severity", "source"):
            if not raw.get(key):
                raise DataError(f"{where}: '{key}' is required")
        if not re.fullmatch(r"L\d\d", raw["id"]) or raw["id"] in seen:
            raise DataError(f"{where}: id must be L01..L99 and unique")
        seen.add(raw["id"])
        if raw["severity"] not in SEVERITIES:
            raise DataError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
        row = Row(id=raw["id"], name=raw["name"], label=raw.get("label") or raw["name"],
                  why=raw["why"].strip(), effect=raw.get("effect", "can blame the child"),
                  severity=raw["severity"], alternatives=_strings(raw["alternatives"], where),
                  source=" ".join(raw["source"].split()))
        if raw.get("escalate"):
            esc = raw["escalate"]
            if not isinstance(esc, dict) or esc.get("severity") not in SEVERITIES or not esc.get("context"):
                raise DataError(f"{where}: escalate needs severity and context")
            row.escalate = (esc["severity"], _regexes(_strings(esc["context"], where), groups, where))
        for item in raw["terms"]:
            spec = {"term": item} if isinstance(item, str) else item
            if not isinstance(spec, dict) or not isinstance(spec.get("term"), str):
                raise DataError(f"{where}: each term is a string or a mapping with 'term'")
            if set(spec) - TERM_KEYS:
                raise DataError(f"{where}: unknown term keys {sorted(set(spec) - TERM_KEYS)}")
            twhere = f"{where} term '{spec['term']}'"

            def pick(key, spec=spec, raw=raw, twhere=twhere):
                return _strings(spec[key] if key in spec else raw.get(key), twhere)

            severity = spec.get("severity", row.severity)
            if severity not in SEVERITIES:
                raise DataError(f"{twhere}: bad severity '{severity}'")
            row.terms.append(Term(
                text=spec["term"], regex=_regexes([spec["term"]], groups, twhere)[0], severity=severity,
                context=_regexes(pick("context"), groups, twhere),
                context_also=_regexes(pick("context_also"), groups, twhere),
                exclude_context=_regexes(pick("exclude_context"), groups, twhere),
                exclude_before=_adjacent(pick("exclude_before"), groups, twhere, before=True),
                exclude_after=_adjacent(pick("exclude_after"), groups, twhere, before=False),
            ))
        rows.append(row)
    return rows


_ROWS: list = []


def compiled_rows() -> list:
    """The data file's rows with their patterns compiled, on first use (not at import)."""
    if not _ROWS:
        _ROWS.extend(rows_from(raw_data()))
    return _ROWS


def __getattr__(name: str):
    """ROWS, compiled the first time someone asks for it."""
    if name == "ROWS":
        return compiled_rows()
    raise AttributeError(name)


# ---------------------------------------------------------------- text to words

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
JOINERS = set(" \t\r\n-*_~")  # gap characters that do not break a phrase
SENTENCE_END = re.compile(r"[.!?;](?=\s|$|[*_\"”’')\]])|\n[ \t]*\n|\n[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|[|#>])")
LANGUAGE_OK = re.compile(r"<!--\s*language-ok\b\s*:?((?:(?!<!--).)*?)-->", re.IGNORECASE)

_SKIPS = [
    re.compile(r"<!--(?:(?!<!--).)*?-->", re.DOTALL),  # comments (each scan stops at the next <!--: linear)
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\[@[^\[\]]*\]"),  # citations
    re.compile(r"\]\([^)\s\]]*\)|<https?://[^>]*>|https?://\S+"),  # link targets and bare URLs (stops at ]: linear)
    re.compile(r"^[ \t]*>.*$", re.MULTILINE),  # block quotations
    re.compile(r'"(?:[^"\n]|\n(?![ \t]*\n))*?"'),  # "double quotes"
    re.compile(r"“[^”“]*?”"),  # “curly double quotes” (each scan stops at the next “: linear)
    # 'single quotes' longer than a word (a single quoted word may be an apostrophe's twin)
    re.compile(r"(?<![\w'’])['‘](?=[^\W_])[^'‘’\n]*?\s[^'‘’\n]*?(?<=[\w.!?,])['’](?![\w'’])"),
    # "formerly known as ..." and similar history, to the end of the clause
    re.compile(r"\b(?:formerly|previously|once|originally|historically|used\s+to\s+be)\s+"
               r"(?:known\s+as|called|termed|described\s+as|referred\s+to\s+as)\b[^.;:!?()\n]*",
               re.IGNORECASE),
]
# Titles of laws: "Sexual Offences Act 2003, s48": the capitalised words before Act, Bill,
# Regulations or Order, the year and any section reference after it.
_LAW = re.compile(r"\b(?:Act|Bill|Regulations|Order)\b(?:[ \t]+\d{4})?"
                  r"(?:,?[ \t]*(?:ss?\.?|sections?)[ \t]*\d+[\w()]*)?")
_TITLE_WORD = re.compile(r"[A-Z(][\w'’()]*|of|and|for|the|in|on|to|&")
_TITLE_WORDS = 12  # how far back a law's title may reach


def _law_titles(text: str):
    """(start, end) of each law's title with its year and section."""
    for m in _LAW.finditer(text):
        base = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 200)
        start = m.start()
        words = list(re.finditer(r"\S+", text[base:m.start()]))[-_TITLE_WORDS:]
        for w in reversed(words):
            if not _TITLE_WORD.fullmatch(w.group(0)):
                break
            if w.group(0)[0].isupper() or w.group(0)[0] == "(":
                start = base + w.start()  # a title starts with a capitalised word
        if start < m.start():
            yield start, m.end()


# *Italic* or _italic_ text that looks like a title: starts with a capital, two or more
# words, no full stop at the end.
_ITALIC = re.compile(r"(?<![*\w])\*(?!\*)([^*\n]+?)\*(?![*\w])|(?<![_\w])_(?!_)([^_\n]+?)_(?![_\w])")
_LINK_TEXT = re.compile(r"\[([^\[\]\n]+)\]\(")


def _masked(text: str) -> list:
    """Whether each character lies in text the rules do not judge (quotes, titles, code...)."""
    mask = [False] * len(text)

    def cover(a, b):
        mask[a:b] = [True] * (b - a)

    for regex in _SKIPS:
        for m in regex.finditer(text):
            cover(m.start(), m.end())
    start, fenced = 0, code_lines(text)  # fenced code, as the parser reads fences
    for n, row in enumerate(text.split("\n")):
        if n in fenced:
            cover(start, start + len(row))
        start += len(row) + 1
    for a, b in _law_titles(text):
        cover(a, b)
    for m in _ITALIC.finditer(text):
        inner = m.group(1) or m.group(2)
        if ((inner[:1].isupper() or inner[:1].isdigit())
                and len(inner.split()) >= 2 and not inner.rstrip().endswith((".", "!", "?"))):
            cover(m.start(), m.end())
    for m in _LINK_TEXT.finditer(text):
        if m.group(1)[:1].isupper() and len(m.group(1).split()) >= 2:
            cover(m.start(1), m.end(1))
    return mask


@dataclass
class Words:
    """A block's words: the stream the patterns run over, and where each word came from."""

    text: str
    line: int  # file line of text's first line
    stream: str
    starts: list  # stream offset of each stream token
    token_word: list  # stream token -> word index, or -1 for a break
    spans: list  # word index -> (start, end) in text
    sentence: list  # word index -> sentence number
    skipped: list  # word index -> in skipped text (quotation, title...)
    ok_lines: set  # text line offsets carrying a <!-- language-ok: reason --> comment
    bad_ok_lines: set  # ... carrying one without a reason
    _found: dict = field(default_factory=dict)
    _index: dict = field(default_factory=dict)
    _line_starts: Optional[list] = None

    def word_at(self, offset: int) -> int:
        """The stream token at a stream offset."""
        return bisect_right(self.starts, offset) - 1

    def matches(self, regex: re.Pattern) -> list:
        """(first word, last word, stream start, stream end) of each match of a pattern, in order."""
        if regex not in self._found:
            out = []
            for m in regex.finditer(self.stream):
                if m.end() == m.start():
                    continue
                first = self.token_word[self.word_at(m.start())]
                last = self.token_word[self.word_at(m.end() - 1)]
                if first >= 0 and last >= 0:
                    out.append((first, last, m.start(), m.end()))
            self._found[regex] = out
        return self._found[regex]

    def near(self, regexes: list, first: int, last: int) -> bool:
        """Whether any pattern matches in the same sentence as, or within WINDOW words of, a span."""
        for regex in regexes:
            if regex not in self._index:
                found = self.matches(regex)  # in order, never overlapping
                self._index[regex] = ([a for a, *_ in found], [b for _, b, *_ in found],
                                      {self.sentence[a] for a, *_ in found} | {self.sentence[b] for _, b, *_ in found})
            firsts, lasts, sentences = self._index[regex]
            i = bisect_right(firsts, last + WINDOW) - 1
            if i >= 0 and lasts[i] >= first - WINDOW:
                return True
            if self.sentence[first] in sentences or self.sentence[last] in sentences:
                return True
        return False

    def before(self, offset: int) -> str:
        """The stream's last ADJACENT tokens before a stream offset (where exclude_before looks)."""
        return self.stream[self.starts[max(0, self.word_at(offset) - ADJACENT)]:offset]

    def after(self, offset: int) -> str:
        """The stream's next ADJACENT tokens from a stream offset (where exclude_after looks)."""
        i = self.word_at(offset) + ADJACENT
        return self.stream[offset:self.starts[i] if i < len(self.starts) else len(self.stream)]

    def _starts(self) -> list:
        """The offset at which each line of text starts (worked out once)."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._line_starts

    def line_offset(self, offset: int) -> int:
        """The line (counted from 0 in text) that holds a character offset."""
        return bisect_right(self._starts(), offset) - 1

    def line_col(self, offset: int) -> tuple:
        line = self.line_offset(offset)
        return self.line + line, offset - self._starts()[line] + 1


def split_words(text: str, line: int = 1, code: frozenset = frozenset()) -> Words:
    """Split a block's raw Markdown into words, phrase breaks, sentences and skipped spans
    (code: the stripped lines of the block's code blocks, indented ones included, skipped too)."""
    mask = _masked(text)
    start = 0
    for row in text.split("\n"):
        if row.strip() and row.strip() in code:
            mask[start:start + len(row)] = [True] * len(row)
        start += len(row) + 1
    ok_lines: set = set()
    bad_ok: set = set()
    for n, row in enumerate(text.split("\n")):
        for m in LANGUAGE_OK.finditer(row):
            (ok_lines if m.group(1).strip() else bad_ok).add(n)
    parts: list = []
    starts: list = []
    token_word: list = []
    spans: list = []
    sentence: list = []
    skipped: list = []
    offset, prev_end, sent = 0, 0, 0
    for m in WORD.finditer(text):
        gap = text[prev_end:m.start()]
        if spans:
            if SENTENCE_END.search(gap):
                sent += 1
            if any(ch not in JOINERS for ch in gap) or SENTENCE_END.search(gap):
                starts.append(offset)
                token_word.append(-1)
                parts.append("# ")
                offset += 2
        word = m.group(0).lower().replace("’", "'")
        starts.append(offset)
        token_word.append(len(spans))
        parts.append(word + " ")
        offset += len(word) + 1
        spans.append((m.start(), m.end()))
        sentence.append(sent)
        skipped.append(any(mask[m.start():m.end()]))
        prev_end = m.end()
    return Words(text, line, "".join(parts), starts, token_word, spans, sentence, skipped, ok_lines, bad_ok)


# ---------------------------------------------------------------- finding terms


@dataclass(frozen=True)
class Hit:
    code: str
    severity: str
    loc: Location
    message: str
    fix: str


def _term_applies(term: Term, words: Words, first: int, last: int, start: int, end: int) -> bool:
    if term.context and not words.near(term.context, first, last):
        return False
    if term.context_also and not words.near(term.context_also, first, last):
        return False
    if term.exclude_context and words.near(term.exclude_context, first, last):
        return False
    if term.exclude_before and term.exclude_before.search(words.before(start)):
        return False
    return not (term.exclude_after and term.exclude_after.match(words.after(end)))


def find_terms(rows: list, words: Words, rel: str) -> list:
    """Every row's findings in one block's words."""
    hits = []
    for row in rows:
        found = []  # (first, last, term, start, end)
        for term in row.terms:
            for first, last, start, end in words.matches(term.regex):
                if any(words.skipped[first:last + 1]):
                    continue
                a, b = words.spans[first][0], words.spans[last][1]
                if set(range(words.line_offset(a), words.line_offset(b) + 1)) & words.ok_lines:
                    continue
                if _term_applies(term, words, first, last, start, end):
                    found.append((first, last, term, a, b))
        found.sort(key=lambda f: (f[0], -f[1]))
        taken_to = -1
        for first, last, term, a, b in found:
            if first <= taken_to:
                continue  # overlaps a longer or earlier match of the same row
            taken_to = last
            severity = term.severity
            if row.escalate and words.near(row.escalate[1], first, last):
                severity = row.escalate[0]
            phrase = " ".join(words.text[a:b].split())
            fix = ("consider: " if row.severity == "advisory" else "say instead: ") + "; ".join(row.alternatives)
            if set(range(words.line_offset(a), words.line_offset(b) + 1)) & words.bad_ok_lines:
                fix += " (a language-ok comment needs a reason: <!-- language-ok: why -->)"
            line, col = words.line_col(a)
            hits.append(Hit(row.id, severity, Location(rel, line, col),
                            f"'{phrase}' {row.effect} ({row.why})", fix))
    return hits


def _heading_lines(module) -> list:
    """(line, column, text) of each slide and activity title, as the module parser read them."""
    return [(s.title_loc.line, s.title_loc.col, s.title) for s in module.slides
            if s.title and getattr(s, "title_loc", None) is not None]


def module_hits(module, rows: Optional[list] = None) -> list:
    """Every language finding in a module's body, notes, handout and headings."""
    rows = compiled_rows() if rows is None else rows
    hits = []
    blocks = list(module.intro) + [b for s in module.slides for b in s.blocks]
    for block in blocks:
        code = frozenset(row.strip() for pre in block.tree.iter("pre") for row in "".join(pre.itertext()).split("\n"))
        hits += find_terms(rows, split_words(block.text, block.loc.line, code), module.rel)
    for n, col, text in _heading_lines(module):
        hits += find_terms(rows, split_words(" " * (col - 1) + text, n), module.rel)
    for n, col, text in _front_matter_texts(module):  # padded, so a finding's column is the line's
        hits += find_terms(rows, split_words(" " * (col - 1) + text, n), module.rel)
    return hits


def _front_matter_texts(module) -> list:
    """(line, column, text) of the front matter that reaches slides and handouts: title, outcomes, content note."""
    lines = module.key_lines
    out = [(lines.get(("title", "="), lines.get(("title",), 1)), lines.get(("title", "col"), 1), module.title)]
    if module.content_note:
        out.append((lines.get(("content_note", "="), lines.get(("content_note",), 1)),
                    lines.get(("content_note", "col"), 1), module.content_note))
    out += [(lines.get(("outcomes", i), lines.get(("outcomes",), 1)), lines.get(("outcomes", i, "col"), 1), text)
            for i, text in enumerate(module.outcomes)]
    return out


def _cached_module_hits(ctx, module) -> list:
    """module_hits, taken from the check cache when the module's file is unchanged."""
    if ctx.cache is None:
        return module_hits(module)
    try:
        data = module.path.read_bytes()
    except OSError:
        return module_hits(module)
    return ctx.cache.get_or_run(
        ctx.cache.key("language", module.rel, data), lambda: module_hits(module),
        dump=lambda h: [h.code, h.severity, h.loc.path, h.loc.line, h.loc.col, h.message, h.fix],
        load=lambda item: Hit(item[0], item[1], Location(item[2], item[3], item[4]), item[5], item[6]))


def _all_hits(ctx) -> dict:
    """Findings for the whole workshop, by code, computed once per check run."""
    cached = getattr(ctx, "_language_hits", None)
    if cached is None:
        cached = {}
        for module in ctx.modules:
            for hit in _cached_module_hits(ctx, module):
                cached.setdefault(hit.code, []).append(hit)
        ctx._language_hits = cached
    return cached


def _register(code: str) -> None:
    def check(ctx, report):
        for hit in _all_hits(ctx).get(code, ()):
            record = report.error if hit.severity == "high" else report.warning
            record(hit.loc, hit.code, hit.message, hit.fix)

    declared = lookup(code)
    check.__name__ = f"language_{code.lower()}"
    check.__doc__ = f"{code}: {declared.summary}"
    rule(declared)(check)


for _code in LANGUAGE_CODES:  # the codes the data declares; patterns compile when a module is checked
    _register(_code)
