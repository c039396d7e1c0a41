"""Load and validate the articles: the only module that reads ``corpus/`` (and it never writes there).

A corpus is a folder of ``.txt``, ``.md`` or ``.html`` files, one article each (HTML and Markdown reduced to text by
:mod:`analysis.markup`), with metadata from ``manifest.csv``, else YAML front matter, else the file name and first
line. Text must be UTF-8 (a byte-order mark is honoured): details in docs/pipeline.md.
"""
from __future__ import annotations

import csv
import codecs
import itertools
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from .markup import html_text, markdown_text
from .paths import CORPUS_DIR

__all__ = ["load_corpus", "plan_corpus", "read_articles", "CorpusPlan", "read_article", "CorpusError",
           "TEXT_SUFFIXES", "ARTICLE_COLUMNS", "safe_id"]

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
LARGE_ARTICLE_BYTES = 10_000_000
METADATA_FIELDS = ("title", "organization", "location", "kind", "url", "retrieved")
ARTICLE_COLUMNS = ["doc_id", "title", "organization", "location", "kind", "source", "n_chars", "line_kinds", "text"]
_HEADING_MARKS = re.compile(r"^#{1,6}\s+")
_NOT_ARTICLES = re.compile(r"^(readme|license|licence|manifest|datacard|data_card)\b", re.I)
_DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ENGLISH_FUNCTION_WORDS = frozenset("the of and to a in is that for it as with be on are this by or from at an not "
                                    "have has can was which but their they you your its more may will".split())
_FUNCTION_WORD_BYTES = frozenset(w.encode() for w in _ENGLISH_FUNCTION_WORDS)
_LETTER = re.compile(r"[^\W\d_]+")
_ASCII = bytes(range(128))
_ASCII_NON_LETTERS_TO_SPACE = bytes(c if chr(c).isalpha() else 32 for c in range(256))[:128] + b" " * 128


class CorpusError(ValueError):
    """A corpus folder, article file or manifest cannot be used; the message names it."""


