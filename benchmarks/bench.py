#!/usr/bin/env python3
"""Benchmark workshop-builder against pandoc on the same slides (a script, not a timed test).

pandoc is given each audience's *resolved* content, not the raw module bodies: the deck plan
(the slides our writer writes, after audience and edition blocks are resolved, activities made
into their own slides and long slides split) converted to pandoc Markdown, with notes as
pandoc `::: notes` divs. Both tools' slide counts are printed, and the benchmark FAILS when
they differ by more than 5%. pandoc and we run alternately; each row is a median of the
repeats, and the ratios are what is compared with the targets of issue 15, because the
machine is shared and absolute times drift.

    python benchmarks/bench.py [--repeats N] [--quick] [--no-pictures]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))
from synthetic import make_workshop  # noqa: E402

CLI = [sys.executable, "-m", "workshop_builder"]
AUDIENCE = "elected-members"
EDITED = ("missing-children", "language-matters")  # a module two audiences see; one all five see
TOLERANCE = 0.05  # slide counts may differ by at most this share
ENV = dict(os.environ, PYTHONPATH=str(REPO))
# As an installed package runs: its modules compiled once to __pycache__, not on every command
# (a shell with PYTHONDONTWRITEBYTECODE=1 would otherwise time Python compiling our source).
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


class Failed(SystemExit):
    """The benchmark compares unlike things (or a command failed)."""


def run(args, cwd=None) -> tuple:
    """(wall seconds, CPU seconds of the process and its children, peak RSS in MiB) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + list(args), cwd=cwd, env=ENV,
                          capture_output=True, encoding="utf-8")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise Failed(f"command failed: {' '.join(map(str, args))}\n{proc.stdout}\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, int(proc.stderr.strip().splitlines()[-1]) / 1024


def median_of(samples: list, index: int = 0) -> float:
    """The median of one field of the samples."""
    return statistics.median(s[index] for s in samples)


def alternate(repeats: int, *commands) -> list:
    """Run the commands in turn, repeats times; a list of samples per command."""
    samples = [[] for _ in commands]
    for _ in range(repeats):
        for i, command in enumerate(commands):
            samples[i].append(command())
    return samples


def copy_project(dest: Path) -> Path:
    shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(".git", "output", ".ci", "build", "*.egg-info",
                                                                 "node_modules", "__pycache__", ".hypothesis"))
    return dest


def machine() -> str:
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"


# ---- the same slides, as pandoc Markdown ----

def _inline(runs) -> str:
    from workshop_builder.render.presentation import LineBreak

    out = []
    for run in runs:
        if isinstance(run, LineBreak):
            out.append("\\\n")
            continue
        text = run.text
        if run.code:
            text = f"`{text}`"
        else:
            for ch in "\\`*_[]#<>|$":
                text = text.replace(ch, "\\" + ch)
            if run.bold and text.strip():
                text = f"**{text}**"
            if run.italic and text.strip():
                text = f"*{text}*"
        if run.link:
            text = f"[{text}]({run.link})"
        out.append(text)
    return "".join(out)


def _paragraphs(paragraphs) -> list:
    lines = []
    for p in paragraphs:
        text = _inline(p.runs)
        if p.bullet == "none":
            lines += ["", text, ""]
        else:
            marker = "1." if p.bullet == "number" else "-"
            lines.append("    " * p.level + f"{marker} {text}")
    return lines


def slide_markdown(slide) -> str:
    """One planned slide as pandoc Markdown (a level-2 heading starts a slide)."""
    from workshop_builder.render.presentation import Picture, Table, TextBox

    lines = [f"## {slide.title or ' '}", ""]
    for shape in slide.shapes:
        if isinstance(shape, TextBox):
            lines += _paragraphs(shape.paragraphs) + [""]
        elif isinstance(shape, Table):
            rows = shape.text_rows
            if rows:
                lines.append("| " + " | ".join(c.replace("|", "\\|") for c in rows[0]) + " |")
                lines.append("|" + "---|" * len(rows[0]))
                lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows[1:]]
                lines.append("")
        elif isinstance(shape, Picture):
            lines += [f"![{shape.alt}]({shape.path})", ""]
    if slide.notes:
        lines += ["::: notes", *[_inline(p.runs) + "\n" for p in slide.notes], ":::", ""]
    return "\n".join(lines)


