"""The command line: parse arguments, call one query, hand the result to a renderer.

This module is the only exception boundary: library errors become one line on
stderr and an exit code (0 ok, 1 not found or invalid data, 2 usage, 130 Ctrl-C).
"""

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer
from typer.core import TyperGroup

from tacref import __version__
from tacref.model import CATEGORIES, EFFECTS, FORMS, ROUTES, SEVERITIES, STATUSES

if TYPE_CHECKING:
    from tacref.index import Index
    from tacref.views import Document


class _Boundary(TyperGroup):
    """Runs every invocation (the console script and CliRunner alike) inside the
    one exception boundary: errors become one stderr line and an exit code."""

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> NoReturn:
        from tacref.errors import ExitCode, OutputError, TacrefError
        from tacref.sanitize import one_line

        extra.pop("standalone_mode", None)
        _RUN.clear()  # CliRunner runs many invocations in one process
        if _COMPLETE_VAR not in os.environ:  # completion reads the shell's words itself
            from tacref.argv import hoisted

            args = hoisted(list(sys.argv[1:] if args is None else args))
        for stream in (sys.stdout, sys.stderr):  # an ASCII-only terminal gets "?", not a crash
            if stream is not None and hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="replace")
        if sys.stdout is None and _asks_for_help(args):  # help would vanish unseen
            _fail(OutputError(_CLOSED).message, ExitCode.NOT_FOUND)
        from tacref.i18n_click import flag_language, help_in_language

        lang = flag_language(args)
        restore = help_in_language(self, lang) if _asks_for_help(args) else None
        try:
            code = self._run_repairing(args, prog_name or "tacref", **extra)
        except TacrefError as exc:
            # an ambiguity lists every choice it names (at most queries.MAX_OFFERED)
            limit = 1200 if getattr(exc, "candidates", None) else 300
            if isinstance(exc, OutputError):
                _quiet_stdout()
            else:
                exc = _in_reader_language(exc)
            message = one_line(exc.message, limit)
            hint = _joined_hint(message, one_line(exc.hint, 300)) if exc.hint else ""
            _fail(message + hint, int(exc.exit_code))
        except typer.TyperException as exc:  # click's usage errors: one line, not a box
            from tacref.i18n_click import usage_error

            ctx = getattr(exc, "ctx", None)
            message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
            code = getattr(exc, "exit_code", ExitCode.USAGE)
            path = ctx.command_path if ctx is not None else None
            _fail(usage_error(one_line(message.rstrip("."), 300), path, lang), code)
        except (KeyboardInterrupt, typer.Abort):
            _fail("interrupted", ExitCode.INTERRUPTED)
        except BrokenPipeError:
            # The reader went away (`tacref list | head -1`): stop quietly.
            _quiet_stdout()
            raise SystemExit(0) from None
        except OSError as exc:  # a full disk, a vanished terminal, an unreadable file
            reason = exc.strerror or str(exc)
            if exc.filename is None and _asks_for_help(args):  # Typer printed the help
                _quiet_stdout()
                _fail(OutputError(reason).message, ExitCode.NOT_FOUND)
            where = f": {exc.filename}" if exc.filename else ""
            _fail(f"{reason}{where}", ExitCode.NOT_FOUND)
        finally:
            if restore is not None:
                restore()
        if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C in a command into Exit(130)
            _fail("interrupted", ExitCode.INTERRUPTED)
        raise SystemExit(code if isinstance(code, int) else 0)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """A name where a command goes (``tacref vitiligo``): say which command
        shows it."""
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException:
            if ctx.resilient_parsing or not args:
                raise
            from tacref import queries
            from tacref.errors import TacrefError, UsageError

            words = [w for w in args if not w.startswith("-")][:6]
            try:
                command = queries.command_for(_index(None), words)
            except TacrefError:
                command = None
            if command is None:
                raise
            from tacref.i18n_click import flag_language, not_a_command

            raise UsageError(*not_a_command(args[0], command, flag_language(args))) from None

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        """Before Typer answers a shell's completion request: every candidate it
        offers must be a word no shell expands or evaluates (``shellsafe``)."""
        var = complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()
        instruction, _, shell = os.environ.get(var, "").partition("_")
        if instruction == "complete":
            from tacref.shellsafe import guard_shell

            guard_shell(shell)
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def _run_repairing(self, args: Any, prog_name: str, **extra: Any) -> Any:
        """Run once; if the cached index turns out damaged, discard it and run again.

        Damage that SQLite cannot see (a value no article can have) shows up as an
        unexpected exception: the cache is derived data, so it is dropped too and
        the command runs once more from the YAML. A second failure is a bug.
        """
        from tacref.errors import TacrefError
        from tacref.index import CorruptIndex

        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except CorruptIndex as exc:
            exc.discard()
        except (TacrefError, typer.TyperException, typer.Exit, typer.Abort, OSError):
            raise
        except Exception:
            from tacref import context

            context.discard_cache()
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except (TacrefError, typer.TyperException, typer.Exit, typer.Abort, OSError):
            raise
        except Exception as exc:
            raise TacrefError(
                f"internal error: {type(exc).__name__}: {exc}", "please report it"
            ) from exc