def load_corpus(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load every article of a corpus folder (default: the project's ``corpus/``, whatever the working directory).

    Returns one row per article, sorted by ``doc_id``: ``doc_id, title, organization, location, kind, source,
    n_chars, line_kinds, text`` plus any extra manifest columns. ``source`` is the file name; ``line_kinds`` holds
    ``(offset, kind)`` of the lines whose markup makes them headings or list items; ``text`` is the decoded text, to
    which every character offset refers. :class:`CorpusError` names the file of a missing or empty folder, an empty
    or undecodable file, a duplicate ``doc_id``, a malformed manifest or front matter.
    """
    return read_articles(plan_corpus(path))


def read_article(path: str | os.PathLike) -> tuple[dict, str]:
    """Read one article file: ``(metadata, text)``, the metadata from front matter (and ``line_kinds`` of .md/.html).
    :class:`CorpusError` if the file is missing, empty, binary, not UTF-8 (or UTF-16 with a byte-order mark), or has
    malformed front matter."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: file not found (listed in manifest.csv?). "
                          "Fix the 'file' entry or add the file.") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror}).") from exc
    if len(raw) > LARGE_ARTICLE_BYTES:
        warnings.warn(f"{path}: {len(raw) / 1e6:.0f} MB is unusually large for one web article; check that the "
                      "file holds a single article (it is analysed as one).", stacklevel=3)
    text = _decode(raw, path)
    if "\x00" in text:
        raise CorpusError(f"{path}: contains NUL bytes; {_nul_hint(raw) or 'not plain text'}.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict = {}
    if path.suffix.lower() in (".html", ".htm"):
        meta, text, kinds = html_text(text)
        meta["line_kinds"] = kinds
    elif text.startswith("---\n"):
        meta, text = _split_front_matter(text, path)
    if path.suffix.lower() == ".md":
        text, meta["line_kinds"] = markdown_text(text)
    if not text.strip():
        has_front_matter = bool(set(meta) - {"line_kinds"})
        what = "empty" if not raw else "front matter but no text" if has_front_matter else "only whitespace"
        raise CorpusError(f"{path}: file is {what}. Remove it or add the article text.")
    _warn_if_not_english(text, path)
    return meta, text


def _decode(raw: bytes, path: Path) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise CorpusError(f"{path}: starts with a {encoding} byte-order mark but is not valid {encoding} "
                                  f"({exc.reason} at byte {exc.start}).") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = _nul_hint(raw) or "re-save it as UTF-8 (for text from Windows: iconv -f cp1252 -t utf-8 IN > OUT)"
        raise CorpusError(f"{path}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                          f"{hint}.") from exc


def _nul_hint(raw: bytes) -> str | None:
    """Why a file has NUL bytes: UTF-16 without a byte-order mark, or binary content."""
    head = raw[:4096]
    if len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) > 0.4 * (len(head) // 2):
        return "it looks like UTF-16 without a byte-order mark; re-save it as UTF-8"
    if b"\x00" in head:
        return "this looks like a binary file, not an article; remove it from the corpus"
    return None


def _split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    end = text.find("\n---\n", 3)
    if end < 0:
        raise CorpusError(f"{path}: front matter starts with '---' but has no closing '---' line.")
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: front matter is not valid YAML ({exc}).") from exc
    if not isinstance(meta, dict):
        raise CorpusError(f"{path}: front matter must be 'key: value' lines, got {type(meta).__name__}.")
    unknown = sorted(set(meta) - set(METADATA_FIELDS) - {"doc_id"})
    if unknown:
        raise CorpusError(f"{path}: unknown front-matter key(s) {unknown}; "
                          f"allowed: doc_id, {', '.join(METADATA_FIELDS)}.")
    return {k: str(v) for k, v in meta.items() if v is not None}, text[end + 5:]


def _read_manifest(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # -sig: a byte-order mark is dropped
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = {"doc_id", "file"} - set(header)
            if missing:
                raise CorpusError(f"{path}: header lacks column(s) {sorted(missing)}; "
                                  "the first line must name at least doc_id,file.")
            entries, ids, files = [], {}, {}
            for line, row in enumerate(reader, start=2):
                where = f"{path}, line {line}"
                if None in row or any(v is None for v in row.values()):
                    raise CorpusError(f"{where}: wrong number of fields (expected {len(header)}: {','.join(header)}).")
                row = {k: v.strip() for k, v in row.items()}
                doc_id, file = row["doc_id"], row["file"]
                if not doc_id or not file:
                    raise CorpusError(f"{where}: doc_id and file must not be empty.")
                if doc_id in ids:
                    raise CorpusError(f"{where}: duplicate doc_id {doc_id!r} (first on line {ids[doc_id]}).")
                if file in files:
                    raise CorpusError(f"{where}: file {file!r} listed twice (first on line {files[file]}).")
                if Path(file).name != file:
                    raise CorpusError(f"{where}: file {file!r} must be a plain file name inside the corpus folder.")
                ids[doc_id], files[file] = line, line
                entries.append(row)
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not valid UTF-8 (offset {exc.start}); re-save the manifest as UTF-8.") from exc
    except csv.Error as exc:
        raise CorpusError(f"{path}: malformed CSV ({exc}).") from exc
    return entries


def _first_line_title(text: str, fallback: str) -> str:
    """The first non-empty line, without a Markdown heading's ``#`` marks, as the title; ``fallback`` when there is
    none or it is longer than 20 words."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    line = _HEADING_MARKS.sub("", line)
    return line if line and len(line.split()) <= 20 else fallback


def _letter_runs(text: str) -> list[str] | list[bytes]:
    """``re.findall(r"[^\\W\\d_]+", text)``, as ASCII bytes when every letter is ASCII (3x faster)."""
    non_ascii = "" if text.isascii() else text.encode().translate(None, _ASCII).decode()
    if any(_LETTER.match(c) for c in set(non_ascii)):
        return _LETTER.findall(text)
    return text.encode("ascii", "replace").translate(_ASCII_NON_LETTERS_TO_SPACE).split()


def _warn_if_not_english(text: str, path: Path) -> None:
    words = _letter_runs(text[:20000].lower())
    if len(words) >= 50:
        function_words = _FUNCTION_WORD_BYTES if isinstance(words[0], bytes) else _ENGLISH_FUNCTION_WORDS
        share = sum(map(function_words.__contains__, words)) / len(words)
        if share < 0.08:
            warnings.warn(f"{path}: does not look like English ({share:.0%} English function words); the lexicons "
                          "and codebook are English-only, so its scores will be near zero.", stacklevel=3)


@dataclass(frozen=True)
class CorpusPlan:
    """The articles of a corpus folder, listed and checked but not read: in ``entries`` one dict per article,
    sorted by ``doc_id``: ``file`` (a name in ``folder``), the final ``doc_id`` and any other manifest columns."""

    folder: Path
    entries: list[dict]

    def __len__(self) -> int:
        return len(self.entries)

    def chunks(self, size: int) -> list["CorpusPlan"]:
        """Consecutive plans of at most ``size`` articles each, in ``doc_id`` order."""
        return [CorpusPlan(self.folder, self.entries[i:i + size]) for i in range(0, len(self.entries), size)]


def _nested_articles(folder: Path) -> list[str]:
    """The article files (.txt, .md, .html) one level down in the subfolders of ``folder``, relative to it, sorted."""
    found = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        found += [str(f.relative_to(folder)) for f in sorted(sub.iterdir())
                  if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and not _NOT_ARTICLES.match(f.name)]
    return found


def plan_corpus(path: str | os.PathLike | None = None) -> CorpusPlan:
    """List the articles of a corpus folder (default: the project's ``corpus/``) and check their ids, reading only
    the files that may carry a ``doc_id`` in front matter. :class:`CorpusError` for a missing or empty folder, a
    malformed manifest or front matter, a duplicate or unusable ``doc_id``."""
    folder = Path(CORPUS_DIR if path is None else path)
    if not folder.exists():
        raise CorpusError(f"{folder}: corpus folder not found. Pass the folder that holds the article files.")
    if not folder.is_dir():
        raise CorpusError(f"{folder}: is a file, not a folder. Pass the folder that holds the article files.")
    manifest_path = folder / "manifest.csv"
    if manifest_path.exists():
        entries = _read_manifest(manifest_path)
    else:
        candidates = [p for p in folder.iterdir()
                      if p.is_file() and not p.name.startswith((".", "_")) and not _NOT_ARTICLES.match(p.name)]
        files = sorted(p for p in candidates if p.suffix.lower() in TEXT_SUFFIXES)
        skipped = sorted(p.name for p in candidates if p.suffix.lower() not in TEXT_SUFFIXES)
        if skipped:
            warnings.warn(f"{folder}: ignored {len(skipped)} file(s) that are not .txt/.md/.html: "
                          f"{', '.join(skipped[:5])}{' ...' if len(skipped) > 5 else ''}. Convert them to plain text "
                          "to include them.", stacklevel=3)
        entries = [{"file": p.name} for p in files]
    nested = [] if manifest_path.exists() else _nested_articles(folder)
    if nested and entries:
        warnings.warn(f"{folder}: ignored {len(nested)} article file(s) in subfolders ({', '.join(nested[:3])}"
                      f"{' ...' if len(nested) > 3 else ''}): only the files directly in the corpus folder are read. "
                      "Move them up to include them.", stacklevel=3)
    if not entries:
        inside = (f" The {len(nested)} article file(s) in its subfolders ({', '.join(nested[:3])}"
                  f"{' ...' if len(nested) > 3 else ''}) are not read: move them up into the folder." if nested else "")
        raise CorpusError(f"{folder}: no articles found. Add one .txt, .md or .html file per article "
                          f"(README.md and manifest.csv are not articles).{inside}")
    seen: dict[str, str] = {}
    plan, unnamed = [], []
    for entry in entries:
        file = folder / entry["file"]
        doc_id = entry.get("doc_id")
        if "doc_id" not in entry and file.suffix.lower() in (".md", ".txt") and _may_have_front_matter(file):
            meta, _ = read_article(file)
            doc_id = meta.get("doc_id")
        if doc_id is None and not _DOC_ID.match(file.stem):
            unnamed.append(entry)  # an id is derived from the file name once the given ids are known
            continue
        doc_id = str(doc_id or file.stem)
        if not _DOC_ID.match(doc_id):
            raise CorpusError(f"{file}: doc_id {doc_id!r} is not a usable id; use letters, digits, '_', '-' or '.'.")
        if doc_id in seen:
            raise CorpusError(f"{file}: duplicate doc_id {doc_id!r} (also used by {seen[doc_id]}). "
                              "Rename one file or give it another doc_id in manifest.csv.")
        seen[doc_id] = file.name
        plan.append({**entry, "doc_id": doc_id})
    for entry in unnamed:  # in file-name order, so the same folder always gives the same ids
        base = safe_id(Path(entry["file"]).stem)
        doc_id = next(c for c in (base if n == 1 else f"{base}-{n}" for n in itertools.count(1)) if c not in seen)
        seen[doc_id] = entry["file"]
        plan.append({**entry, "doc_id": doc_id})
    plan.sort(key=lambda e: e["doc_id"])
    return CorpusPlan(folder, plan)


def safe_id(name: str) -> str:
    """A usable ``doc_id`` from a file name (``"Über uns – Ketamin"``: ``Uber_uns_Ketamin``; nothing usable:
    ``article``)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    cleaned = re.sub(r"^[^A-Za-z0-9]+", "", re.sub(r"[^A-Za-z0-9_.-]+", "_", plain)).rstrip("_")
    return cleaned or "article"


def _may_have_front_matter(file: Path) -> bool:
    try:
        with file.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False  # read_article reports it when the chunk is read
    return b"---" in head or b"-\x00-\x00-\x00" in head or b"\x00-\x00-\x00-" in head


def read_articles(plan: CorpusPlan) -> pd.DataFrame:
    """Read the articles of a plan (or of one of its :meth:`CorpusPlan.chunks`) into a table as
    :func:`load_corpus` does; :class:`CorpusError` names the file of an article that cannot be used."""
    rows = []
    for entry in plan.entries:
        file = plan.folder / entry["file"]
        meta, text = read_article(file)
        row = {"doc_id": file.stem, "title": _first_line_title(text, file.stem)}
        row.update({k: v for k, v in meta.items() if v not in (None, "")})
        row.update({k: v for k, v in entry.items() if v not in (None, "") and k != "file"})
        row.update(doc_id=str(row["doc_id"]), source=file.name, line_kinds=tuple(meta.get("line_kinds", ())),
                   text=text, n_chars=len(text))
        rows.append(row)
    table = pd.DataFrame(rows)
    extra = [c for c in table.columns if c not in ARTICLE_COLUMNS]
    table = table.reindex(columns=ARTICLE_COLUMNS[:-1] + extra + ["text"], fill_value=pd.NA)
    return table.sort_values("doc_id", kind="stable").reset_index(drop=True)
