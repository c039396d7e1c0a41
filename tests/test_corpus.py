import codecs
import hashlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis as an
from analysis.corpus import CorpusError, _letter_runs, safe_id
from analysis.paths import CORPUS_DIR

from conftest import write_corpus

ARTICLE = "Ketamine for PTSD\nKetamine may reduce symptoms. It is given in a clinic under supervision.\n"


def test_seed_corpus_ids_metadata_and_text(seed_articles):
    assert list(seed_articles["doc_id"]) == ["000", "001", "002", "003", "004"]
    row = seed_articles.set_index("doc_id").loc["001"]
    assert row["organization"] == "Therapeutic Infusions"
    assert row["title"].startswith("How Ketamine Helps the Brain Heal")
    # text is the file's bytes, decoded, unchanged
    raw = (CORPUS_DIR / row["source"]).read_bytes().decode("utf-8")
    assert row["text"] == raw and row["n_chars"] == len(raw)


def test_seed_files_are_the_users_data_unchanged():
    expected = {"000_9543809d5156c95b.txt": "f99f0f51346b6293756d1aef30b1f21d69c52c4293be735a68b6de38cb132047",
                "004_c732cb01581a8f0c.txt": "670741f6faf6e36d80ce5238e247c9bec1c9cad014d0d9c4051ac94bebfd693e"}
    for name, digest in expected.items():
        assert hashlib.sha256((CORPUS_DIR / name).read_bytes()).hexdigest() == digest


def test_plain_folder_without_metadata(tmp_path):
    folder = write_corpus(tmp_path / "c", {"b_clinic.txt": ARTICLE, "a.md": "Second\nText here.", "README.md": "# card",
                                           "notes.csv": "x,y"})
    with pytest.warns(UserWarning, match=r"ignored 1 file\(s\) that are not .txt/.md/.html: notes.csv"):
        table = an.load_corpus(folder)
    assert list(table["doc_id"]) == ["a", "b_clinic"]
    assert list(table["title"]) == ["Second", "Ketamine for PTSD"]
    assert table["organization"].isna().all()


def test_front_matter(tmp_path):
    folder = write_corpus(tmp_path / "c", {"x.md": "---\ntitle: T\norganization: Clinic A\n---\nBody text here."})
    row = an.load_corpus(folder).iloc[0]
    assert (row["title"], row["organization"], row["text"]) == ("T", "Clinic A", "Body text here.")


def test_encodings_with_byte_order_marks_decode(tmp_path):
    folder = write_corpus(tmp_path / "c", {"u16.txt": codecs.BOM_UTF16_LE + "Ketamine ’may’ help.".encode("utf-16-le"),
                                           "u8.txt": codecs.BOM_UTF8 + "Café ketamine.".encode()})
    text = an.load_corpus(folder).set_index("doc_id")["text"]
    assert text["u16"] == "Ketamine ’may’ help." and text["u8"] == "Café ketamine."


def test_crlf_is_normalised(tmp_path):
    folder = write_corpus(tmp_path / "c", {"w.txt": b"Title\r\nBody one.\r\n"})
    assert an.load_corpus(folder)["text"][0] == "Title\nBody one.\n"


def test_html_page_keeps_visible_text_only(tmp_path):
    html = "<html><head><title>x</title><script>var a=1;</script></head><body><h1>Ketamine</h1><p>It may help.</p></body></html>"
    text = an.load_corpus(write_corpus(tmp_path / "c", {"page.html": html}))["text"][0]
    assert text == "Ketamine\nIt may help."


def test_html_list_items_and_headings_are_recorded_as_line_kinds(tmp_path):
    html = ("<html><body><main><h1>Ketamine care</h1><p>We offer infusions.</p><ul><li>Rapid relief, often within "
            "hours</li><li><p>Safe and supervised</p></li><li></li></ul><h2></h2><p>After.</p></main></body></html>")
    row = an.load_corpus(write_corpus(tmp_path / "c", {"page.html": html})).iloc[0]
    assert row["text"] == "Ketamine care\nWe offer infusions.\nRapid relief, often within hours\nSafe and supervised\nAfter."
    lines = {row["text"][o:].split("\n")[0]: kind for o, kind in row["line_kinds"]}
    assert lines == {"Ketamine care": "heading", "Rapid relief, often within hours": "body", "Safe and supervised": "body"}


def test_markdown_heading_marks_are_not_in_the_text(tmp_path):
    md = "---\ntitle: Risks\n---\n# Ketamine for PTSD: Risks…\n\nIt may help.\n  ## Cost ##\n```\n# code\n```\n#tag\n"
    row = an.load_corpus(write_corpus(tmp_path / "c", {"r.md": md, "t.txt": "# Not markdown\nText here."})).iloc[0]
    assert row["text"] == "Ketamine for PTSD: Risks…\n\nIt may help.\nCost\n```\n# code\n```\n#tag\n"
    assert [(row["text"][o:].split("\n")[0], k) for o, k in row["line_kinds"]] == [
        ("Ketamine for PTSD: Risks…", "heading"), ("Cost", "heading")]
    plain = an.load_corpus(tmp_path / "c").set_index("doc_id").loc["t"]
    assert plain["text"].startswith("# Not markdown") and plain["line_kinds"] == ()  # .txt is read as it is
    without_title = an.load_corpus(write_corpus(tmp_path / "d", {"x.md": "# Heading\nBody text."}))
    assert without_title["title"][0] == "Heading"
    plain = an.load_corpus(write_corpus(tmp_path / "e", {"x.txt": "## Forward Line Clinic\nBody text.",
                                                          "y.txt": "#1 in Phoenix\nBody text."}))
    assert plain["title"].tolist() == ["Forward Line Clinic", "#1 in Phoenix"]  # heading marks are no title