# pyproject.toml names no repository: the README says where reports go.
REPORT = 'A mistake in an article? Tell the maintainers (README: "Reporting a problem").'


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="tacref",
        cls=_Boundary,
        help="An offline patient reference for the drug tacrolimus, in English and Chinese.",
        epilog=REPORT,
        invoke_without_command=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = _new_app()

# Choices: Typer offers a Literal's values as it does an Enum's (help, completion,
# errors) and passes the plain string; an Enum class costs ~0.7 M instructions a run.
Color = Literal["auto", "always", "never"]
Format = Literal["text", "markdown", "html", "json"]


def _filter(kind: str, what: str, listed: tuple[str, ...]) -> Any:
    """A filter option: repeat it for several values (any of them passes); each
    value as the tables print it too, in any case (see ``choices``)."""
    return typer.Option(
        metavar=kind.upper(),
        help=f"{what} (repeat for several): {', '.join(listed)}; any case, or as the tables "
        "print them.",
        callback=_reader(kind),
        autocompletion=_completer(kind),
        show_default=False,
    )


def _reader(kind: str) -> Any:
    def read(value: list[str] | None) -> tuple[str, ...] | None:
        if not value:
            return None
        from tacref import choices

        meant: dict[str, None] = {}
        for typed in value:
            found = choices.read(kind, typed)
            if found is None:
                raise typer.BadParameter(
                    f"{typed!r} is not a {kind}; choose from {', '.join(choices.values(kind))}"
                )
            meant.update(dict.fromkeys(found))
        return tuple(meant)

    return read


def _completer(kind: str) -> Any:
    def complete(incomplete: str) -> list[str]:
        from tacref import choices
        from tacref.shellsafe import safe_candidates

        return safe_candidates(v for v in choices.values(kind) if v.startswith(incomplete))

    return complete


Filter = list[str] | None


def _complete_condition(ctx: typer.Context, incomplete: str) -> list[str]:
    """A name's next word: "tacref show lupus ne" offers "nephritis"."""
    typed = [w for w in (ctx.params.get("condition") or ()) if isinstance(w, str)]
    if not typed:
        return _complete_names(incomplete, None)
    return _complete_next_word(typed, incomplete)


def _shell_names(kind: str | None) -> Any:
    """Completion of a condition's (kind None), product's or agent's name.

    Typer's ``autocompletion`` drops every candidate that does not start with the
    typed text; a name offered for its pinyin (白癜风 for "baidian") does not, so
    this is a click ``shell_complete``, which filters itself."""

    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        if kind is None:
            offered = _complete_condition(ctx, incomplete)
        else:
            offered = _complete_names(incomplete, kind)
        return [CompletionItem(word) for word in offered]

    return complete


def _complete_names(incomplete: str, kind: str | None) -> list[str]:
    """Names of conditions (or of items of ``kind``) starting with what was typed,
    as the shell may take them."""
    from tacref import context
    from tacref.shellsafe import is_safe_word, safe_candidates

    def offered(id_: str, label: str) -> str | None:
        # A name the shell would not take as one plain word ("Crohn's disease",
        # "q\") is offered as its id, a slug, when that is what was typed; one
        # that starts with "-" would be read as an option.
        if is_safe_word(label, encoding) and not label.startswith("-"):
            return label
        return id_ if id_.startswith(incomplete) else None

    try:
        index = context.load()
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        key = index.key(incomplete)
        if kind is None:
            rows = index.names_with_prefix(key, 100)
        else:
            rows = index.item_names_with_prefix(kind, key, 100)
        picked = [c for c in (offered(id_, label) for id_, label in rows) if c]
        # what was typed folded as lookup folds it (紅: 红, ｖｉｔ: vit, vití: viti):
        # a name that starts with the folded text is what the reader means
        folded = key != incomplete.lower()
        own = [
            c
            for c in picked
            if c.startswith(incomplete) or (folded and index.key(c).startswith(key))
        ]
        if folded:  # one of "Vitiligo" and "vitiligo" for ｖｉｔ, as typed in lower case
            own = list({c.lower(): c for c in reversed(own)}.values())[::-1]
        # a pinyin or traditional spelling offers the name as written ("baidian":
        # 白癜风), when no name starts with what was typed
        alt = index.alt_names_with_prefix(kind or "", key, 100) if key and not own else []
        spelled = [label for _, label in alt if is_safe_word(label, encoding)]
        return safe_candidates([*own, *spelled], encoding)
    except Exception:  # completion must never print a traceback into the shell
        return []


