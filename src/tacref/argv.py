"""The command line as a person types it, made into what Typer reads.

``tacref --lang zh list`` and ``tacref --json show vitiligo``: the options every
command shares may come before the command's name; they are moved after it.
Nothing is imported here: this runs on every start.
"""

# The options every command that shows something takes: name -> takes a value.
SHARED = {
    "--lang": True,
    "-l": True,
    "--json": False,
    "--color": True,
    "--pager": False,
    "--no-pager": False,
    "--data-dir": True,
}


def hoisted(args: list[str], completing: bool = False) -> list[str]:
    """``args`` with the shared options typed before the command moved after its
    name. Without a command after them, ``args`` as they are (Typer then says
    what is wrong); when ``completing``, without them (a command name is being
    completed)."""
    moved: list[str] = []
    i = 0
    while i < len(args):
        word = args[i]
        name = word.split("=", 1)[0]
        if name not in SHARED:
            break
        takes_value = SHARED[name] and "=" not in word
        if takes_value and i + 1 >= len(args):
            break
        moved += args[i : i + 1 + takes_value]
        i += 1 + takes_value
    if not moved:
        return args
    rest = args[i:]
    if not rest or rest[0].startswith("-"):
        return rest if completing else args
    return [rest[0], *moved, *rest[1:]]
