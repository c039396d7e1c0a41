"""Markdown and saved web pages read into plain text, with the line kinds their markup states.

A Markdown ``# heading`` or an HTML ``<h2>`` *says* the line is a heading, and an HTML ``<li>``
says it is a list item (body text), whatever the line looks like. The segmenter otherwise
guesses headings from a line's shape (short, no closing full stop), which misreads a heading
that ends in ``…`` or a list item such as "Rapid relief, often within hours". So the readers
here return the text *and* the line kinds: ``((offset, kind), …)`` with ``offset`` the character
offset of a line's first character in the returned text and ``kind`` ``"heading"`` or
``"body"``. :func:`analysis.load_corpus` keeps them in the ``line_kinds`` column and
:func:`analysis.segment` uses them instead of the line's shape.

The returned text is what every offset in the package refers to: Markdown heading marks are
not in it (``# Ketamine for PTSD`` is read as ``Ketamine for PTSD``).
"""
from __future__ import annotations

import re

__all__ = ["markdown_text", "html_text", "LINE_KINDS"]

#: the kinds a line's markup can state
LINE_KINDS = ("heading", "body")

# ATX heading (CommonMark §4.2): up to 3 spaces, 1–6 '#', then a space or the end of the line;
# an optional closing run of '#' after a space is not part of the heading text
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")

_BLOCK_TAGS = ["p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
               "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "blockquote", "pre", "figcaption",
               "br", "hr", "address", "details", "summary"]
_CHROME_TAGS = ["script", "style", "noscript", "template", "svg", "iframe", "form", "button", "nav", "aside"]
_KIND_OF_TAG = {**{f"h{i}": "heading" for i in range(1, 7)}, "li": "body"}
_SEPARATOR = "\ue000"                                             # between block elements (private-use character)
_MARK = {"heading": "\ue001", "body": "\ue002"}                     # the kind of the block that starts here
_KIND_OF_MARK = {mark: kind for kind, mark in _MARK.items()}
_END = "\ue003"                                                    # a block with a kind ends here
_NO_MARKS = {ord(m): None for m in [*_KIND_OF_MARK, _END]}


def markdown_text(text: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """Markdown with its ATX heading marks removed, and the offsets of the heading lines.

    Parameters
    ----------
    text : str
        Markdown (front matter already removed), lines separated by ``\\n``.

    Returns
    -------
    text : str
        The same lines; a heading line (``#`` to ``######``, then a space) keeps only its text,
        without indentation, ``#`` marks or a closing ``#`` run. Lines inside fenced code blocks
        (```` ``` ```` or ``~~~``) and all other lines are unchanged.
    line_kinds : tuple of (int, str)
        ``(offset, "heading")`` for each heading line with text, offset into the returned text.

    Examples
    --------
    >>> markdown_text("# Ketamine for PTSD: Risks…\\nIt may help.\\n## Cost ##")
    ('Ketamine for PTSD: Risks…\\nIt may help.\\nCost', ((0, 'heading'), (39, 'heading')))
    """
    out, kinds, offset, fence = [], [], 0, None
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence is not None:
            fence = None if opened and opened.group(1) == fence else fence
        elif opened:
            fence = opened.group(1)
        else:
            heading = _ATX.match(line)
            if heading:
                line = (heading.group(1) or "").strip()
                if line:
                    kinds.append((offset, "heading"))
        out.append(line)
        offset += len(line) + 1
    return "\n".join(out), tuple(kinds)


def html_text(html: str) -> tuple[dict, str, tuple[tuple[int, str], ...]]:
    """The readable text of a saved web page, one block element (paragraph, heading, list item) per line.

    Uses the page's ``<main>`` (else its longest ``<article>``, else ``<body>``) and drops
    scripts, styles, forms, ``<nav>`` and ``<aside>``, and the site-wide ``<header>`` and
    ``<footer>`` outside the article; inline elements (links, emphasis) stay inside their line.

    Parameters
    ----------
    html : str
        The page's HTML.

    Returns
    -------
    meta : dict
        ``{"title": ...}`` from ``<h1>`` or ``<title>`` (empty when neither has text).
    text : str
        The lines, whitespace inside each collapsed to single spaces.
    line_kinds : tuple of (int, str)
        ``(offset, "heading")`` for the first line of each ``<h1>``–``<h6>`` and ``(offset, "body")``
        for the first line of each ``<li>``; offsets into ``text``.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = soup.find("h1") or soup.find("title")
    meta = {"title": " ".join(title.get_text(" ").split())} if title and title.get_text().strip() else {}
    articles = soup.find_all("article")
    root = soup.find("main") or (max(articles, key=lambda a: len(a.get_text())) if articles else None)
    if root is None:
        root = soup.body or soup
        for tag in root.find_all(["header", "footer"]):
            tag.decompose()
    for tag in root.find_all(_CHROME_TAGS):
        tag.decompose()
    for tag in root.find_all(_BLOCK_TAGS):
        kind = _KIND_OF_TAG.get(tag.name)
        tag.insert_before(_SEPARATOR + (_MARK[kind] if kind else ""))
        tag.insert_after(_SEPARATOR + (_END if kind else ""))
    text = re.sub(r"\s+", " ", root.get_text(""))
    lines, kinds, offset, pending = [], [], 0, None
    for part in text.split(_SEPARATOR):
        if part.startswith(_END):  # an empty heading or list item passes its kind no further
            pending = None
        kind = next((_KIND_OF_MARK[c] for c in part if c in _KIND_OF_MARK), None)
        line = part.translate(_NO_MARKS).strip()
        if not line:  # a block whose text starts in a nested block (<li><p>…): its kind goes to that line
            pending = kind or pending
            continue
        kind, pending = kind or pending, None
        if kind:
            kinds.append((offset, kind))
        lines.append(line)
        offset += len(line) + 1
    return meta, "\n".join(lines), tuple(kinds)