def _complete_next_word(typed: list[str], incomplete: str) -> list[str]:
    """The word after ``typed`` of each condition name that starts with the typed
    words and then ``incomplete``, as the shell may take it."""
    from tacref import context
    from tacref.names import normalize
    from tacref.shellsafe import safe_candidates

    try:
        index = context.load()
        before = [normalize(w) for w in typed]
        start = normalize(incomplete)
        offered: dict[str, None] = {}
        for _, label in index.names_with_prefix(normalize("".join(typed)), 200):
            words = label.split()
            if (
                len(words) > len(typed)
                and [normalize(w) for w in words[: len(typed)]] == before
                and normalize(words[len(typed)]).startswith(start)
                and words[len(typed)].startswith(incomplete)
            ):
                offered[words[len(typed)]] = None
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        return safe_candidates(offered, encoding)
    except Exception:  # completion must never print a traceback into the shell
        return []


def _joined(words: list[str]) -> str:
    """A condition's name from the words it was typed as, quoted or not."""
    return " ".join(words)


def _draft(words: list[str]) -> "tuple[Path, str, Index] | None":
    """``show ./my-draft.yaml``: the file (read with the bundled data, as a data
    directory of its own), the id in it and the index holding it, when the name is
    an existing .yaml file. A draft with problems is a usage error listing them
    (exit 1)."""
    import os

    text = _joined(words)
    if not text.endswith((".yaml", ".yml")) or not os.path.isfile(text):
        return None
    from tacref import context
    from tacref.terminal import BuildProgress

    path = Path(text)
    progress = BuildProgress()
    try:
        found, problems, index = context.draft(path, progress)
    finally:
        progress.end()
    if problems:
        _write("".join(f"{p}\n" for p in problems))
        from tacref.errors import path_text
        from tacref.sanitize import inline

        shown = inline(path_text(text))  # as the problem lines above name it
        _fail(f"{len(problems)} problem(s) in {shown}: it cannot be shown yet", 1)
    return path, found, index


def _section_names() -> list[str]:
    from tacref import choices

    return list(choices.values("section"))


def _complete_section(incomplete: str) -> list[str]:
    from tacref.shellsafe import safe_candidates

    return safe_candidates(_section_names())


ConditionArg = Annotated[
    list[str],
    typer.Argument(
        help="Condition: name, alias or id, in English or Chinese (e.g. vitiligo, SLE, 白癜风); "
        "several words need no quotes (tacref show lupus nephritis).",
        shell_complete=_shell_names(None),
        show_default=False,
    ),
]


def _lang_choice(value: str | None) -> str | None:
    """--lang: one of ``i18n.CHOICES`` (zh-TW, zh-HK and zh-Hans are accepted but
    not listed in the metavar: the help keeps the width it had)."""
    from tacref.i18n import CHOICES

    if value is not None and value not in CHOICES:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(CHOICES)}")
    return value


def _complete_lang(incomplete: str) -> list[str]:
    from tacref.i18n import CHOICES

    return [c for c in CHOICES if c.startswith(incomplete)]


LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        metavar="<en|zh|zh-Hant>",
        help="Language: en, zh or zh-Hant (zh-TW, zh-HK) (default: from TACREF_LANG or the "
        "locale).",
        callback=_lang_choice,
        autocompletion=_complete_lang,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color",
        help="Colour: auto (on a terminal, unless NO_COLOR is set), always (even when piped), "
        "never (as NO_COLOR: a terminal keeps its layout and pager).",
    ),
]
PagerOpt = Annotated[
    bool, typer.Option("--pager/--no-pager", help="Page long output on a terminal (as git does).")
]


def _directory(value: Path | None) -> Path | None:
    """Typer refuses a missing path or a regular file (``exists``, ``file_okay``), but
    takes a FIFO or a device, which then read as a directory with no articles."""
    if value is not None and not value.is_dir():  # a stat: a FIFO is not opened
        raise typer.BadParameter(f"{str(value)!r} is not a directory")
    return value


DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="TACREF_DATA_DIR",
        help="A directory of your own articles that add to or override the bundled ones.",
        file_okay=False,
        exists=True,
        callback=_directory,
    ),
]


def _examples(*lines: str) -> str:
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines)


EXAMPLES = {
    "list": _examples(
        "tacref list",
        "tacref list --status approved",
        "tacref list --form topical --lang zh",
        "tacref list --json | jq -r '.conditions[].id'",
    ),
    "show": _examples(
        "tacref show vitiligo",
        "tacref show vitiligo --brief",
        "tacref show 白癜风 --lang zh",
        "tacref show lupus --section urgent",
        "tacref show 白癜风 --bilingual",
        "tacref show melasma --format markdown > melasma.md",
    ),
    "side-effects": _examples(
        "tacref side-effects lupus",
        "tacref side-effects kidney-transplant --lang zh",
        "tacref side-effects lupus --form topical",
        "tacref side-effects protopic",
        "tacref side-effects vitiligo --json",
    ),
    "forms": _examples(
        "tacref forms",
        "tacref forms advagraf",
        "tacref forms 普乐可复 --lang zh",
        "tacref forms ointment --json",
    ),
    "interactions": _examples(
        "tacref interactions",
        "tacref interactions fluconazole",
        "tacref interactions fluconazole ibuprofen omeprazole",
        "tacref interactions 西柚 --lang zh",
        "tacref interactions --effect raises-level --severity avoid",
        "tacref interactions paxlovid --json",
    ),
    "symptom": _examples(
        "tacref symptom tremor",
        'tacref symptom "shaky hands"',
        "tacref symptom 手抖",
        'tacref symptom "fever and much less urine"',
        "tacref symptom headache --country GB --json",
    ),
    "related": _examples(
        "tacref related vitiligo",
        "tacref related SLE --lang zh",
    ),
    "search": _examples(
        "tacref search burning skin",
        "tacref search 烧灼",
        "tacref search grapefruit --json",
    ),
    "categories": _examples(
        "tacref categories",
        "tacref categories --json",
    ),
    "validate": _examples(
        "tacref validate",
        "tacref validate ~/my-articles",
        "tacref validate my-article.yaml --json",
    ),
}


@app.command("list", epilog=EXAMPLES["list"])
def list_(
    category: Annotated[Filter, _filter("category", "Only these categories", CATEGORIES)] = None,
    status: Annotated[Filter, _filter("status", "Only these statuses", STATUSES)] = None,
    form: Annotated[
        Filter,
        _filter(
            "form",
            "Only articles about these forms, or routes, or 'oral'",
            (*FORMS, *ROUTES),
        ),
    ] = None,
    lang: LangOpt = None,
    json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    data_dir: DataDirOpt = None,
) -> None:
    """Every condition, with what tacrolimus is to it (status) and the forms."""
    from tacref import queries, views

    language = _language(lang)
    rows = queries.list_conditions(_index(data_dir, language), language, category, status, form)
    if json:
        from tacref import render_json  # only here: importing json costs ~2 % of a run

        _write(render_json.condition_list(rows, language))
        raise typer.Exit(0 if rows else 1)
    if not rows:
        from tacref.errors import TacrefError

        raise TacrefError("no condition matches these filters", "try 'tacref categories'")
    _print(views.condition_list(rows, language), color, pager)


