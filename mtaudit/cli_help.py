"""Plain help text: typer's help shows a type column (``<bool>``, ``<list[str]>``, ``<int range>``) and
usage lines like ``{paths}...``; mtaudit's help shows plain words instead (FILE, N, TEXT, the choices).

:func:`use_plain_help` adjusts typer's parameter classes once, before the help is printed.
"""

from __future__ import annotations

from typing import Any

PLAIN_TYPES = {"str": "TEXT", "int": "N", "int range": "N", "float": "NUMBER", "float range": "NUMBER"}


def _plain_type(param: Any, ctx: Any) -> str | None:
    """What the help's type column shows for an option: nothing for flags, else a plain word."""
    if getattr(param, "is_flag", False) or param.metavar == "":
        return None
    if param.metavar:
        return param.metavar
    label = param.display_type(ctx).strip("<>")
    return PLAIN_TYPES.get(label, label.upper() if label in ("path", "file") else label)


def _usage_name(param: Any) -> str:
    """The argument's name in the usage line: ``FILE...`` (required), ``[FILE]...`` (optional)."""
    name = param.display_name_raw.upper()
    several = param.nargs != 1 and not name.endswith("...")
    name = name if param.required else f"[{name}]"
    return f"{name}..." if several else name


def use_plain_help() -> None:
    """Make typer's help show plain words instead of Python types (idempotent)."""
    from typer.core import TyperArgument, TyperOption

    TyperArgument.display_type_rich = lambda param, ctx: None  # the name column says it all
    TyperOption.display_type_rich = _plain_type
    if hasattr(TyperArgument, "_usage_display_name"):
        TyperArgument._usage_display_name = _usage_name
