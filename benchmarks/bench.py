"""Start-up and scale benchmark: every figure as a ratio to floors measured in the same run.

    .venv/bin/python benchmarks/bench.py                 # bundled data + 100/1,000/10,000 articles
    .venv/bin/python benchmarks/bench.py --sizes 100     # quicker
    .venv/bin/python benchmarks/bench.py --runs 30

Floors: ``python -c pass`` and a minimal Typer app (same Typer, one command, one
string argument, prints it). Uses hyperfine when it is installed, otherwise a
Python harness (warm-up runs, then the median of --runs). Output goes to a file,
as the targets say. Synthetic datasets are written by make_dataset.py and kept in
--work between runs (generating 10,000 articles takes a while).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
TYPER_FLOOR = """\
import typer

app = typer.Typer()


@app.command()
def main(name: str) -> None:
    print(name)


app()
"""


def env_for(cache: Path, data: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TACREF_", "_TACREF"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' Pythons keep their .pyc files
    env["TACREF_CACHE_DIR"] = str(cache)
    if data is not None:
        env["TACREF_DATA_DIR"] = str(data)
    env.update(extra)
    return env


def run_once(cmd: list[str], env: dict[str, str], out: Path) -> tuple[float, int]:
    """Wall time (s) and peak memory (KiB) of one run, stdout to a file."""
    with out.open("wb") as f:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=f, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss


def instructions(cmd: list[str], env: dict[str, str]) -> int:
    """Instructions one run executes (valgrind's callgrind): the same on a busy or an
    idle machine, so its ratios are steadier than wall time on a shared VM."""
    p = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(re.search(r"Collected : (\d+)", p.stderr).group(1))


def paired(
    cmd: list[str], floor: list[str], env: dict[str, str], runs: int, out: Path
) -> tuple[float, float, int]:
    """Medians (ms) of ``cmd`` and of the floor, measured alternately so that a
    machine that speeds up or slows down during the run moves both; peak memory."""
    if shutil.which("hyperfine"):
        report = out.with_suffix(".json")
        subprocess.run(
            [
                "hyperfine",
                "-N",
                "--warmup",
                "3",
                "--runs",
                str(runs),
                "--export-json",
                str(report),
                "--output",
                str(out),
                "--",
                subprocess.list2cmdline(floor),
                subprocess.list2cmdline(cmd),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        base, result = json.loads(report.read_text())["results"]
        return result["median"] * 1000, base["median"] * 1000, run_once(cmd, env, out)[1]
    for _ in range(3):
        run_once(floor, env, out)
        run_once(cmd, env, out)
    times, floors, mem = [], [], 0
    for _ in range(runs):
        floors.append(run_once(floor, env, out)[0])
        elapsed, rss = run_once(cmd, env, out)
        times.append(elapsed)
        mem = max(mem, rss)
    return statistics.median(times) * 1000, statistics.median(floors) * 1000, mem


class Report:
    def __init__(self, floor_instructions: int | None) -> None:
        self.failed = 0
        self.floor_instructions = floor_instructions

    def add(
        self,
        name: str,
        ms: float,
        floor: float | None,
        target: float | None,
        mem: int,
        cmd: list[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        """One row; ``floor`` is the Typer floor measured alongside it."""
        ratio = ms / floor if floor else None
        ok = "" if target is None else ("ok" if ratio is not None and ratio <= target else "MISS")
        self.failed += ok == "MISS"
        shown = f"{ratio:5.2f}x" if ratio else ""
        wanted = f"≤{target:.2f}x" if target else ""
        base = f"{floor:7.1f}" if floor else ""
        instr = ""
        if self.floor_instructions and cmd is not None and env is not None:
            instr = f"{instructions(cmd, env) / self.floor_instructions:5.2f}x"
        print(
            f"  {name:40} {ms:9.1f} {base:>8}  {shown:>6}  {wanted:>7}  {mem / 1024:6.1f} MiB"
            f"  {ok:4} {instr}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also give each ratio in instructions executed (needs valgrind; slow, but steady)",
    )
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tacref-bench")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    args.work.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="tacref-bench-"))
    out = tmp / "out.txt"
    tacref = str(BIN / "tacref")
    python = sys.executable
    subprocess.run([python, "-m", "compileall", "-q", str(HERE.parent / "src")], check=False)
    floor_app = tmp / "floor.py"
    floor_app.write_text(TYPER_FLOOR)

    import typer

    print(
        f"tacref benchmark · python {sys.version.split()[0]} · typer {typer.__version__} · "
        f"{'hyperfine' if shutil.which('hyperfine') else 'python harness'} · median of {args.runs}"
    )
    cache = tmp / "cache"
    env = env_for(cache)
    typer_floor = [python, str(floor_app), "x"]
    use_valgrind = args.instructions and shutil.which("valgrind") is not None
    report = Report(instructions(typer_floor, env) if use_valgrind else None)
    print(
        f"  {'figure (ms, medians)':40} {'tacref':>9} {'floor':>8}  {'ratio':>6}  {'target':>7}"
        f"  peak mem        {'instructions' if use_valgrind else ''}"
    )
    bare, floor, _ = paired([python, "-c", "pass"], typer_floor, env, args.runs, out)
    report.add("floor: python -c pass", bare, None, None, 0)
    report.add("floor: minimal Typer app", floor, floor, None, run_once(typer_floor, env, out)[1])

    run_once([tacref, "list"], env, out)  # build the bundled index once
    for name, cmd in [
        ("tacref show melasma", [tacref, "show", "melasma"]),
        ("tacref side-effects lupus", [tacref, "side-effects", "lupus"]),
        ("tacref related vitiligo", [tacref, "related", "vitiligo"]),
        ("tacref list", [tacref, "list"]),
        ("tacref forms advagraf", [tacref, "forms", "advagraf"]),
        ("tacref symptom shaky hands", [tacref, "symptom", "shaky", "hands"]),
        ("tacref interactions fluconazole", [tacref, "interactions", "fluconazole"]),
        (
            "tacref interactions (five agents)",
            [
                tacref,
                "interactions",
                "fluconazole",
                "ibuprofen",
                "omeprazole",
                "grapefruit",
                "paxlovid",
            ],
        ),
    ]:
        ms, floor, mem = paired(cmd, typer_floor, env, args.runs, out)
        report.add(name, ms, floor, 1.10, mem, cmd, env)
    completion = env_for(
        cache, _TACREF_COMPLETE="complete_bash", COMP_WORDS="tacref show vit", COMP_CWORD="2"
    )
    ms, floor, mem = paired([tacref], typer_floor, completion, args.runs, out)
    report.add("completion: tacref show vit<TAB>", ms, floor, 1.10, mem, [tacref], completion)

    for size in sizes:
        data = args.work / f"data-{size}"
        if not (data / f"synthetic-{size - 1:05d}.yaml").exists():
            print(f"  (writing {size} synthetic articles to {data})", flush=True)
            subprocess.run(
                [python, str(HERE / "make_dataset.py"), str(size), str(data)],
                check=True,
                capture_output=True,
            )
        cache = tmp / f"cache-{size}"
        env = env_for(cache, data)
        built, mem = run_once([tacref, "list"], env, out)
        report.add(f"{size:>6} articles: index build (once)", built * 1000, None, None, mem)
        big = size == 10000
        if big:
            ok = built < 10 and mem < 150 * 1024
            report.failed += not ok
            print(f"  {'':40} target: build < 10 s and memory < 150 MiB: {'ok' if ok else 'MISS'}")
        for name, cmd, target in [
            ("show", [tacref, "show", f"synthetic-{size // 2:05d}"], 1.15),
            ("search 'burning skin'", [tacref, "search", "burning skin"], 1.5),
            ("list (every row)", [tacref, "list"], 3.0),
        ]:
            ms, floor, mem = paired(cmd, typer_floor, env, args.runs, out)
            report.add(
                f"{size:>6} articles: {name}", ms, floor, target if big else None, mem, cmd, env
            )
            if big and mem >= 150 * 1024:
                report.failed += 1
                print(f"  {'':40} peak memory over 150 MiB: MISS")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{report.failed} target(s) missed" if report.failed else "every target met")


if __name__ == "__main__":
    main()
