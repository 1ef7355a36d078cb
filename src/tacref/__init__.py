"""tacref: an offline patient reference for the drug tacrolimus."""

__version__ = "0.1.0"


def main() -> None:
    """The console script's entry point (``tacref``, and ``python -m tacref``).

    Ctrl-C must end tacref with one line, ``tacref: interrupted``, and exit status
    130 at any moment from this function's first line (before it, in Python's
    start-up or pip's launcher script, only Python can answer: see README, "Exit
    codes"). ``cli`` has that boundary, but importing it (Typer, ~80 ms) comes
    first, and a KeyboardInterrupt there printed a traceback and killed the
    process with SIGINT. So the CLI is imported inside the same guard, here: this
    package is imported anyway, so the guard costs no module of its own (a separate
    one measured ~0.5 M instructions, 0.2 % of a run). Nothing may be imported at
    this module's top: each import before the guard widens the gap.
    """
    import sys

    try:
        try:
            from tacref.cli import main as run

            run()
        finally:
            # The outcome is decided (the boundary has printed its line): a Ctrl-C
            # while Python shuts down must not turn it into a traceback.
            _ignore_interrupts()
    except KeyboardInterrupt:
        _ignore_interrupts()
        if sys.stderr is not None:
            try:
                sys.stderr.write("tacref: interrupted\n")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
        raise SystemExit(130) from None


def _ignore_interrupts() -> None:
    import signal  # already imported by the CLI's dependencies: costs nothing

    signal.signal(signal.SIGINT, signal.SIG_IGN)
