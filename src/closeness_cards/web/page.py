"""The room's page: textual-serve's own template, with nothing in it that leaves the host.

textual-serve's page links a web font from a third party and ends with "Session ended.".
The template is read through a loader that filters its source: links to other hosts go
(the same font is served from textual-serve's own static files instead), namespace names
that only look like addresses go, and the closed seat's words are the room's own. A phone
lays it out at its own width, and keys go to the seat without a click first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import jinja2

FOREIGN_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.IGNORECASE)
"""A ``<link>`` to another host (textual-serve's: a font from fonts.googleapis.com)."""
NAMESPACE = re.compile(r"\s+xmlns(?::\w+)?\s*=\s*\"[^\"]*\"", re.IGNORECASE)
"""``xmlns="http://www.w3.org/2000/svg"``: HTML needs none on an inline SVG."""
LOCAL_FONT = (
    "<style>@font-face { font-family: 'Roboto Mono'; font-display: block; "
    "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf') "
    "format('truetype'); }</style>"
)
"""The terminal's font, from textual-serve's own static files (it ships the font)."""
CLOSED_WORDS = {
    "Session ended.": "{{ seat_closed }}",
    ">Restart<": ">{{ join_again }}<",
}
"""textual-serve's words for a seat whose connection closed, and the room's in their place."""
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
"""A phone lays the page out at its own width (without it: 980 px, and tiny text)."""
FOCUS = (
    "<script>addEventListener('load', () => "
    "document.querySelector('.xterm-helper-textarea')?.focus());</script>"
)
"""Keys go to the seat at once, without a click on it first. textual-serve's script makes the
terminal (and its input, xterm's helper textarea) on ``load`` and offers no option to focus
it; this listener is added after that script's, so it runs once the textarea is there."""


def page_source(source: str) -> str:
    """textual-serve's page template, made to need nothing but the room itself."""
    source = FOREIGN_LINK.sub(lambda _: LOCAL_FONT, source, count=1)
    source = FOREIGN_LINK.sub("", source)
    source = NAMESPACE.sub("", source)
    for theirs, ours in CLOSED_WORDS.items():
        source = source.replace(theirs, ours)
    source = re.sub(r"<head>", lambda head: f"{head.group(0)}\n    {VIEWPORT}", source, count=1)
    return re.sub(r"</head>", lambda head: f"  {FOCUS}\n  {head.group(0)}", source, count=1)


class PageLoader(jinja2.FileSystemLoader):
    """textual-serve's templates, each filtered by :func:`page_source` as it is read."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        return page_source(source), filename, uptodate


def loader(path: Any) -> PageLoader:
    """The loader for textual-serve's templates folder."""
    return PageLoader(path)
