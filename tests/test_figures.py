import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.figures import plot_zone_shares, save_figure


def small_figure():
    summary = pd.DataFrame({"doc_id": ["a", "b"], "share_words_body": [0.75, 1.0], "share_words_heading": [0.25, 0.0]})
    return plot_zone_shares(summary).figure, summary


def test_save_figure_writes_four_formats_byte_identically(tmp_path):
    fig, data = small_figure()
    first = save_figure(fig, "zone_shares", data=data, out_dir=tmp_path / "1")
    second = save_figure(fig, "zone_shares", data=data, out_dir=tmp_path / "2")
    assert sorted(first) == ["csv", "pdf", "png", "svg"]
    for fmt in first:
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt
    assert first["png"].read_bytes()[:4] == b"\x89PNG"
    assert b"CreationDate" not in first["pdf"].read_bytes()
    assert pd.read_csv(first["csv"])["share_words_body"].tolist() == [0.75, 1.0]
    assert not list((tmp_path / "1").glob(".*"))  # no temporary files left behind
    plt.close(fig)


def test_a_crash_while_saving_leaves_no_partial_file(tmp_path, monkeypatch):
    fig, _ = small_figure()

    def broken(path, format, **kwargs):
        with open(path, "wb") as handle:
            handle.write(b"half a file")
        raise RuntimeError("disk full")

    monkeypatch.setattr(fig, "savefig", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        save_figure(fig, "x", out_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["", "a/b", "fig.png"])
def test_bad_figure_names(tmp_path, name):
    fig, _ = small_figure()
    with pytest.raises(ValueError, match="plain file stem"):
        save_figure(fig, name, out_dir=tmp_path)
