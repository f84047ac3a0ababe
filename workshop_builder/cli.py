"""The command line: thin click commands over the pipeline."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from . import __version__
from .diagnostics import ERROR, ContentError
from .render import FORMATS, default_formats

# Only the commands' own needs are imported here: the build, the loader, the checks and the
# renderers (with Python-Markdown, PyYAML, python-pptx, Jinja2) are imported by the commands
# that use them, so that `list` loads no renderer and `build` with nothing to do stays fast.

TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

PROJECT = click.option("-C", "--directory", "project", type=click.Path(file_okay=False, path_type=Path),
                       default=".", show_default=True, help="The workshop project folder (holding workshop.yaml).")


def _start(value):
    if value is not None and not TIME_RE.match(value):
        raise click.BadParameter(f"'{value}' is not a 24-hour clock time such as 09:30", param_hint="--start")
    return value


def _date(value):
    """The --date value as a date; a usage error unless it is YYYY-MM-DD."""
    import datetime as dt

    if value is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise click.BadParameter(f"'{value}' is not a date such as 2026-12-03 (YYYY-MM-DD)", param_hint="--date")


def _load(project: Path, template=None):
    """Load the project, or print every finding and exit 1."""
    from .loader import load_project

    try:
        return load_project(project, template)
    except ContentError as exc:
        _print_content_error(exc)
        sys.exit(1)


def _print_content_error(exc: ContentError) -> None:
    """Print every finding of a failed build, one a line, and the count of errors."""
    for diag in exc.diagnostics:
        click.echo(diag.format() + (" (warning)" if diag.severity != ERROR else ""), err=True)
    n = len([d for d in exc.diagnostics if d.severity == ERROR])
    click.echo(f"{n} error{'s' if n != 1 else ''}; nothing was written. "
               "Run 'workshop-builder check' for details of each rule.", err=True)


def _select_audience(workshop, audience: str) -> None:
    """A usage error (exit 2) when the audience is not in the workshop."""
    from .build import UsageError, select_audiences

    try:
        select_audiences(workshop, [audience])
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="workshop-builder")
def main():
    """Build per-audience workshop decks and handouts from Markdown modules.

    Run `workshop-builder build` in a workshop folder (one with a workshop.yaml) to build
    every audience's PowerPoint deck and facilitator and participant handouts into output/.
    """
    _printable_streams()


def _printable_streams() -> None:
    """Messages never crash on a character the console's code page lacks (cp1252 on Windows
    when output is redirected): such a character prints as a '?' instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is not None and encoding not in ("utf8", "utf_8"):
            reconfigure(errors="replace")


@main.command("build")
@PROJECT
@click.option("-a", "--audience", "audiences", multiple=True, metavar="ID",
              help="Build only this audience (repeatable). Default: every audience.")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(sorted(FORMATS)),
              help="Build only this format (repeatable). Default: " + ", ".join(default_formats()) + ".")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder. Default: output/ in the project.")
@click.option("--start", callback=lambda c, p, v: _start(v), metavar="HH:MM",
              help="Clock time the agenda starts (overrides start: in workshop.yaml).")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A .pptx template to use instead of the workshop's.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes for rendering. Default: one per 8 outputs to render, at most one per CPU "
                   "(serial for a few outputs).")
@click.option("--force", is_flag=True, help="Rebuild every output, even those that are up to date.")
@click.option("-e", "--edition", "editions", multiple=True, metavar="ID",
              help="Build this council's edition (editions/ID.yaml; repeatable). Default: the national edition.")
@click.option("--all-editions", is_flag=True, help="Build every edition in editions/.")
@click.option("--thumbnails/--no-thumbnails", default=True, show_default=True,
              envvar="WORKSHOP_BUILDER_THUMBNAILS",
              help="Show each slide's picture beside its notes in the facilitator handout "
                   "(needs LibreOffice; without it the handout says why). "
                   "Environment: WORKSHOP_BUILDER_THUMBNAILS=0 turns them off.")