def test_manifest_with_a_byte_order_mark_is_read(tmp_path):
    manifest = codecs.BOM_UTF8 + "doc_id,file,organization\nA1,a.txt,Clinic Ä\n".encode()
    table = an.load_corpus(write_corpus(tmp_path / "c", {"manifest.csv": manifest, "a.txt": ARTICLE}))
    assert list(table["doc_id"]) == ["A1"] and table["organization"][0] == "Clinic Ä"


def test_any_file_name_gives_a_unique_deterministic_safe_id(tmp_path):
    files = {"Über uns – Ketamin.txt": ARTICLE, "Uber uns Ketamin.txt": ARTICLE, "Uber_uns_Ketamin-2.txt": ARTICLE,
             "氯胺酮.txt": ARTICLE, "-x-.md": ARTICLE, "plain.txt": ARTICLE}
    table = an.load_corpus(write_corpus(tmp_path / "c", files))
    ids = dict(zip(table["source"], table["doc_id"]))
    assert ids == {"Uber uns Ketamin.txt": "Uber_uns_Ketamin", "Über uns – Ketamin.txt": "Uber_uns_Ketamin-3",
                   "Uber_uns_Ketamin-2.txt": "Uber_uns_Ketamin-2", "氯胺酮.txt": "article", "-x-.md": "x-",
                   "plain.txt": "plain"}
    assert table["doc_id"].is_unique
    again = an.load_corpus(write_corpus(tmp_path / "d", dict(reversed(list(files.items())))))
    assert dict(zip(again["source"], again["doc_id"])) == ids  # the same names give the same ids
    assert safe_id("Über uns – Ketamin") == "Uber_uns_Ketamin"


@pytest.mark.parametrize("files, message", [
    ({}, "no articles found"),
    ({"a.txt": ""}, "a.txt: file is empty"),
    ({"a.txt": "  \n\t \n"}, "a.txt: file is only whitespace"),
    ({"a.txt": "Caf\xe9 in cp1252".encode("cp1252")}, "a.txt: not valid UTF-8 (byte 0xe9 at offset 3)"),
    ({"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"}, "a.txt: not valid UTF-8"),
    ({"a.txt": "x\x00y".encode()}, "looks like a binary file"),
    ({"a.txt": ARTICLE, "a.md": ARTICLE}, "duplicate doc_id 'a'"),
    ({"a.md": "---\ntitle: [unclosed\n---\nText"}, "front matter is not valid YAML"),
    ({"a.md": "---\ncolour: red\n---\nText"}, "unknown front-matter key(s) ['colour']"),
    ({"a.md": "---\ntitle: x\nText with no end"}, "no closing '---'"),
    ({"manifest.csv": "id,file\n1,a.txt\n", "a.txt": ARTICLE}, "header lacks column(s) ['doc_id']"),
    ({"manifest.csv": "doc_id,file\n1,a.txt\n1,b.txt\n", "a.txt": ARTICLE, "b.txt": ARTICLE}, "line 3: duplicate doc_id '1'"),
    ({"manifest.csv": "doc_id,file,title\n1,a.txt\n", "a.txt": ARTICLE}, "line 2: wrong number of fields"),
    ({"manifest.csv": "doc_id,file\n1,missing.txt\n"}, "missing.txt: file not found"),
    ({"manifest.csv": "doc_id,file\nbad id!,a.txt\n", "a.txt": ARTICLE}, "'bad id!' is not a usable id"),
])
def test_bad_input_names_the_file_and_problem(tmp_path, files, message):
    folder = write_corpus(tmp_path / "corpus", files)
    with pytest.raises(CorpusError) as info:
        an.load_corpus(folder)
    assert message in str(info.value)
    assert str(folder) in str(info.value)


def test_missing_folder_and_file_instead_of_folder(tmp_path):
    with pytest.raises(CorpusError, match="corpus folder not found"):
        an.load_corpus(tmp_path / "nope")
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(CorpusError, match="is a file, not a folder"):
        an.load_corpus(tmp_path / "f.txt")


def test_non_english_text_warns(tmp_path):
    spanish = "La ketamina es un anestésico que se utiliza en dosis bajas para tratar la depresión " * 8
    with pytest.warns(UserWarning, match="does not look like English"):
        an.load_corpus(write_corpus(tmp_path / "c", {"es.txt": spanish}))


def test_loading_never_writes_into_the_corpus(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": ARTICLE, "manifest.csv": "doc_id,file\nA,a.txt\n"})
    before = sorted((p.name, p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir())
    an.segment(an.load_corpus(folder))
    assert sorted((p.name, p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()) == before


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z_9-’é\t\n?²½Ⅻ.İß'\u00a0\x85\u2028😀")), max_size=60))
def test_letter_runs_are_the_regex_words(text):
    """The English check's fast word split (ASCII bytes when no letter is non-ASCII) equals the regex."""
    runs = [w.decode() if isinstance(w, bytes) else w for w in _letter_runs(text)]
    assert runs == re.findall(r"[^\W\d_]+", text)
