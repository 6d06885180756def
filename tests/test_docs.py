"""The README and the pages under docs/ link to one another: every relative link reaches a file and,
where it names one, a heading of that file, and every page is reachable from the README. An example
that shows what it prints prints that."""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").glob("*.md"))
DOCUMENTS = [ROOT / "README.md", *PAGES]


def parsed(path: Path) -> list:
    return MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))


def inline_text(token) -> str:
    return "".join(child.content for child in token.children if child.type in {"text", "code_inline"})


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file (lower case, punctuation dropped,
    spaces as hyphens, a repeated heading numbered from -1)."""
    tokens = parsed(path)
    seen: Counter[str] = Counter()
    found = set()
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type == "heading_open":
            slug = re.sub(r"[^\w\- ]", "", inline_text(inline).strip().lower()).replace(" ", "-")
            found.add(f"{slug}-{seen[slug]}" if seen[slug] else slug)
            seen[slug] += 1
    return found


def relative_links(path: Path) -> list[str]:
    links = []
    for token in parsed(path):
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if href and not urlsplit(href).scheme:
                links.append(href)
    return links


def broken(path: Path, href: str) -> str | None:
    """Why a relative link of `path` leads nowhere, or None."""
    target, _, anchor = href.partition("#")
    linked = (path.parent / unquote(target)).resolve() if target else path
    if not linked.exists():
        return f"{href}: no file {linked}"
    if anchor and linked.suffix == ".md" and unquote(anchor) not in anchors(linked):
        return f"{href}: {linked.name} has no heading with the anchor #{anchor}"
    return None


def test_there_are_reference_pages():
    assert {page.name for page in PAGES} >= {"contract.md", "text.md", "efficacy.md"}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_relative_link_reaches_a_file_and_its_heading(document):
    problems = [problem for href in relative_links(document) if (problem := broken(document, href))]
    assert problems == []


def test_every_page_is_linked_from_the_readme():
    linked = {(ROOT / unquote(href.partition("#")[0])).resolve() for href in relative_links(ROOT / "README.md")}
    assert [page.name for page in PAGES if page.resolve() not in linked] == []


def test_anchors_follow_githubs_rules(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# The Hub: push, tag, load\n\n## `Synonym(p=0.1)` in use\n\n## Notes\n\n## Notes\n")
    assert anchors(page) == {"the-hub-push-tag-load", "synonymp01-in-use", "notes", "notes-1"}


def fenced(path: Path, language: str) -> list[str]:
    """The code of the fenced blocks of ``language`` in a Markdown file, in order."""
    return [token.content for token in parsed(path) if token.type == "fence" and token.info.strip() == language]


def shown_output(code: str) -> str:
    """What a Python example shows that it prints: the comment lines right after each `print(...)`."""
    shown, after_print = [], False
    for line in code.splitlines():
        if after_print and line.startswith("# "):
            shown.append(line[2:])
        else:
            after_print = line.startswith("print(")
    return "".join(f"{line}\n" for line in shown)


def test_the_contracts_first_example_prints_what_it_shows():
    example = fenced(ROOT / "docs" / "contract.md", "python")[0]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(example, "contract.md", "exec"), {})
    assert shown_output(example) != ""
    assert printed.getvalue() == shown_output(example)
