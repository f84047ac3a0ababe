#!/usr/bin/env python3
"""Benchmark workshop-builder on this machine (a script, not a timed test).

Prints, in one run: the full default build, a no-op rebuild, a one-module edit rebuild, a
synthetic large workshop (modules x audiences, with peak memory, at several sizes to show
how time grows) and, when pandoc is installed, pandoc turning the same slide Markdown into
the same number of .pptx decks, with our time as a ratio of pandoc's.

    python benchmarks/bench.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_workshop  # noqa: E402

CLI = [sys.executable, "-m", "workshop_builder"]


def run(args, cwd=None, env=None):
    """Wall time and peak RSS (KB, largest process) of one command."""
    started = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + args, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"command failed: {' '.join(args)}\n{proc.stdout}\n{proc.stderr}")
    peak = int(proc.stderr.strip().splitlines()[-1])
    return elapsed, peak


def best(n, func):
    """The fastest of n runs (time, peak)."""
    results = [func() for _ in range(n)]
    return min(results, key=lambda r: r[0])


def copy_project(dest: Path) -> Path:
    shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(".git", "output", ".ci", "build", "*.egg-info",
                                                                 "node_modules", "__pycache__", ".hypothesis"))
    return dest


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"


def pandoc_markdown(project: Path, audience: str) -> str:
    """The audience's slide Markdown as pandoc reads it: module bodies in running order."""
    sys.path.insert(0, str(REPO))
    from workshop_builder.loader import load_project
    from workshop_builder.resolver import resolve

    workshop = load_project(project)
    resolved = resolve(workshop, audience)
    parts = [f"---\ntitle: \"{workshop.title}\"\nsubtitle: \"{resolved.audience.name}\"\n---\n"]
    for rmod in resolved.modules:
        text = rmod.module.path.read_text(encoding="utf-8")
        parts.append(re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S))
    return "\n\n".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and smaller synthetic sizes")
    parser.add_argument("--councils", type=int, default=0, metavar="N",
                        help="also build N council editions x 5 audiences of the default workshop "
                             "(300 for every English council)")
    parser.add_argument("--only-councils", action="store_true", help="run only the --councils measurement")
    args = parser.parse_args()
    if args.only_councils:
        print(f"Machine: {machine()}")
        councils(args.councils or 300)
        return
    repeats = 1 if args.quick else 3
    print(f"Machine: {machine()}")
    tmp = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    try:
        project = copy_project(tmp / "default")
        out = tmp / "out"
        full = best(repeats, lambda: run(CLI + ["build", "-C", str(project), "--out", str(out), "--force",
                                                "--no-thumbnails"]))
        print(f"Full default build (5 audiences x 3 formats, --jobs {os.cpu_count()}, no slide pictures): "
              f"{full[0]:.2f} s, peak {full[1] / 1024:.0f} MB in the largest process")
        thumbs = best(1, lambda: run(CLI + ["build", "-C", str(project), "--out", str(tmp / "thumbs"), "--force"]))
        print(f"  the same with slide pictures in the facilitator handouts (LibreOffice): {thumbs[0]:.2f} s")
        noop = best(max(3, repeats), lambda: run(CLI + ["build", "-C", str(project), "--out", str(out),
                                                        "--no-thumbnails"]))
        print(f"No-op rebuild: {noop[0]:.3f} s")
        python_start = best(3, lambda: run([sys.executable, "-c", "pass"]))
        print(f"  (of which Python's own start-up on this machine: {python_start[0]:.3f} s)")
        module = project / "modules" / "what-is-county-lines.md"

        def edit_and_build():
            text = module.read_text(encoding="utf-8")
            module.write_text(text + "\n", encoding="utf-8")
            return run(CLI + ["build", "-C", str(project), "--out", str(out), "--no-thumbnails"])

        edit = best(repeats, edit_and_build)
        print(f"One-module edit rebuild: {edit[0]:.2f} s")

        decks = best(repeats, lambda: run(CLI + ["build", "-C", str(project), "--out", str(tmp / "decks"),
                                                 "--force", "-f", "pptx"]))
        serial = best(repeats, lambda: run(CLI + ["build", "-C", str(project), "--out", str(tmp / "decks1"),
                                                  "--force", "-f", "pptx", "--jobs", "1"]))
        print(f"All 5 default decks only: {decks[0]:.2f} s (--jobs 1: {serial[0]:.2f} s)")
        if shutil.which("pandoc"):
            md_dir = tmp / "pandoc"
            md_dir.mkdir()
            audiences = ["elected-members", "childrens-practitioners", "adult-safeguarding",
                         "district-and-regulatory", "all-council-staff"]
            for aud in audiences:
                (md_dir / f"{aud}.md").write_text(pandoc_markdown(project, aud), encoding="utf-8")

            def pandoc_all():
                total, peak = 0.0, 0
                for aud in audiences:
                    t, p = run(["pandoc", str(md_dir / f"{aud}.md"), "-o", str(md_dir / f"{aud}.pptx"),
                                "--reference-doc", str(project / "templates" / "deck.pptx")])
                    total, peak = total + t, max(peak, p)
                return total, peak

            pandoc = best(repeats, pandoc_all)
            version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
            print(f"pandoc ({version}), the same 5 decks: {pandoc[0]:.2f} s")
            print(f"  ratio ours/pandoc: {decks[0] / pandoc[0]:.2f} (target <= 0.50); "
                  f"--jobs 1: {serial[0] / pandoc[0]:.2f}")
        else:
            print("pandoc is not installed: no comparison (apt-get install pandoc)")

        sizes = [(10, 10), (25, 10), (50, 10)] if args.quick else [(25, 10), (50, 10), (100, 10)]
        for n_modules, n_audiences in sizes:
            big = make_workshop(tmp / f"synthetic-{n_modules}", n_modules, n_audiences)
            t, peak = run(CLI + ["build", "-C", str(big), "--out", str(tmp / f"sout-{n_modules}"), "--jobs", "1",
                                 "--no-thumbnails"])
            tp, _ = run(CLI + ["build", "-C", str(big), "--out", str(tmp / f"pout-{n_modules}"), "--force",
                               "--no-thumbnails"])
            print(f"Synthetic {n_modules} modules x {n_audiences} audiences ({n_audiences * 3} outputs): "
                  f"{t:.1f} s with --jobs 1 (peak {peak / 1024:.0f} MB), {tp:.1f} s with --jobs {os.cpu_count()}")
        if args.councils:
            councils(args.councils)
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
        t, peak = run(CLI + ["build", "-C", str(project), "--out", str(tmp / "out"), "--all-editions",
                             "--no-thumbnails"])
        outputs = sum(1 for p in (tmp / "out").rglob("*") if p.is_file() and not p.name.startswith("."))
        print(f"{n} council editions x 5 audiences x 3 formats ({outputs} outputs, --jobs {os.cpu_count()}, "
              f"no thumbnails): {t:.0f} s ({t / outputs * 1000:.0f} ms an output), peak {peak / 1024:.0f} MB "
              "in the largest process")
        t2, _ = run(CLI + ["build", "-C", str(project), "--out", str(tmp / "out"), "--all-editions",
                           "--no-thumbnails"])
        print(f"  then a no-op rebuild of all {outputs}: {t2:.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
