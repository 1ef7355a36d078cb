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


def run_once(cmd: list[str], env: dict[str, str], out: Path, tty: bool = False) -> float:
    """Wall time (s) of one run: stdout to a file, or to a pseudo-terminal of 80x24
    (drained as the command writes, as a terminal would be)."""
    if tty:
        return _run_on_pty(cmd, env)
    with out.open("wb") as f:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=f, stderr=subprocess.DEVNULL, env=env)
        status = proc.wait()
        elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed


def _run_on_pty(cmd: list[str], env: dict[str, str]) -> float:
    import fcntl
    import pty
    import struct
    import termios
    import threading

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    drained = threading.Thread(target=_drain, args=(master,), daemon=True)
    drained.start()
    terminal = {**env, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    terminal["TACREF_PAGER"] = ""  # a pager would wait for a key: time the rendering
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.DEVNULL, env=terminal)
    status = proc.wait()
    elapsed = time.perf_counter() - start
    os.close(slave)
    drained.join(timeout=5)
    os.close(master)
    if status != 0:
        raise SystemExit(f"failed on a terminal: {' '.join(cmd)}")
    return elapsed


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:  # EIO: the terminal's last writer closed it
        pass


def peak_memory(cmd: list[str], env: dict[str, str], every: float = 0.003) -> tuple[float, int]:
    """Peak memory (KiB) of the command's whole process tree (the command and any
    workers it starts, together): resident memory summed over the tree, sampled
    every few milliseconds, and never below the command's own peak as GNU time
    reports it. Both are free of the harness's own footprint (``ru_maxrss`` of a
    child spawned from this Python starts at this Python's size). Also the wall
    time (s) of that run."""
    own = 0
    report = Path(tempfile.mkstemp(prefix="tacref-bench-mem-")[1])
    launcher = ["/usr/bin/time", "-f", "%M", "-o", str(report)] if _GNU_TIME else []
    proc = subprocess.Popen(
        [*launcher, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    start, peak = time.perf_counter(), 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid, skip_root=bool(launcher)))
        time.sleep(every)
    elapsed = time.perf_counter() - start
    if launcher:
        text = report.read_text().strip().splitlines()
        own = int(text[-1]) if text and text[-1].isdigit() else 0
    report.unlink()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, max(peak, own)