@click.option("--date", "day", callback=lambda c, p, v: _date(v), metavar="YYYY-MM-DD",
              help="The delivery date printed on the title slide and handouts (overrides date: in workshop.yaml).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no line per output; warnings and the summary only.")
def build_command(project, audiences, formats, out, start, template, jobs, force, thumbnails, editions,
                  all_editions, day, quiet):
    """Build decks and handouts for every (or the chosen) audience.

    Runs every check (alongside the rendering): errors stop the build and nothing is written;
    warnings are shown.
    Outputs whose inputs have not changed since the last build are left as they are.
    """
    from .build import BuildRequest

    request = BuildRequest(project=Path(project), out=out, audiences=tuple(audiences), formats=tuple(formats),
                           editions=tuple(editions), all_editions=all_editions, start=start, template=template,
                           thumbnails=thumbnails, jobs=jobs, force=force, date=day)
    from .progress_bar import ProgressBar

    result = _run_build(request, ProgressBar(quiet=quiet))
    if result is None:
        sys.exit(1)
    show_result(result, quiet=quiet)
    if result.locked:  # outputs open in another program were not replaced
        sys.exit(1)


def _run_build(request, progress=None):
    """Run a build; None after printing why it failed (a usage mistake raises click.UsageError)."""
    from .build import BuildError, UsageError, build_project

    try:
        return build_project(request, progress)
    except ContentError as exc:
        _print_content_error(exc)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except BuildError as exc:
        click.echo(f"error: {exc}; nothing was written.", err=True)
    finally:
        if progress is not None:
            progress.close()
    return None


def show_result(result, quiet: bool = False) -> None:
    """Print what a build did: warnings, notes, each output (not when quiet), and a summary line."""
    for line in result.warnings:
        click.echo(f"{line} (warning)", err=True)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if result.nothing_to_do:
        for path in [] if quiet else result.unchanged:
            click.echo(f"  up to date {_show(path)}")
        n = len(result.unchanged)
        click.echo(f"Nothing to do: {n} output{'s' if n != 1 else ''} in {_show(result.out_dir)} "
                   "are up to date (use --force to rebuild).")
        return
    for path in [] if quiet else result.written:
        click.echo(f"  wrote      {_show(path)}")
    for path in [] if quiet else result.unchanged:
        click.echo(f"  up to date {_show(path)}")
    n, n_aud, n_ed = result.outputs, result.audiences, len(result.editions)
    click.echo(f"Built {n} output{'s' if n != 1 else ''} for {n_aud} "
               f"audience{'s' if n_aud != 1 else ''}"
               + (f" in {n_ed} edition{'s' if n_ed != 1 else ''}" if result.editions != [None] else "")
               + f" in {_show(result.out_dir)} "
               f"({len(result.written)} written, {len(result.unchanged)} up to date).")
    from .writing import locked_line

    for path in result.locked:
        click.echo(f"error: {locked_line(_show(path))}", err=True)


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@main.command("list")
@PROJECT
def list_command(project):
    """List audiences (slot and planned time), modules (minutes per audience) and editions."""
    from .resolver import module_applies, resolve

    workshop = _load(project)
    click.echo("Audiences:")
    for aud in workshop.audiences.values():
        planned = resolve(workshop, aud.id).total_minutes
        click.echo(f"  {aud.id:<26} {aud.name:<40} slot {aud.minutes:>3} min, planned {planned:>3} min")
    click.echo("Modules (minutes per audience; - = not in that audience's workshop):")
    ids = list(workshop.audiences)
    width = max((len(i) for i in ids), default=0)
    header = "  ".join(f"{i[:width]:>{width}}" for i in ids)
    click.echo(f"  {'':<34} {header}")
    for entry in workshop.entries:
        if entry.module_id is None:
            label = f"[{entry.break_title.lower()}]"
            cells = [str(entry.break_minutes) if module_applies(workshop, entry, a) else "-" for a in ids]
        else:
            module = workshop.modules[entry.module_id]
            label = module.id
            cells = [str(module.minutes_for(a)) if module_applies(workshop, entry, a) else "-" for a in ids]
        click.echo(f"  {label[:34]:<34} " + "  ".join(f"{c:>{width}}" for c in cells))
    if workshop.editions:
        click.echo("Editions:")
        for edition in workshop.editions.values():
            about = f": {edition.description}" if edition.description else ""
            click.echo(f"  {edition.id:<26} {edition.name}{about}")


