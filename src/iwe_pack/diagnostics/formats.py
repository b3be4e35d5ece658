"""Printing diagnostics for the people and programs that read them: a terminal, MkDocs, GitHub."""

from __future__ import annotations

from .problems import Diagnostic, SourceErrors


def for_terminal(errors: SourceErrors) -> str:
    """The list an editor reads: each problem with its file, line and field."""
    return str(errors)


def for_github(errors: SourceErrors) -> str:
    """GitHub Actions workflow commands: each problem shown on its file and line in a pull request."""
    return "\n".join(_annotation(d) for d in errors.errors)


def _annotation(d: Diagnostic) -> str:
    props = [f"file={_prop(d.file)}"]
    if d.line:
        props.append(f"line={d.line}")
    props.append(f"title={_prop(d.code + (' in ' + d.field if d.field else ''))}")
    return f"::error {','.join(props)}::{_data(d.message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
