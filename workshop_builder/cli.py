"""The command line: thin click commands over the pipeline."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from . import __version__
from .build import UsageError, build, plan_outputs, select_audiences, select_editions
from .diagnostics import ERROR, ContentError
from .incremental import Manifest, project_fingerprint, request_key
from .render import RENDERERS
from .render.base import RenderError, RenderOptions

# The loader, checks and renderers' libraries (Python-Markdown, PyYAML, python-pptx, Jinja2)
# are imported by the commands that use them, so that `build` with nothing to do stays fast.

TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

PROJECT = click.option("-C", "--directory", "project", type=click.Path(file_okay=False, path_type=Path),
                       default=".", show_default=True, help="The workshop project folder (holding workshop.yaml).")


def _start(value):
    if value is not None and not TIME_RE.match(value):
        raise click.BadParameter(f"'{value}' is not a 24-hour clock time such as 09:30", param_hint="--start")
    return value


def _load(project: Path, template=None):
    """Load the project, or print every finding and exit 1."""
    from .loader import load_project

    try:
        return load_project(project, template)
    except ContentError as exc:
        _fail(exc)


def _warn(findings) -> None:
    for diag in findings:
        click.echo(f"{diag.format()} (warning)", err=True)


def _fail(exc: ContentError):
    for diag in exc.diagnostics:
        click.echo(diag.format() + (" (warning)" if diag.severity != ERROR else ""), err=True)
    n = len([d for d in exc.diagnostics if d.severity == ERROR])
    click.echo(f"{n} error{'s' if n != 1 else ''}; nothing was written. "
               "Run 'workshop-builder check' for details of each rule.", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="workshop-builder")
def main():
    """Build per-audience workshop decks and handouts from Markdown modules.

    Run `workshop-builder build` in a workshop folder (one with a workshop.yaml) to build
    every audience's PowerPoint deck and facilitator and participant handouts into output/.
    """


@main.command("build")
@PROJECT
@click.option("-a", "--audience", "audiences", multiple=True, metavar="ID",
              help="Build only this audience (repeatable). Default: every audience.")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(sorted(RENDERERS)),
              help="Build only this format (repeatable). Default: "
                   + ", ".join(name for name, r in RENDERERS.items() if r.default) + ".")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder. Default: output/ in the project.")
@click.option("--start", callback=lambda c, p, v: _start(v), metavar="HH:MM",
              help="Clock time the agenda starts (overrides start: in workshop.yaml).")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A .pptx template to use instead of the workshop's.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes for rendering. Default: the number of CPUs.")
@click.option("--force", is_flag=True, help="Rebuild every output, even those that are up to date.")
@click.option("-e", "--edition", "editions", multiple=True, metavar="ID",
              help="Build this council's edition (editions/ID.yaml; repeatable). Default: the national edition.")
@click.option("--all-editions", is_flag=True, help="Build every edition in editions/.")
@click.option("--thumbnails/--no-thumbnails", default=True, show_default=True,
              envvar="WORKSHOP_BUILDER_THUMBNAILS",
              help="Show each slide's picture beside its notes in the facilitator handout "
                   "(needs LibreOffice; without it the handout says why). "
                   "Environment: WORKSHOP_BUILDER_THUMBNAILS=0 turns them off.")
def build_command(project, audiences, formats, out, start, template, jobs, force, thumbnails, editions,
                  all_editions):
    """Build decks and handouts for every (or the chosen) audience.

    Runs every check (alongside the rendering): errors stop the build and nothing is written;
    warnings are shown.
    Outputs whose inputs have not changed since the last build are left as they are.
    """
    options = RenderOptions(start=start, thumbnails=thumbnails)
    out_dir = out if out is not None else Path(project) / "output"
    fingerprint = project_fingerprint(project, template)
    request = request_key(fingerprint, audiences, formats, options.key() + f";editions={sorted(editions)}"
                          f";all={all_editions}", out_dir)
    manifest = Manifest(out_dir)
    if not force and manifest.request_up_to_date(request):
        _warn_cached(manifest.requests[request].get("warnings", []))
        names = manifest.requests[request]["outputs"]
        for name in names:
            click.echo(f"  up to date {_show(out_dir / name)}")
        click.echo(f"Nothing to do: {len(names)} output{'s' if len(names) != 1 else ''} in {_show(out_dir)} "
                   "are up to date (use --force to rebuild).")
        return
    from .checks import run_checks

    workshop = _load(project, template)
    try:
        chosen = select_audiences(workshop, audiences)
        chosen_editions = select_editions(workshop, editions, all_editions)
        specs = plan_outputs(workshop, chosen, formats or [n for n, r in RENDERERS.items() if r.default], out_dir,
                             chosen_editions)
    except UsageError as exc:
        raise click.UsageError(str(exc))
    if thumbnails and any(getattr(RENDERERS[s.format], "thumbnails", False) for s in specs):
        from .render.thumbnails import unavailable as thumbnails_unavailable

        why = thumbnails_unavailable()
        if why:
            click.echo(f"note: facilitator handouts are built without slide pictures: {why} "
                       "(--no-thumbnails turns them off)", err=True)
    jobs = jobs or os.cpu_count() or 1
    try:
        if len(specs) > 1:
            with click.progressbar(length=len(specs), label="Building", file=sys.stderr,
                                   show_pos=True) as bar:
                result = build(workshop, specs, options, fingerprint=fingerprint, manifest=manifest,
                               force=force, jobs=jobs, progress=lambda spec: bar.update(1),
                               checks=lambda: run_checks(workshop))
        else:
            result = build(workshop, specs, options, fingerprint=fingerprint, manifest=manifest,
                           force=force, jobs=jobs, checks=lambda: run_checks(workshop))
    except ContentError as exc:
        _fail(exc)
    except RenderError as exc:
        click.echo(f"error: {exc}; nothing was written.", err=True)
        sys.exit(1)
    findings = result.findings
    _warn(findings)
    manifest.record_request(request, specs, findings)
    manifest.save()
    for spec in result.written:
        click.echo(f"  wrote      {_show(spec.path)}")
    for spec in result.unchanged:
        click.echo(f"  up to date {_show(spec.path)}")
    n_ed = len(chosen_editions)
    click.echo(f"Built {len(specs)} output{'s' if len(specs) != 1 else ''} for {len(chosen)} "
               f"audience{'s' if len(chosen) != 1 else ''}"
               + (f" in {n_ed} edition{'s' if n_ed != 1 else ''}" if chosen_editions != [None] else "")
               + f" in {_show(out_dir)} "
               f"({len(result.written)} written, {len(result.unchanged)} up to date).")


def _warn_cached(findings: list) -> None:
    for text in findings:
        click.echo(f"{text} (warning)", err=True)


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@main.command("list")
@PROJECT
def list_command(project):
    """List audiences (slot and planned time) and modules (minutes per audience)."""
    from .resolver import module_applies, resolve

    workshop = _load(project)
    click.echo("Audiences:")
    for aud in workshop.audiences.values():
        planned = resolve(workshop, aud.id).total_minutes
        click.echo(f"  {aud.id:<26} {aud.name:<40} slot {aud.minutes:>3} min, planned {planned:>3} min")
    click.echo("Modules (minutes per audience; - = not in that audience's workshop):")
    ids = list(workshop.audiences)
    width = max(len(i) for i in ids)
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


@main.command("plan")
@PROJECT
@click.option("-a", "--audience", required=True, metavar="ID", help="The audience whose agenda to show.")
@click.option("--start", callback=lambda c, p, v: _start(v), metavar="HH:MM",
              help="Clock time the agenda starts.")
def plan_command(project, audience, start):
    """Show one audience's timed agenda, as the handout shows it."""
    from .resolver import resolve

    workshop = _load(project)
    try:
        select_audiences(workshop, [audience])
    except UsageError as exc:
        raise click.UsageError(str(exc))
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
@click.option("--list-rules", is_flag=True, help="List every rule with its code and exit.")
def check_command(project, strict, fmt, select, ignore, list_rules):
    """Check the whole project: structure, timing, evidence, language and accessibility.

    Prints one finding a line (path:line:col: CODE [severity] message (fix: ...)), then a
    summary. Rules and fixes: docs/checks.md.
    Exit status 1 when there is an error (or, with --strict, any warning).
    """
    from .checks import RULES, check_project, filter_findings

    if list_rules:
        for item in RULES:
            click.echo(f"{item.code}  {item.name:<24} {item.summary}")
        return
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
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(sorted(RENDERERS)),
              help="Formats to rebuild (default: the deck and both HTML handouts).")
@click.option("-e", "--edition", "editions", multiple=True, metavar="ID", help="Editions to rebuild.")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder. Default: output/ in the project.")
@click.pass_context
def watch_command(ctx, project, audiences, formats, editions, out):
    """Rebuild the outputs you are working on whenever a module, template or edition changes.

    Mistakes are printed and the watch goes on; press Ctrl-C to stop.
    """
    from .authoring import watch

    def rebuild():
        click.echo(f"[{_clock()}] building…")
        try:
            ctx.invoke(build_command, project=project, audiences=audiences, formats=formats, out=out,
                       start=None, template=None, jobs=None, force=False, thumbnails=False,
                       editions=editions, all_editions=False)
        except SystemExit:
            pass
        except click.UsageError as exc:
            click.echo(f"error: {exc.format_message()}", err=True)
        click.echo(f"[{_clock()}] watching {_show(Path(project))} for changes (Ctrl-C to stop)")

    try:
        watch(Path(project), rebuild)
    except KeyboardInterrupt:
        click.echo("stopped.")


def _clock() -> str:
    import datetime as dt

    return dt.datetime.now().strftime("%H:%M:%S")