@main.command("plan")
@PROJECT
@click.option("-a", "--audience", required=True, metavar="ID", help="The audience whose agenda to show.")
@click.option("--start", callback=lambda c, p, v: _start(v), metavar="HH:MM",
              help="Clock time the agenda starts.")
def plan_command(project, audience, start):
    """Show one audience's timed agenda, as the handout shows it."""
    from .resolver import resolve

    workshop = _load(project)
    _select_audience(workshop, audience)
    resolved = resolve(workshop, audience, start)
    aud = resolved.audience
    click.echo(f"{workshop.title}: {aud.name} ({aud.id})")
    for item in resolved.agenda:
        note = "  [content note]" if item.content_note else ""
        click.echo(f"  {item.start_text}–{item.end_text}  {item.minutes:>3} min  {item.title}{note}")
    total = resolved.total_minutes
    spare = aud.minutes - total
    state = "fits" if spare >= 0 else "OVER"
    click.echo(f"Total {total} of {aud.minutes} minutes: {state}"
               + (f" ({spare} minutes spare)" if spare > 0 else (f" by {-spare} minutes" if spare < 0 else " exactly")))
    from .pacing import estimate, plan_lines
    from .render.deck_plan import plan_deck
    click.echo("\n".join(plan_lines(estimate(resolved, len(plan_deck(resolved))), aud)))
    if spare < 0:
        sys.exit(1)


def _codes(ctx, param, values):
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


@main.command("check")
@PROJECT
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json is for CI.")
@click.option("--select", multiple=True, callback=_codes, metavar="CODES",
              help="Only these codes or prefixes, comma-separated (e.g. E,L07,W3).")
@click.option("--ignore", multiple=True, callback=_codes, metavar="CODES",
              help="Skip these codes or prefixes, comma-separated.")
@click.option("--list-rules", is_flag=True, help="List every code (load errors and rules) and exit.")
def check_command(project, strict, fmt, select, ignore, list_rules):
    """Check the whole project: structure, timing, evidence, language and accessibility.

    Prints one finding a line (path:line:col: CODE [severity] message (fix: ...)), then a
    summary. Rules and fixes: docs/checks.md.
    Exit status 1 when there is an error (or, with --strict, any warning).
    """
    if list_rules:
        from .codes import all_codes

        for item in all_codes():
            click.echo(item.list_line())
        return
    from .checks import check_project, filter_findings

    workshop, findings = check_project(project, select=select)
    if workshop is not None:  # a project that cannot load is always reported in full
        findings = filter_findings(findings, select, ignore)
    errors = [d for d in findings if d.severity == ERROR]
    warnings = [d for d in findings if d.severity != ERROR]
    if fmt == "json":
        import json

        click.echo(json.dumps({"findings": [d.as_dict() for d in findings],
                               "errors": len(errors), "warnings": len(warnings)}, indent=2))
    else:
        for diag in findings:
            click.echo(diag.format_check())
        if findings:
            click.echo(f"Found {len(errors)} error{'s' if len(errors) != 1 else ''} and "
                       f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}.")
        else:
            click.echo("All checks passed.")
    if errors or (strict and warnings):
        sys.exit(1)


@main.group("new")
def new_group():
    """Create new content from templates."""


