"""The one place that looks at the terminal: pretty or plain, colour, pager.

Pretty (rich) output only when stdout is a terminal, or ``--color always``;
colour off with ``NO_COLOR``, ``--color never`` or ``TERM=dumb`` (each keeps the
terminal's layout and pager: the plain layout is for pipes). On a terminal,
pretty output goes through a pager as git does (TACREF_PAGER, then PAGER, then
``less`` with LESS=FRX so that output shorter than a screen is simply printed, and
LESSCHARSET=utf-8 when the output is UTF-8 and the user set no charset);
never when piped, and not with ``--no-pager`` or a pager of ``cat`` or "".
Everything else prints plain text. Rich is imported only on the pretty path.
"""

import os
import shutil
import sys
from collections.abc import Mapping
from typing import IO

from tacref import views
from tacref.record import Record


class Style(Record):
    pretty: bool
    color: bool
    pager: str | None  # the pager command, when output should be paged
    width: int | None = None  # columns for pretty output (None: plain output, no wrapping)


MIN_WIDTH, MAX_WIDTH = 20, 500  # COLUMNS=0 printed nothing; COLUMNS=10**9 ran out of memory


def detect(
    stream: IO[str], color: str = "auto", page: bool = True, env: Mapping[str, str] = os.environ
) -> Style:
    try:
        tty = stream.isatty()
    except (ValueError, OSError):  # closed or detached stream
        tty = False
    pretty = color == "always" or tty
    no_color = color == "never" or bool(env.get("NO_COLOR")) or env.get("TERM") == "dumb"
    pager = choose_pager(env) if page and tty and pretty else None
    width = columns(stream, env) if pretty else None
    return Style(pretty=pretty, color=pretty and not no_color, pager=pager, width=width)


def columns(stream: IO[str], env: Mapping[str, str] = os.environ) -> int:
    """The width to lay out for, always within MIN_WIDTH..MAX_WIDTH: COLUMNS when it
    is a positive number, else the size of the terminal (the output's, else stdin's
    or stderr's, as rich looks), else 80. Rich is always told the width: left to
    itself it takes COLUMNS as it is (0 or 10**9), and 80 on a dumb terminal."""
    value = env.get("COLUMNS", "").strip()
    width = 0
    if value.isascii() and value.isdigit():  # int() of 5,000 digits would raise
        width = MAX_WIDTH if len(value) > 6 else int(value)
    if width <= 0:
        width = _terminal_columns(stream)
    return min(max(width, MIN_WIDTH), MAX_WIDTH)


def _terminal_columns(stream: IO[str]) -> int:
    try:
        fds = [stream.fileno()]
    except (AttributeError, OSError, ValueError):  # not a real file (tests, CliRunner)
        fds = []
    for fd in (*fds, 0, 1, 2):
        try:
            size = os.get_terminal_size(fd).columns
        except (OSError, ValueError):
            continue
        if size > 0:  # a pseudo-terminal may report 0
            return size
    return 80


def choose_pager(env: Mapping[str, str]) -> str | None:
    """The pager command, or None; a pager that is not installed counts as none."""
    for var in ("TACREF_PAGER", "PAGER"):
        if var in env:
            value = env[var].strip()
            if not value or value == "cat":
                return None
            return value if shutil.which(value.split()[0]) else None
    if env.get("TERM") == "dumb":
        return None
    return "less" if shutil.which("less") else None


def _less_options(env: Mapping[str, str]) -> str:
    """LESS as the user set it, plus R: colours must reach the screen as colours."""
    value = env.get("LESS")
    if value is None:
        return "FRX"
    return value if "R" in value or "-r" in value else value + " -R"


def pager_env(env: Mapping[str, str], encoding: str, prompt: str = "") -> dict[str, str]:
    """The pager's environment: LESS with R (colours) and ``prompt`` as less's prompt
    (unless the user chose one), LV -c, and LESSCHARSET=utf-8 when the text is
    UTF-8, unless the user chose a charset. Without it, less in a locale that is C
    or not generated (servers, containers) shows every Chinese character as
    <E7><99><BD>."""
    less = _less_options(env)
    if prompt and "P" not in less and "--prompt" not in less:
        less += f" -Ps{_less_prompt(prompt)}$"  # a string option ends at "$"
    out = {**env, "LESS": less, "LV": env.get("LV", "-c")}
    if _is_utf8(encoding) and "LESSCHARSET" not in env and "LESSCHARDEF" not in env:
        out["LESSCHARSET"] = "utf-8"
    return out


def _less_prompt(text: str) -> str:
    """less's short prompt: "(END) " at the end, then ``text`` (as man says "press q
    to quit"), with less's prompt characters taken literally."""
    for char in "\\?:.%":
        text = text.replace(char, "\\" + char)
    return "?e(END) ." + text.replace("$", "")  # "$" would end the option