@app.command(epilog=EXAMPLES["show"])
def show(
    condition: ConditionArg,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            help="Print one section only: summary, condition, mechanism, usage, "
            "expectations, alternatives, precautions, daily-care, urgent, faq, side-effects, "
            "related, sources; or its heading as shown, in any case and either language "
            '("side effects", "When to get urgent help", 紧急).',
            autocompletion=_complete_section,
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    format: Annotated[
        Format,
        typer.Option(
            "--format", "-f", help="text (terminal), markdown or html (to share or print), json."
        ),
    ] = "text",
    bilingual: Annotated[
        bool,
        typer.Option(
            "--bilingual",
            "-b",
            help="English and Chinese side by side, for a patient and a clinician "
            "who do not share a language.",
        ),
    ] = False,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief",
            help="Only the first part: status and where it holds, the summary and when to "
            "get urgent help (the whole article starts with the same, then the rest).",
        ),
    ] = False,
    json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    data_dir: DataDirOpt = None,
) -> None:
    """The article: status, summary and the urgent signs first; then every section."""
    from tacref import queries, views

    if json and format not in ("text", "json"):
        raise typer.BadParameter(
            f"--json and --format {format} ask for two formats; give one",
            param_hint="'--json'",
        )
    if brief and (json or format == "json" or section is not None):
        why = (
            "--brief and --section ask for two different parts; give one"
            if section is not None
            else "JSON is always the whole article (scripts pick what they need); drop --brief"
        )
        raise typer.BadParameter(why, param_hint="'--brief'")
    language = _language(lang, condition)
    key = _section_key(section)
    wanted, draft, built = _joined(condition), _draft(condition), None
    if draft is not None:  # an article file being written: shown as it will be
        data_dir, wanted, built = draft
    with _in_language(language):
        article, related = queries.related(_index(data_dir, language, built), wanted)
    if json or format == "json":
        from tacref import render_json

        return _write(render_json.article(article, language, key))
    if bilingual:
        doc = views.bilingual_article(article, related, key, language, brief)
    else:
        doc = views.article(article, language, related, key, brief)
    if key is not None and format in ("markdown", "html"):  # a shared page says what it is about
        doc = [views.Title(article.name(language)), *doc]
    if format == "markdown":
        from tacref import render_markdown

        return _write(render_markdown.render(doc))
    if format == "html":
        from tacref import render_html

        return _write(render_html.render(doc, language))
    _print(doc, color, pager)


@app.command("side-effects", epilog=EXAMPLES["side-effects"])
def side_effects(
    condition: ConditionArg,
    form: Annotated[
        Filter,
        _filter("form", "Only rows about these forms, or routes, or 'oral'", (*FORMS, *ROUTES)),
    ] = None,
    lang: LangOpt = None,
    json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    data_dir: DataDirOpt = None,
) -> None:
    """Side effects of tacrolimus for this use (or product), with the form each row is about."""
    from tacref import queries, views

    language = _language(lang, condition)
    with _in_language(language):
        subject, rows = queries.side_effects(_index(data_dir, language), _joined(condition), form)
    if json:
        from tacref import render_json

        return _write(render_json.side_effects(subject, rows, language))
    _print(views.side_effects(subject, rows, language), color, pager)


@app.command(epilog=EXAMPLES["interactions"])
def interactions(
    agents: Annotated[
        list[str] | None,
        typer.Argument(
            help="Drugs, herbs or foods: generic or brand names, in English or Chinese "
            "(e.g. fluconazole, Paxlovid, grapefruit, 西柚, 五酯胶囊).",
            shell_complete=_shell_names("agent"),
            show_default=False,
        ),
    ] = None,
    effect: Annotated[Filter, _filter("effect", "Only agents with these effects", EFFECTS)] = None,
    severity: Annotated[
        Filter, _filter("severity", "Only agents with these severities", SEVERITIES)
    ] = None,
    lang: LangOpt = None,
    json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    data_dir: DataDirOpt = None,
) -> None:
    """Can I take it with tacrolimus? Drugs, herbs and foods: what they do to it, what to do."""
    from tacref import queries, views

    language = _language(lang, agents)
    index = _index(data_dir, language)
    if not agents:
        items = queries.interactions(index, effect, severity)
        if json:
            from tacref import render_json

            _write(render_json.interactions(items, language))
            raise typer.Exit(0 if items else 1)
        if not items:
            from tacref.errors import TacrefError

            raise TacrefError(
                "no interaction card matches these filters", "try 'tacref interactions'"
            )
        return _print(views.interactions(items, language), color, pager)
    cards = queries.agents(index, agents)
    if json:
        from tacref import render_json

        return _write(render_json.interactions(cards, language))
    _print(views.interaction_cards(cards, language), color, pager)


@app.command(epilog=EXAMPLES["symptom"])
def symptom(
    words: Annotated[
        list[str],
        typer.Argument(
            help="What you notice, in your own words, English or Chinese "
            "(e.g. shaky hands, can't sleep, 头疼); several at once is one question.",
            show_default=False,
        ),
    ],
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            "-c",
            help="Your country (US, GB, CN, HK, TW, JP, AU, DE...), for the emergency "
            "numbers (default: from the locale).",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    data_dir: DataDirOpt = None,
) -> None:
    """Is this symptom a known effect of tacrolimus, and how urgent is it?"""
    from tacref import emergency, symptoms, views

    language = _language(lang, words)
    code = emergency.country(country)
    numbers = emergency.numbers(code)
    if country is not None and not numbers:
        from tacref.errors import UsageError
        from tacref.sanitize import quoted

        known = ", ".join(sorted(emergency.NUMBERS))
        raise UsageError(
            f"tacref does not know the emergency numbers of {quoted(country)}",
            f"use a two-letter country code: {known}, or a European one (DE, FR...)",
        )
    try:
        index = _index(data_dir, language)
        answer = symptoms.spelled(symptoms.check(index, " ".join(words)), index.spelled())
    except symptoms.UnknownSymptom as exc:
        raise views.unknown_symptom(exc, language, code, numbers) from None
    if json:
        from tacref import render_json

        return _write(render_json.symptom(answer, code, numbers))
    _print(views.symptom(answer, language, code, numbers), color, pager)