_GNU_TIME = Path("/usr/bin/time").exists()
_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def _tree_rss(root: int, skip_root: bool) -> int:
    """Resident KiB of ``root``'s descendants (and of ``root`` unless skipped)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        if pid == root and skip_root:
            continue
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * _PAGE_KIB
        except (OSError, IndexError, ValueError):
            pass
    return total


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
    cmd: list[str],
    floor: list[str],
    env: dict[str, str],
    runs: int,
    out: Path,
    tty: bool = False,
    hyperfine: bool = False,
) -> tuple[float, float, int]:
    """Medians (ms) of ``cmd`` and of the floor, measured alternately so that a
    machine that speeds up or slows down during the run moves both; peak memory
    of the command's process tree (a run of its own, see ``peak_memory``).

    With ``hyperfine`` (pipes only) hyperfine times them instead: it runs all of
    one command, then all of the other, so its ratios move with the machine's load.
    """
    mem = peak_memory(cmd, env)[1]
    if hyperfine and not tty:
        report = out.with_suffix(".json")
        subprocess.run(
            [
                *("hyperfine", "-N", "--warmup", "3", "--runs", str(runs)),
                *("--export-json", str(report), "--output", str(out), "--"),
                subprocess.list2cmdline(floor),
                subprocess.list2cmdline(cmd),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        base, result = json.loads(report.read_text())["results"]
        return result["median"] * 1000, base["median"] * 1000, mem
    for _ in range(3):
        run_once(floor, env, out, tty)
        run_once(cmd, env, out, tty)
    times, floors = [], []
    for _ in range(runs):
        floors.append(run_once(floor, env, out, tty))
        times.append(run_once(cmd, env, out, tty))
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
    parser.add_argument(
        "--hyperfine",
        action="store_true",
        help="time piped rows with hyperfine (not alternated with the floor)",
    )
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tacref-bench")
    parser.add_argument(
        "--only-changes",
        action="store_true",
        help="only the floors and, for each size, the show after one edit and after one add",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        help="with --only-changes: the cache directory to use and keep (one holding the"
        " set's index already skips its build: 10,000 articles take minutes)",
    )
    args = parser.parse_args()
    hyperfine = args.hyperfine and shutil.which("hyperfine") is not None
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

    timer = "hyperfine for pipes (not alternated)" if hyperfine else "alternated with the floor"
    print(
        f"tacref benchmark · python {sys.version.split()[0]} · typer {typer.__version__} · "
        f"{timer} · median of {args.runs} · peak memory of the process tree"
        f"{'' if _GNU_TIME else ' (sampled only: no /usr/bin/time)'}"
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

    def row(name: str, cmd: list[str], target: float | None, env: dict[str, str], tty=False):
        ms, floor, mem = paired(cmd, typer_floor, env, args.runs, out, tty, hyperfine)
        report.add(name, ms, floor, target, mem, None if tty else cmd, env)

    bare, floor, _ = paired([python, "-c", "pass"], typer_floor, env, args.runs, out)
    report.add(
        "floor: python -c pass", bare, None, None, peak_memory([python, "-c", "pass"], env)[1]
    )
    report.add("floor: minimal Typer app", floor, floor, None, peak_memory(typer_floor, env)[1])

    if args.only_changes:
        for size in sizes:
            data = _dataset(args.work, size, python)
            env = env_for(args.cache or tmp / f"cache-{size}", data)
            run_once([tacref, "list"], env, out)  # the index the changes update
            _after_changes(
                data, size, tacref, env, typer_floor, report, args.runs, out, size == 10000
            )
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"{report.failed} target(s) missed" if report.failed else "every target met")
        return
    run_once([tacref, "list"], env, out)  # build the bundled index once
    hot = [
        ("show melasma", [tacref, "show", "melasma"]),
        ("side-effects lupus", [tacref, "side-effects", "lupus"]),
        ("related vitiligo", [tacref, "related", "vitiligo"]),
        ("list", [tacref, "list"]),
        ("forms advagraf", [tacref, "forms", "advagraf"]),
        ("symptom shaky hands", [tacref, "symptom", "shaky", "hands"]),
        ("interactions fluconazole", [tacref, "interactions", "fluconazole"]),
        ("search 白癜风怎么治疗", [tacref, "search", "白癜风怎么治疗"]),
    ]
    five = ["fluconazole", "ibuprofen", "omeprazole", "grapefruit", "paxlovid"]
    for name, cmd in [*hot, ("interactions (five agents)", [tacref, "interactions", *five])]:
        row(f"tacref {name}", cmd, 1.10, env)
    for name, cmd in hot:  # issue 20: the terminal is where people are
        row(f"on a terminal (80x24): {name}", cmd, 1.15, env, tty=True)
    completion = env_for(
        cache, _TACREF_COMPLETE="complete_bash", COMP_WORDS="tacref show vit", COMP_CWORD="2"
    )
    row("completion: tacref show vit<TAB>", [tacref], 1.10, completion)

    for size in sizes:
        data = _dataset(args.work, size, python)
        cache = tmp / f"cache-{size}"
        env = env_for(cache, data)
        big = size == 10000
        built, mem = peak_memory([tacref, "list"], env, every=0.02)
        report.add(f"{size:>6} articles: index build (once)", built * 1000, None, None, mem)
        if big:
            ok = built <= 30 and mem < 200 * 1024
            report.failed += not ok
            print(
                f"  {'':40} target: build ≤ 30 s, process tree < 200 MiB: {'ok' if ok else 'MISS'}"
            )
        for name, cmd, target in [
            ("show", [tacref, "show", f"synthetic-{size // 2:05d}"], 1.15),
            ("search 'burning skin'", [tacref, "search", "burning skin"], 1.5),
            ("search 白癜风怎么治疗", [tacref, "search", "白癜风怎么治疗"], 1.5),
            ("list (every row)", [tacref, "list"], 3.0),
        ]:
            row(f"{size:>6} articles: {name}", cmd, target if big else None, env)
        _after_changes(data, size, tacref, env, typer_floor, report, args.runs, out, big)
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{report.failed} target(s) missed" if report.failed else "every target met")


def _dataset(work: Path, size: int, python: str) -> Path:
    """The synthetic data set of ``size`` articles in ``work``, written if missing."""
    data = work / f"data-{size}"
    if not (data / f"synthetic-{size - 1:05d}.yaml").exists():
        print(f"  (writing {size} synthetic articles to {data})", flush=True)
        subprocess.run(
            [python, str(HERE / "make_dataset.py"), str(size), str(data)],
            check=True,
            capture_output=True,
        )
    return data


def _after_changes(
    data: Path,
    size: int,
    tacref: str,
    env: dict[str, str],
    floor_cmd: list[str],
    report: "Report",
    runs: int,
    out: Path,
    big: bool,
) -> None:
    """Issue 22: the first `show` after one article is edited, or added (each the
    median of a few edits, every one a real change), as a ratio to the floor.

    The edited article is the one shown: above WATCH_LIMIT files an edit in place
    leaves the folder's mtime as it was, and is noticed when its article is read
    (``Index._fresh``); showing another article would time no update at all."""
    edited = data / f"synthetic-{size // 3:05d}.yaml"
    added = data / "synthetic-added.yaml"
    original = edited.read_bytes()
    rounds = max(3, runs // 5)
    for name, change, undo, shown in [
        ("show after one article is edited", lambda n: _edit(edited, original, n), None, edited),
        ("show after one article is added", lambda n: _add(edited, added, n), added.unlink, None),
    ]:
        show = [tacref, "show", shown.stem if shown else f"synthetic-{size // 2:05d}"]
        times, floors = [], []
        try:
            for n in range(rounds):
                change(n)
                floors.append(run_once(floor_cmd, env, out))
                times.append(run_once(show, env, out))
                if undo is not None:
                    undo()
        finally:
            edited.write_bytes(original)
            added.unlink(missing_ok=True)
        ms, floor = statistics.median(times) * 1000, statistics.median(floors) * 1000
        report.add(f"{size:>6} articles: {name}", ms, floor, 3.0 if big else None, 0)
    run_once([tacref, "list"], env, out)  # back to the data as generated


def _edit(path: Path, original: bytes, n: int) -> None:
    path.write_bytes(original + f"# edit {n} {time.time_ns()}\n".encode())


def _add(template: Path, added: Path, n: int) -> None:
    """A new article: the template's id, names and aliases with its number replaced."""
    number = str(int(template.stem.rsplit("-", 1)[1]))
    added.write_text(template.read_text("utf-8").replace(number, f"new{n}"), "utf-8")


if __name__ == "__main__":
    main()
