"""The small HTML-like markup letter templates produce, parsed into a tree the renderer lays out.

Only the tags in `BLOCK_TAGS` and `INLINE_TAGS` are allowed (templates/letters/README.md tells
staff what each does); anything else is an error naming the template, so a typo never prints as
literal text on a member's letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from casework.errors import UserError

# Tags that hold other blocks.
CONTAINER_TAGS = frozenset(
    {"letterhead", "enclosure", "section", "ul", "ol", "dl", "table", "tr", "running"}
)
# Tags that hold a line or paragraph of text.
TEXT_TAGS = frozenset(
    {"h1", "h2", "h3", "p", "li", "dt", "dd", "th", "td", "tagline", "pageheader", "pagefooter"}
)
VOID_TAGS = frozenset({"pagebreak", "br", "space"})
BLOCK_TAGS = CONTAINER_TAGS | TEXT_TAGS | {"pagebreak", "space"}
INLINE_TAGS = frozenset({"b", "i", "u", "br"})

_SPACES = re.compile(r"\s+")


class LetterMarkupError(UserError):
    """A template produced markup the renderer does not understand."""


@dataclass
class Node:
    """One block: a container with children, or a text block with reportlab paragraph markup."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def walk(self) -> list[Node]:
        """This node and every node below it, depth first."""
        nodes = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return nodes

    def plain_text(self) -> str:
        """The text without inline tags, for checks and for shaping right-to-left scripts."""
        return re.sub(r"<[^>]+>", "", self.text)


class _Parser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.root = Node("letter")
        self.stack: list[Node] = [self.root]
        self.inline: list[str] = []
        self.open_inline: list[str] = []

    def fail(self, reason: str) -> LetterMarkupError:
        line, _ = self.getpos()
        return LetterMarkupError(
            f"{self.source}: the letter markup cannot be used (output line {line}): {reason}"
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        current = self.stack[-1]
        if current.tag in TEXT_TAGS:
            if tag not in INLINE_TAGS:
                raise self.fail(f"<{tag}> cannot be inside <{current.tag}>")
            if tag == "br":
                self.inline.append("<br/>")
            else:
                self.inline.append(f"<{tag}>")
                self.open_inline.append(tag)
            return
        if tag not in BLOCK_TAGS:
            allowed = ", ".join(f"<{name}>" for name in sorted(BLOCK_TAGS))
            raise self.fail(f"<{tag}> is not a letter tag here; the tags are {allowed}")
        node = Node(tag, {key: value or "" for key, value in attrs})
        current.children.append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in INLINE_TAGS and tag != "br":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        current = self.stack[-1]
        if tag in VOID_TAGS:
            return
        if current.tag in TEXT_TAGS and tag in INLINE_TAGS:
            if not self.open_inline or self.open_inline[-1] != tag:
                raise self.fail(f"</{tag}> closes a tag that is not open")
            self.open_inline.pop()
            self.inline.append(f"</{tag}>")
            return
        if tag != current.tag:
            raise self.fail(f"</{tag}> found where </{current.tag}> was expected")
        if current.tag in TEXT_TAGS:
            if self.open_inline:
                raise self.fail(f"<{self.open_inline[-1]}> is not closed inside <{tag}>")
            current.text = _tidy("".join(self.inline))
            self.inline = []
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag in TEXT_TAGS:
            self.inline.append(escape(data, quote=False))
        elif data.strip():
            raise self.fail(
                f"text {data.strip()[:40]!r} must be inside <p>, <li> or another text tag"
            )


def _tidy(markup: str) -> str:
    # Template indentation is not meant to show: collapse spaces as a browser would.
    text = _SPACES.sub(" ", markup).strip()
    return text.replace(" <br/> ", "<br/>").replace("<br/> ", "<br/>").replace(" <br/>", "<br/>")


def parse_markup(markup: str, source: str) -> Node:
    """Parse what a template rendered into a tree; `source` names the template for errors."""
    parser = _Parser(source)
    parser.feed(markup)
    parser.close()
    if len(parser.stack) > 1:
        raise parser.fail(f"<{parser.stack[-1].tag}> is never closed")
    return parser.root