@app.command(epilog=EXAMPLES["forms"])
def forms(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A product: name, brand or word (e.g. advagraf, Protopic, 普乐可复, ointment).",
            shell_complete=_shell_names("product"),
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    data_dir: DataDirOpt = None,
) -> None:
    """The tacrolimus products (capsules, granules, once-daily forms, infusion, ointment,
    eye), their brands and approvals: they are not interchangeable."""
    from tacref import queries, views

    language = _language(lang, name)
    index = _index(data_dir, language)
    if name is None:
        items = queries.products(index)
        if json:
            from tacref import render_json

            return _write(render_json.products(items, language))
        return _print(views.products(items, language), color, pager)
    found = queries.product(index, name)
    if json:
        from tacref import render_json

        return _write(render_json.product(found, language))
    _print(views.product(found, language), color, pager)


@app.command(epilog=EXAMPLES["related"])
def related(
    condition: ConditionArg,
    lang: LangOpt = None,
    json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    data_dir: DataDirOpt = None,
) -> None:
    """Neighbouring conditions, and why each is related."""
    from tacref import queries, views

    language = _language(lang, condition)
    with _in_language(language):
        article, items = queries.related(_index(data_dir, language), _joined(condition))
    if json:
        from tacref import render_json

        return _write(render_json.related(article, items, language))
    _print(views.related(article, items, language), color, pager)


@app.command(epilog=EXAMPLES["search"])
def search(
    words: Annotated[
        list[str],
        typer.Argument(
            help="Words to find, in English or Chinese (e.g. burning skin, 烧灼).",
            show_default=False,
        ),
    ],
    limit: Annotated[int, typer.Option(min=1, max=500, help="At most this many results.")] = 20,
    lang: LangOpt = None,
    json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    data_dir: DataDirOpt = None,
) -> None:
    """Full-text search over names, aliases and articles, in both languages."""
    from tacref import queries, views

    language = _language(lang, words)
    text = " ".join(words)
    index = _index(data_dir, language)
    found = queries.search(index, text, limit)
    if json:
        from tacref import render_json

        _write(render_json.search(found, text, language))
        raise typer.Exit(0 if found.hits else 1)
    if not found.hits and found.uncovered:  # a name tacref has no article on, as `show` says
        raise found.uncovered
    if not found.hits or found.missing:  # a word no article holds: a misspelling?
        from tacref.errors import NoResults

        suggestions = queries.suggest_for_search(index, text, found)
        if not found.hits or suggestions:
            raise NoResults(text, suggestions)
    _print(views.search_results(found, language), color, pager)


@app.command(epilog=EXAMPLES["categories"])
def categories(
    lang: LangOpt = None,
    json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    data_dir: DataDirOpt = None,
) -> None:
    """The categories and statuses, with how many conditions each has."""
    from tacref import queries, views

    by_category, by_status = queries.counts(_index(data_dir))
    if json:
        from tacref import render_json

        return _write(render_json.categories(by_category, by_status))
    _print(views.categories(by_category, by_status, _language(lang)), color, pager)