def prompt(doc: views.Document, command: str = "less") -> str:
    """How to leave the pager, in the document's language (both, side by side); in
    English where ``command`` is a less that garbles other letters in its prompt."""
    from tacref.i18n import t

    langs = [views.language(doc)]
    if doc and isinstance(doc[0], views.Bilingual):
        langs.append(views.language(list(doc[0].second)))
    text = " · ".join(t(lang, "pager_prompt") for lang in dict.fromkeys(langs))
    if text.isascii() or _prompt_takes_utf8(command):
        return text
    return t("en", "pager_prompt")


def _prompt_takes_utf8(command: str) -> bool:
    """Whether the pager is a less that shows Chinese in its prompt: less 590 and
    older print it as <U+0089>^@..., as do 654 to 667 (less's NEWS for 591;
    gwsw/less issue 576). Asked only on the way to a pager, in Chinese."""
    import re
    import subprocess

    program = command.split()[0] if command.split() else ""
    if os.path.basename(program) != "less":
        return True  # another pager: its own prompt, ours is unused
    try:
        out = subprocess.run(
            [program, "--version"], capture_output=True, text=True, timeout=2, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    found = re.match(r"less (\d+)", out)
    version = int(found.group(1)) if found else 0
    return 591 <= version < 654 or version >= 668


def _is_utf8(encoding: str) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def emit(doc: views.Document, style: Style, stream: IO[str] | None = None) -> None:
    stream = stream or sys.stdout
    if not style.pretty:
        from tacref import render_plain

        stream.write(render_plain.render(doc))
        stream.flush()
        return
    text = _drawn(doc, style, stream)
    if style.pager is None:
        stream.write(text)
        stream.flush()
    else:
        page(text, style.pager, stream, prompt(doc, style.pager))


def _drawn(doc: views.Document, style: Style, stream: IO[str]) -> str:
    """What rich draws for ``doc``: kept in the cache (see ``rendered``), so a view
    seen before costs no import of rich."""
    from tacref import paths, rendered

    cache = paths.cache_dir().path
    encoding = getattr(stream, "encoding", None) or "utf-8"
    name = rendered.key(doc, style.width, style.color, encoding, os.environ)
    text = rendered.load(cache, name) if cache is not None else None
    if text is None:
        text = _draw(doc, style, stream)
        if cache is not None:
            rendered.store(cache, name, text)
    return text


def _draw(doc: views.Document, style: Style, stream: IO[str]) -> str:
    from rich.console import Console

    from tacref import render_rich

    console = Console(
        file=stream,  # read for its encoding only: the text is captured
        width=style.width,
        # Given both sizes, rich reads neither COLUMNS nor LINES (int() of a 5,000-digit
        # value raises); nothing tacref prints depends on the height.
        height=25,
        force_terminal=True,
        no_color=not style.color,
        color_system="auto" if style.color else None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    with console.capture() as captured:
        console.print(render_rich.render(doc))
    return captured.get()


def page(text: str, command: str, stream: IO[str], prompt: str = "") -> None:
    """Show ``text`` through ``command``; print it directly if the pager cannot start."""
    import subprocess

    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        proc = subprocess.Popen(
            command,
            shell=True,
            stdin=subprocess.PIPE,
            env=pager_env(os.environ, encoding, prompt),
            encoding=encoding,
            errors="replace",
        )
    except OSError:
        stream.write(text)
        return
    try:
        assert proc.stdin is not None
        proc.stdin.write(text)
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early
        pass
    while True:
        try:
            code = proc.wait()
            break
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager, as in git
            continue
    if code in (126, 127):  # the shell could not run it: the text must not be lost
        stream.write(text)


class BuildProgress:
    """What an index build says on stderr: on a terminal, a counter redrawn in place
    once the build has taken QUIET seconds (and erased at the end); elsewhere one
    line, only for a data set of LARGE articles or more (a script's stderr should not
    depend on how busy the machine is). Called by the build with (read, in all)."""

    QUIET = 1.0  # s
    REDRAW = 0.1  # s
    LARGE = 150  # articles: about a second and a half to build on one core

    def __init__(self, stream: IO[str] | None = None) -> None:
        import time

        self._clock = time.monotonic
        self._stream = stream or sys.stderr
        self._start = self._clock()
        self._drawn = 0.0
        self._said = False
        try:
            self._tty = self._stream.isatty()
        except (ValueError, OSError, AttributeError):  # AttributeError: None, fd 2 closed
            self._tty = False

    def __call__(self, done: int, total: int) -> None:
        if not self._tty:
            if not self._said and total >= self.LARGE:
                self._write(f"building the index: {total:,} articles ...\n")
                self._said = True
            return
        now = self._clock()
        if now - self._start >= self.QUIET and now - self._drawn >= self.REDRAW:
            self._write(f"\r\x1b[Kbuilding the index: {done:,} of {total:,} articles")
            self._drawn, self._said = now, True

    def end(self) -> None:
        if self._said and self._tty:
            self._write("\r\x1b[K")

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError, AttributeError):  # a closed stderr: the build goes on
            pass