@new_group.command("module")
@PROJECT
@click.argument("module_id")
@click.option("--title", default=None, help="The module's title. Default: from its id.")
def new_module_command(project, module_id, title):
    """Write modules/MODULE_ID.md with every front-matter key and block shown."""
    import datetime as dt
    import re

    from .authoring import new_module_text

    if not re.match(r"^[a-z0-9][a-z0-9-]*$", module_id):
        raise click.BadParameter("use lower-case letters, digits and hyphens, e.g. missing-children",
                                 param_hint="MODULE_ID")
    path = Path(project) / "modules" / f"{module_id}.md"
    if path.exists():
        raise click.UsageError(f"{path} already exists; choose another id or edit that file")
    audiences = []
    config = Path(project) / "workshop.yaml"
    if config.is_file():
        workshop = _load(project)
        audiences = list(workshop.audiences)
    title = title or module_id.replace("-", " ").capitalize()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new_module_text(title, audiences, dt.date.today()), encoding="utf-8")
    click.echo(f"Created {_show(path)}. Add '  - {module_id}' under modules: in workshop.yaml to put it in "
               "the running order, then run 'workshop-builder check'.")


@main.command("watch")
@PROJECT
@click.option("-a", "--audience", "audiences", multiple=True, metavar="ID", help="Audiences to rebuild.")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(sorted(FORMATS)),
              help="Formats to rebuild (default: the deck and both HTML handouts).")
@click.option("-e", "--edition", "editions", multiple=True, metavar="ID", help="Editions to rebuild.")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder. Default: output/ in the project.")
def watch_command(project, audiences, formats, editions, out):
    """Rebuild the outputs you are working on whenever a module, template or edition changes.

    Mistakes are printed and the watch goes on; press Ctrl-C to stop.
    """
    from .authoring import watch
    from .build import BuildRequest

    request = BuildRequest(project=Path(project), out=out, audiences=tuple(audiences), formats=tuple(formats),
                           editions=tuple(editions), thumbnails=False)

    def show(outcome) -> None:
        if isinstance(outcome, Exception):
            click.echo(_watch_error(outcome), err=True)
        else:
            show_result(outcome)
        click.echo(f"[{_clock()}] watching {_show(Path(project))} for changes (Ctrl-C to stop)")

    try:
        watch(request, show, announce=lambda: click.echo(f"[{_clock()}] building…"))
    except KeyboardInterrupt:
        click.echo("stopped.")


def _watch_error(exc: Exception) -> str:
    """What to print for a failed rebuild under watch: one line (a line a finding for content errors)."""
    if isinstance(exc, ContentError):
        lines = [d.format() + (" (warning)" if d.severity != ERROR else "") for d in exc.diagnostics]
        n = len([d for d in exc.diagnostics if d.severity == ERROR])
        return "\n".join(lines + [f"{n} error{'s' if n != 1 else ''}; nothing was written."])
    from .build import BuildError, UsageError

    if isinstance(exc, (BuildError, UsageError)):
        return f"error: {exc}; nothing was written."
    return f"error: unexpected {type(exc).__name__}: {exc}; nothing was written (the watch goes on)."


@main.command("preview")
@PROJECT
@click.option("-a", "--audience", metavar="ID", help="The audience to preview. Default: the first in workshop.yaml.")
@click.option("-e", "--edition", metavar="ID", help="The edition to preview. Default: the national edition.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1. Default: a free one.")
@click.option("--open/--no-open", "open_browser", default=True, show_default=True, help="Open the browser.")
def preview_command(project, audience, edition, port, open_browser):
    """Serve one audience's handouts in the browser, rebuilt and reloaded on every save.

    Builds into a private temporary folder (never output/); a mistake shows in the page with
    its file and line until it is fixed. Press Ctrl-C to stop.
    """
    from .build import UsageError
    from .preview import PreviewError, serve

    try:
        serve(Path(project), audience, edition, port=port, open_browser=open_browser, echo=click.echo)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except PreviewError as exc:
        raise click.ClickException(str(exc)) from None


def _clock() -> str:
    import datetime as dt

    return dt.datetime.now().strftime("%H:%M:%S")