def pandoc_markdown(project: Path, audience: str) -> tuple:
    """(pandoc Markdown of the audience's deck, our number of slides), from the resolved content."""
    from workshop_builder.loader import load_project
    from workshop_builder.render.deck_plan import plan_deck
    from workshop_builder.resolver import resolve

    resolved = resolve(load_project(project), audience)
    slides = plan_deck(resolved)
    title = [s for s in slides if s.kind == "title"]
    head = "---\n"
    if title:
        head += f"title: \"{title[0].title}\"\n"
        if title[0].subtitle:
            head += f"subtitle: \"{' / '.join(title[0].subtitle)}\"\n"
    head += "---\n\n"
    body = "\n".join(slide_markdown(s) for s in slides if s.kind != "title")
    return head + body, len(slides)


def audiences_of(project: Path, module_id: str) -> list:
    """The audiences whose workshop includes the module."""
    from workshop_builder.loader import load_project
    from workshop_builder.resolver import module_applies

    workshop = load_project(project)
    entry = next(e for e in workshop.entries if e.module_id == module_id)
    return [a for a in workshop.audiences if module_applies(workshop, entry, a)]


def pptx_slides(path: Path) -> int:
    """The number of slides in a .pptx."""
    with zipfile.ZipFile(path) as z:
        return sum(1 for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml"))


def compare_counts(label: str, ours: int, theirs: int) -> None:
    """Print both slide counts; fail when they differ by more than TOLERANCE."""
    diff = abs(ours - theirs) / max(ours, 1)
    print(f"  slides, {label}: ours {ours}, pandoc {theirs} ({diff:.1%} apart)")
    if diff > TOLERANCE:
        raise Failed(f"FAIL: {label}: pandoc made {theirs} slides from our {ours}; the comparison is not "
                     "like for like (more than 5% apart)")


# ---- rows ----

ROWS: list = []  # (measurement, now, target, met)


def row(measure: str, value: float, target: float, detail: str = "", unit: str = "×") -> None:
    met = value <= target
    ROWS.append((measure, f"{value:.2f}{unit}", f"≤ {target:g}{unit}", met, detail))
    print(f"{measure}: {value:.2f}{unit} (target ≤ {target:g}{unit}: {'met' if met else 'MISSED'}) {detail}")


def render_cpu_per_slide(project: Path, audience: str) -> tuple:
    """(CPU ms a slide to write the deck, CPU ms a slide to serialise and compress the same XML)."""
    from lxml import etree

    from workshop_builder.loader import load_project
    from workshop_builder.render.deck_plan import plan_deck
    from workshop_builder.render.pptx_writer import write_slides
    from workshop_builder.resolver import resolve

    resolved = resolve(load_project(project), audience)
    slides = plan_deck(resolved)
    write_slides(resolved, slides)  # warm: imports, template, fonts
    repeats = 5
    started = time.process_time()
    for _ in range(repeats):
        data = write_slides(resolved, slides)
    ours = (time.process_time() - started) / repeats / len(slides) * 1000
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xml") or n.endswith(".rels")]
    started = time.process_time()
    for _ in range(repeats):
        for root in parts:
            zlib.compress(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), 6)
    floor = (time.process_time() - started) / repeats / len(slides) * 1000
    return ours, floor


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs of each command (medians are reported)")
    parser.add_argument("--quick", action="store_true", help="3 repeats and a smaller large workshop")
    parser.add_argument("--no-pictures", action="store_true", help="skip the slide-pictures row (LibreOffice)")
    parser.add_argument("--councils", type=int, default=0, metavar="N",
                        help="only build N council editions x 5 audiences of the default workshop "
                             "(300 for every English council), and a no-op rebuild of them")
    args = parser.parse_args()
    if args.councils:
        print(f"Machine: {machine()}")
        councils(args.councils)
        return
    repeats = 3 if args.quick else args.repeats
    if not shutil.which("pandoc"):
        raise Failed("pandoc is not installed: the benchmark compares with it (apt-get install pandoc)")
    version = subprocess.run(["pandoc", "--version"], capture_output=True, encoding="utf-8").stdout.split("\n")[0]
    print(f"Machine: {machine()}; {version}; medians of {repeats} alternating runs")
    tmp = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    try:
        project = copy_project(tmp / "default")
        template = project / "templates" / "deck.pptx"
        audiences = list(__import__("workshop_builder.loader", fromlist=["x"]).load_project(project).audiences)
        md = tmp / "pandoc"
        md.mkdir()
        ours_count = {}
        for aud in audiences:
            text, ours_count[aud] = pandoc_markdown(project, aud)
            (md / f"{aud}.md").write_text(text, encoding="utf-8")

        def pandoc(aud):
            return run(["pandoc", md / f"{aud}.md", "-o", md / f"{aud}.pptx", "--slide-level=2",
                        "--reference-doc", template])

        def pandoc_all():
            samples = [pandoc(aud) for aud in audiences]
            return sum(s[0] for s in samples), sum(s[1] for s in samples), max(s[2] for s in samples)

        build = CLI + ["build", "-C", project, "--no-thumbnails", "-q"]

        # 1. one audience's deck
        one_ours, one_pandoc = alternate(repeats, lambda: run(build + ["-a", AUDIENCE, "-f", "pptx", "--force",
                                                                          "--out", tmp / "one"]),
                                         lambda: pandoc(AUDIENCE))
        compare_counts(AUDIENCE, pptx_slides(tmp / "one" / AUDIENCE / f"county-lines-workshop-{AUDIENCE}.pptx"),
                       pptx_slides(md / f"{AUDIENCE}.pptx"))
        row(f"one audience's deck (build -a {AUDIENCE} -f pptx --force) / pandoc, same deck",
            median_of(one_ours) / median_of(one_pandoc), 1.0,
            f"({median_of(one_ours):.2f} s vs {median_of(one_pandoc):.2f} s; CPU {median_of(one_ours, 1):.2f} s vs "
            f"{median_of(one_pandoc, 1):.2f} s, {median_of(one_ours, 1) / median_of(one_pandoc, 1):.2f}×)")
        cold = alternate(repeats, lambda: (shutil.rmtree(tmp / "cold", ignore_errors=True),
                                           run(build + ["-a", AUDIENCE, "-f", "pptx", "--out", tmp / "cold"]))[1])[0]
        print(f"  the same into an empty output folder (no check cache): {median_of(cold):.2f} s, "
              f"{median_of(cold) / median_of(one_pandoc):.2f}× pandoc")

        # 2. all decks
        all_ours, all_pandoc = alternate(repeats, lambda: run(build + ["-f", "pptx", "--force", "--out", tmp / "all"]),
                                         pandoc_all)
        for aud in audiences:
            compare_counts(aud, pptx_slides(tmp / "all" / aud / f"county-lines-workshop-{aud}.pptx"),
                           pptx_slides(md / f"{aud}.pptx"))
        row("all five decks (build -f pptx --force, default --jobs) / pandoc, sequential",
            median_of(all_ours) / median_of(all_pandoc), 0.6,
            f"({median_of(all_ours):.2f} s vs {median_of(all_pandoc):.2f} s; CPU {median_of(all_ours, 1):.2f} s vs "
            f"{median_of(all_pandoc, 1):.2f} s, {median_of(all_ours, 1) / median_of(all_pandoc, 1):.2f}×)")

        # 3. pictures
        if not args.no_pictures and shutil.which("soffice"):
            pictures = CLI + ["build", "-C", project, "-q", "--thumbnails", "--force"]
            plain = run(build + ["--force", "--out", tmp / "plain"])
            cold = run(pictures + ["--out", tmp / "pictures"])  # an empty picture cache: LibreOffice
            row("default build with slide pictures, first build / the same without",
                cold[0] / plain[0], 1.5, f"({cold[0]:.2f} s vs {plain[0]:.2f} s, one run each; CPU with "
                                         f"LibreOffice's {cold[1]:.2f} s vs {plain[1]:.2f} s)")
            plain, warm = alternate(repeats, lambda: run(build + ["--force", "--out", tmp / "plain"]),
                                    lambda: run(pictures + ["--out", tmp / "pictures"]))
            row("default build with slide pictures, decks unchanged (build --force) / the same without",
                median_of(warm) / median_of(plain), 1.5, f"({median_of(warm):.2f} s vs {median_of(plain):.2f} s)")
        else:
            print("default build with slide pictures: skipped (--no-pictures, or no LibreOffice)")

        # 4. one-module edit vs forced full build
        out = tmp / "edit"
        run(build + ["--out", out])
        counter = iter(range(10_000))
        for edited in EDITED:
            module = project / "modules" / f"{edited}.md"
            original = module.read_text(encoding="utf-8")

            def edit_and_build(module=module, original=original):
                module.write_text(original.replace("\n# ", f"\n# Edit {next(counter)}: ", 1), encoding="utf-8")
                return run(build + ["--out", out])

            edit, full = alternate(repeats, edit_and_build, lambda: run(build + ["--force", "--out", tmp / "full"]))
            module.write_text(original, encoding="utf-8")
            row(f"one-module edit ({edited}, {len(audiences_of(project, edited))} of {len(audiences)} audiences) "
                "/ forced full build", median_of(edit) / median_of(full), 0.35,
                f"({median_of(edit):.2f} s vs {median_of(full):.2f} s; CPU {median_of(edit, 1):.2f} s vs "
                f"{median_of(full, 1):.2f} s, {median_of(edit, 1) / median_of(full, 1):.2f}×)")

        # 5. no-op vs python -c pass
        run(build + ["--out", out])
        noop, bare = alternate(max(5, repeats), lambda: run(build + ["--out", out]),
                               lambda: run([sys.executable, "-c", "pass"]))
        row("no-op build / python -c pass", median_of(noop) / median_of(bare), 3.0,
            f"({median_of(noop) * 1000:.0f} ms vs {median_of(bare) * 1000:.0f} ms)")

        # 6. rendering CPU a slide vs the floor
        ours_ms, floor_ms = render_cpu_per_slide(project, AUDIENCE)
        row("deck rendering CPU a slide / serialise-and-compress floor", ours_ms / floor_ms, 5.0,
            f"({ours_ms:.2f} ms vs {floor_ms:.2f} ms a slide)")

        # 7. --jobs 2 vs --jobs 1, total CPU
        j1, j2 = alternate(repeats, lambda: run(build + ["--force", "-j", "1", "--out", tmp / "j1"]),
                           lambda: run(build + ["--force", "-j", "2", "--out", tmp / "j2"]))
        row("--jobs 2 total CPU / --jobs 1 (default build, 15 outputs)", median_of(j2, 1) / median_of(j1, 1), 1.1,
            f"({median_of(j2, 1):.2f} s vs {median_of(j1, 1):.2f} s CPU; wall {median_of(j2):.2f} s vs "
            f"{median_of(j1):.2f} s)")

        # 8. 400 slides
        n = 60 if args.quick else 100
        big = make_workshop(tmp / "slides400", n, 2)  # two audiences: the modules address aud-1 and aud-2
        text, big_count = pandoc_markdown(big, "aud-1")
        (md / "big.md").write_text(text, encoding="utf-8")
        big_ours, big_pandoc = alternate(max(1, repeats // 2 + 1),
                                         lambda: run(CLI + ["build", "-C", big, "-q", "--no-thumbnails", "-f", "pptx",
                                                            "-a", "aud-1", "--force", "--out", tmp / "big"]),
                                         lambda: run(["pandoc", md / "big.md", "-o", md / "big.pptx",
                                                      "--slide-level=2", "--reference-doc", template]))
        compare_counts(f"synthetic {n} modules", pptx_slides(tmp / "big" / "aud-1" / "synthetic-workshop-aud-1.pptx"),
                       pptx_slides(md / "big.pptx"))
        row(f"{big_count} slides in one deck / pandoc", median_of(big_ours) / median_of(big_pandoc), 1.0,
            f"({median_of(big_ours):.2f} s vs {median_of(big_pandoc):.2f} s)")

        # 9. 100 modules x 10 audiences
        large = make_workshop(tmp / "large", 100 if not args.quick else 50, 10)
        t = run(CLI + ["build", "-C", large, "-q", "--no-thumbnails", "--out", tmp / "large-out"])
        row(f"peak memory, {100 if not args.quick else 50} modules × 10 audiences (30 outputs, default --jobs)",
            t[2], 100, f"(in {t[0]:.1f} s, {t[1]:.1f} s CPU)", unit=" MiB")

        print("\n| measurement | now | target | |\n|---|---|---|---|")
        for measure, now, target, met, detail in ROWS:
            print(f"| {measure} | {now} {detail} | {target} | {'met' if met else '**missed**'} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def councils(n: int) -> None:
    """N copies of the sample edition, every audience, the default formats, --all-editions."""
    tmp = Path(tempfile.mkdtemp(prefix="wb-councils-"))
    try:
        project = copy_project(tmp / "default")
        sample = (project / "editions" / "example-council.yaml").read_text(encoding="utf-8")
        for i in range(1, n):
            (project / "editions" / f"council-{i:03d}.yaml").write_text(
                sample.replace("name: Example Council", f"name: Council {i:03d}"), encoding="utf-8")
        build = CLI + ["build", "-C", project, "-q", "--out", tmp / "out", "--all-editions", "--no-thumbnails"]
        wall, cpu, peak = run(build)
        outputs = sum(1 for p in (tmp / "out").rglob("*") if p.is_file() and not p.name.startswith(".")
                      and ".workshop-builder-cache" not in p.parts)
        print(f"{n} council editions x 5 audiences x 3 formats ({outputs} outputs, default --jobs, no pictures): "
              f"{wall:.0f} s ({wall / outputs * 1000:.0f} ms an output), peak {peak:.0f} MiB")
        print(f"  then a no-op rebuild of all {outputs}: {run(build)[0]:.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