@app.command(epilog=EXAMPLES["validate"])
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A directory of articles, or one article file (default: the bundled data).",
            show_default=False,
            exists=True,  # also refuses '' (it would read as '.', the working directory)
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Check articles: print every problem as file:line: message; exit 1 if any.

    An article past its review date (review_due) is a warning: printed, exit code
    unchanged.

    A directory is checked together with the bundled data, exactly as
    --data-dir would load it (its related links may point to bundled articles).
    """
    from tacref import context

    if path is not None and not path.exists():
        from tacref.errors import UsageError

        raise UsageError(f"no such file or directory: {str(path)!r}")
    count, problems, warnings = context.check(path)
    if json:
        from tacref import render_json

        _write(render_json.problems(count, problems, warnings))
    else:
        from tacref.sanitize import inline

        scope = f" (the bundled ones and {inline(str(path))})" if path is not None else ""
        ok = f"ok: {count} articles{scope}, no problems\n"
        _write("".join(f"{p}\n" for p in (*problems, *warnings)) + ("" if problems else ok))
    if warnings:
        _warn(f"{len(warnings)} review date warning(s) (a warning, not a problem)")
    if problems:
        from tacref.errors import shown_count

        files = len({p.path for p in problems})
        _warn(f"{shown_count(problems)} problem(s) in {files} file(s)")
        raise typer.Exit(1)


def _version(value: bool) -> None:
    if not value:
        return
    from tacref import context
    from tacref.index import CorruptIndex

    try:
        index = context.load()
        from tacref.sanitize import inline

        about = f" · data reviewed {index.meta('reviewed')} · {index.meta('articles')} articles"
        about = inline(about)
    except CorruptIndex:  # the boundary discards the file and runs --version again
        raise
    except Exception:  # the version must print even when the data cannot be read
        about = ""
    _write(f"tacref {__version__}{about}\n")
    raise typer.Exit()


OVERVIEW = """\
tacref {version}: what tacrolimus is (and is not) for, in English and 中文.

  tacref list                    every condition, with status and forms
  tacref show vitiligo           the article
  tacref side-effects lupus      side effects for that use, by form
  tacref related vitiligo        neighbouring conditions, and why
  tacref search "burning skin"   full-text search, English and Chinese
  tacref forms                   the products (Prograf, Advagraf, Protopic...)
  tacref symptom tremor          is this the drug? how urgent?
  tacref interactions fluconazole  can I take it with tacrolimus?
  tacref show 白癜风 --lang zh    the article in Chinese

'tacref COMMAND --help' shows each command's options.
General information, not medical advice: your doctor decides about your treatment.
{report}
"""


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """tacref: what tacrolimus is (and is not) for, with side effects, in English and 中文.

    General information, not medical advice: your doctor decides about your treatment.
    """
    if ctx.invoked_subcommand is None:
        lang = _language(None)
        if lang == "en":
            return _write(OVERVIEW.format(version=__version__, report=REPORT))
        from tacref.i18n import t

        _write(t(lang, "overview", version=__version__))


def _language(flag: str | None, words: "list[str] | str | None" = None) -> str:
    """The language of a run (``i18n.resolve_language``): a question in Chinese
    characters is answered in Chinese when the locale does not say Chinese. Errors
    are said in it too (``_in_reader_language``)."""
    from tacref.i18n import resolve_language

    query = words if isinstance(words, str) or words is None else " ".join(words)
    _RUN["lang"] = resolve_language(flag, query=query or "")
    return _RUN["lang"]


_RUN: dict[str, str] = {}  # the language this run chose, for its errors


def _joined_hint(message: str, hint: str) -> str:
    """A Chinese sentence takes its hint after a full-width semicolon; an English
    one that quotes a Chinese name does not (quoted words are not counted)."""
    import re

    unquoted = re.sub(r"“[^”]*”|「[^」]*」|'[^']*'", "", message)
    chinese = any(c.isalpha() and c >= "\u3000" for c in unquoted)  # "tacref 还没有…"
    return ("；" if chinese else "; ") + hint


def _in_reader_language(exc: Any) -> Any:
    """An error in the run's language (before a command chose one: the locale's)."""
    lang = _RUN.get("lang")
    if lang is None:
        from tacref.i18n import resolve_language

        lang = resolve_language(None)
    if lang == "en" and not getattr(exc, "candidates", None):  # an ambiguity names its choices
        return exc
    from tacref.views import in_reader_language

    return in_reader_language(exc, lang)


@contextmanager
def _in_language(language: str) -> Iterator[None]:
    """A condition name that matched nothing is said in the reader's language."""
    from tacref.errors import NotFound

    try:
        yield
    except NotFound as exc:
        if exc.what != "condition":
            raise
        from tacref.views import not_found

        raise not_found(exc, language) from None


def _section_key(section: str | None) -> str | None:
    if section is None:
        return None
    from tacref import choices

    found = choices.read("section", section)
    if found is None:
        from tacref.sanitize import quoted

        raise typer.BadParameter(
            f"{quoted(section)} is not a section; choose from {', '.join(_section_names())}",
            param_hint="'--section'",
        )
    return found[0]


def _index(data_dir: Path | None, language: str = "en", index: "Index | None" = None) -> "Index":
    """The run's index (``index``: one already built, a draft's), ready to read."""
    from tacref import context
    from tacref.i18n import HANT
    from tacref.terminal import BuildProgress

    if index is None:
        progress = BuildProgress()
        try:
            index = context.load(data_dir, progress)
        finally:
            progress.end()
    if language in HANT:  # records read with their Chinese in traditional characters
        index.region = language
    if index.warning:  # the cache could not be used (see index.open_index)
        _warn(f"warning: {index.warning}")
    if skipped := index.problem_count():
        from tacref.errors import path_text
        from tacref.paths import user_data_dir

        user = user_data_dir(data_dir)
        where = f" {path_text(user.path)}" if user else ""
        _warn(f"warning: {skipped} data problem(s) skipped; run 'tacref validate{where}'")
    return index


def _print(doc: "Document", color: str, pager: bool = True) -> None:
    from tacref import terminal

    stream = _stdout()
    try:
        terminal.emit(doc, terminal.detect(stream, color, pager), stream)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _output_error(exc) from None


def _write(text: str) -> None:
    stream = _stdout()
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # /dev/full, a full disk, a terminal that went away
        raise _output_error(exc) from None


_CLOSED = "standard output is closed"


def _stdout() -> "IO[str]":
    if sys.stdout is None:  # started with stdout closed (`tacref list >&-`)
        from tacref.errors import OutputError

        raise OutputError(_CLOSED)
    return sys.stdout


def _output_error(exc: OSError) -> Exception:
    from tacref.errors import OutputError

    return OutputError(exc.strerror or str(exc))


def _quiet_stdout() -> None:
    _quiet(sys.stdout)


def _quiet(stream: "IO[str] | None") -> None:
    """Point ``stream`` at /dev/null: what it still buffers must not fail again at
    exit (Python would print "Exception ignored ..." and exit 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[union-attr]
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # closed, or not a real file (tests)
        pass


def _asks_for_help(args: Any) -> bool:  # or the completion script (shown or installed)
    words = list(sys.argv[1:] if args is None else args)
    if "--" in words:
        words = words[: words.index("--")]
    return bool({"--help", "-h", "--show-completion", "--install-completion"} & set(words))


def _warn(message: str) -> None:
    _say(message)


def _fail(message: str, code: int) -> NoReturn:
    _say(message)
    raise SystemExit(code)


def _say(message: str) -> None:
    """One line on stderr; paths and data in ``message`` cannot drive the terminal."""
    from tacref.sanitize import inline

    if sys.stderr is None:
        return
    try:
        sys.stderr.write(f"tacref: {inline(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr is full or gone: nowhere left to say it
        _quiet(sys.stderr)


def main() -> None:
    """Console-script entry point."""
    # Everything imported so far lives until exit: keep it out of the garbage
    # collector's way (every full collection, and the last one at exit, would
    # walk it all again; ~10 % of a run, measured with callgrind).
    gc.freeze()
    from tacref.argv import hoisted

    if _COMPLETE_VAR not in os.environ:
        return app_for(hoisted(sys.argv[1:]))()
    words = _completed_words()
    if words is None:  # not what a shell sets: nothing to complete, and no error either
        raise SystemExit(1)
    app_for(hoisted(words, completing=True))()


_COMPLETE_VAR = "_TACREF_COMPLETE"


def _completed_words() -> list[str] | None:
    """In shell completion, the words typed before the one being completed, read as
    Typer reads them for that shell: a command name typed in full picks the app.
    None when the environment is not one a shell's completion script sets."""
    from typer._click.shell_completion import get_completion_class
    from typer.completion import completion_init

    instruction, _, shell = os.environ[_COMPLETE_VAR].partition("_")
    completion_init()
    comp_cls = get_completion_class(shell)
    if instruction != "complete" or comp_cls is None:
        return []  # the whole app: it prints the script ("source") or reports the shell
    try:
        return comp_cls(None, {}, "tacref", _COMPLETE_VAR).get_completion_args()[0]
    except (KeyError, ValueError, IndexError):  # e.g. COMP_WORDS missing
        return None


def app_for(args: list[str]) -> typer.Typer:
    """``app``, or for ``tacref COMMAND ...`` an app with only that command.

    Typer builds the parameters of every registered command on every run, which
    costs more than all of tacref's own work for a command (see benchmarks/);
    a run needs only the command it invokes, and so does completion once the
    command name is typed (see ``main``). Help and anything that is not a known
    command get the whole app.
    """
    if not args:
        return app
    chosen = [c for c in app.registered_commands if _command_name(c) == args[0]]
    if not chosen:
        return app
    single = _new_app()
    single.registered_commands = chosen
    single.registered_callback = app.registered_callback
    return single


def _command_name(info: Any) -> str:
    return info.name or info.callback.__name__.lower().replace("_", "-")
