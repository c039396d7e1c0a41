"""The counts behind every group measure, per article and per unit (an article, or an organization's pages pooled).

:func:`article_counts` turns an article's scores back into the *additive* counts they were computed from
(words, markers, claim sentences, certainty sums, concept mentions, passages per theme); :func:`pool_units`
sums them per unit; :func:`unit_measures` computes each measure from the sums. So an organization's rate is
its pages' markers over its pages' words, exactly the rate of one page made of all its pages, and a
large corpus scored in chunks gives the same units as one scored at once. :mod:`analysis.groups` compares
the groups of these units.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .codebook import load_codebook

__all__ = ["article_counts", "pool_units", "unit_ids", "measure_catalogue", "unit_measures", "UNITS"]

UNITS = ("article", "organization")
_MARKERS = ("hedges", "boosters", "can", "promotion")
_CLAIMS = ("hedged", "can", "boosted", "unqualified")


def article_counts(articles: pd.DataFrame, doc_stance: pd.DataFrame, coverage: pd.DataFrame | None = None,
                   shares: pd.DataFrame | None = None, *, group_by: str = "kind", recode: dict | None = None
                   ) -> pd.DataFrame:
    """One row per article: its group, organization and the additive counts every measure is computed from.

    Parameters
    ----------
    articles : DataFrame
        From :func:`analysis.load_corpus` (``doc_id``, ``organization`` and the ``group_by`` column).
    doc_stance : DataFrame
        From :func:`analysis.score_articles` (rates are turned back into counts: rate × words / 1,000).
    coverage : DataFrame, optional
        From :func:`analysis.concept_coverage` (``mentions``, ``n_words`` per article and concept).
    shares : DataFrame, optional
        From :func:`analysis.theme_shares` (``n_passages`` per article and theme).
    group_by : str
        The column whose values are the groups.
    recode : dict, optional
        Value → group name, to merge values into groups; values not in it keep their own name.

    Returns
    -------
    DataFrame
        ``doc_id, group, organization``, then counts: ``n_words_text, n_sentences_text``, markers in
        the text (``hedges, boosters, can, promotion``), ``n_claims``, ``claims_<hedged|can|boosted|
        unqualified>``, ``certainty_sum_claims`` / ``certainty_sum_text`` (certainty index × the
        sentences it averages), and with coverage ``n_words`` and ``mentions:<concept>``, with shares
        ``passages:<theme>``. ``group`` is NA where the article has no value; ``attrs["group_by"]``
        names the column.

    Raises
    ------
    ValueError
        ``group_by`` is not a column of ``articles`` (the message lists the columns).
    """
    if group_by not in articles.columns:
        shown = [c for c in articles.columns if c not in ("text", "line_kinds", "n_chars", "source")]
        raise ValueError(f"group_by={group_by!r} is not a column of the articles; use one of {', '.join(shown)} "
                         "(add a column to manifest.csv or the front matter to group by something else).")
    meta = articles.assign(doc_id=articles["doc_id"].astype(str)).set_index("doc_id")
    d = doc_stance.assign(doc_id=doc_stance["doc_id"].astype(str)).set_index("doc_id")
    group = meta[group_by].astype("string").str.strip().replace("", pd.NA)
    if recode:
        group = group.map(lambda v: recode.get(v, v) if not pd.isna(v) else v).astype("string")
    organization = meta["organization"] if "organization" in meta else pd.Series(pd.NA, index=meta.index)
    out = pd.DataFrame({"group": group.reindex(d.index), "organization": organization.astype("string")
                        .str.strip().replace("", pd.NA).reindex(d.index)}, index=d.index)
    words = d["n_words_text"].to_numpy(dtype=float)
    out["n_words_text"], out["n_sentences_text"] = d["n_words_text"], d["n_sentences_text"]
    for name in _MARKERS:  # counts were rates rounded to 6 decimals: whole numbers again
        out[name] = np.rint(np.nan_to_num(d[f"{name}_per_1k_words"].to_numpy(dtype=float)) * words / 1000)
    claims = d["n_claims"].to_numpy(dtype=float)
    out["n_claims"] = d["n_claims"]
    for name in _CLAIMS:
        out[f"claims_{name}"] = np.rint(np.nan_to_num(d[f"share_claims_{name}"].to_numpy(dtype=float)) * claims)
    index = np.nan_to_num(d["certainty_index"].to_numpy(dtype=float))
    out["certainty_sum_claims"] = np.where(claims > 0, index * claims, 0.0)
    out["certainty_sum_text"] = np.where(claims > 0, 0.0, index * d["n_sentences_text"].to_numpy(dtype=float))
    if coverage is not None:
        cov = coverage.assign(doc_id=coverage["doc_id"].astype(str))
        out["n_words"] = cov.groupby("doc_id")["n_words"].first().reindex(d.index)
        mentions = cov.pivot(index="doc_id", columns="concept", values="mentions")
        mentions = mentions[list(pd.unique(cov["concept"].to_numpy()))].reindex(d.index)  # codebook order
        out = out.join(mentions.add_prefix("mentions:"))
    if shares is not None:
        passages = shares.assign(doc_id=shares["doc_id"].astype(str)).pivot(
            index="doc_id", columns="theme", values="n_passages").reindex(d.index).fillna(0)
        out = out.join(passages.rename(columns=lambda t: f"passages:{t}"))
    out = out.reset_index()
    out.attrs["group_by"] = group_by  # the name compare_groups uses in its messages
    return out


def pool_units(counts: pd.DataFrame, unit: str = "article") -> pd.DataFrame:
    """The units compared: articles, or organizations whose pages' counts are summed (per group).

    An article without an organization stays a unit of its own. Returns the counts of
    :func:`article_counts` summed per unit, with ``unit`` (doc_id or organization), ``group`` and
    ``n_articles``; articles without a group are left out.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be 'article' or 'organization', got {unit!r}.")
    counts = counts[counts["group"].notna()]
    key = unit_ids(counts, unit).reset_index(drop=True).set_axis(counts.index)
    numeric = counts.drop(columns=["doc_id", "group", "organization"])
    pooled = numeric.groupby([counts["group"].rename("group"), key.rename("unit")], sort=True).sum(min_count=1)
    pooled.insert(0, "n_articles", counts.groupby([counts["group"], key.rename("unit")], sort=True).size())
    return pooled.reset_index()[["unit", "group", "n_articles"] + list(numeric.columns)]


def unit_ids(counts: pd.DataFrame, unit: str = "article") -> pd.Series:
    """doc_id → the unit it belongs to: itself (``unit="article"``), or its organization (its doc_id when it names none)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be 'article' or 'organization', got {unit!r}.")
    ids = counts["doc_id"].astype(str)
    key = ids if unit == "article" else counts["organization"].astype("object").where(counts["organization"].notna(), ids)
    return pd.Series(key.to_numpy(), index=ids.to_numpy(), name="unit")


def measure_catalogue(units: pd.DataFrame, codebook=None, theme_labels: dict | None = None) -> pd.DataFrame:
    """The measures computable from ``units`` (:func:`pool_units`): ``measure, label, kind, family, scale``.

    ``kind`` is ``rate``, ``index``, ``share``, ``count`` (compared by Cliff's delta) or ``presence``
    (risk difference); ``scale`` states the unit and direction.
    """
    rows = [(f"{m}_per_1k_words", f"{m} per 1,000 words", "rate", "stance", "per 1,000 words of text")
            for m in _MARKERS]
    rows.append(("certainty_index", "certainty index", "index", "stance", "1–6, higher = more certain"))
    rows += [(f"share_claims_{c}", f"claims {c}", "share", "claims", "share of claim sentences, 0–1") for c in _CLAIMS]
    concepts = [c.split(":", 1)[1] for c in units if c.startswith("mentions:")]
    quality = []
    if concepts:
        cb = load_codebook(codebook).concepts.set_index("concept")
        quality = [c for c in concepts if c in cb.index and bool(cb.at[c, "quality_item"])]
        label = {c: str(cb.at[c, "label"]) if c in cb.index else c for c in concepts}
        if quality:
            rows.append(("quality_items_omitted", "quality items omitted", "count", "quality",
                         f"items of {len(quality)} not mentioned"))
        rows += [(f"present:{c}", label[c], "presence", "concept presence", "share of units mentioning it, 0–1")
                 for c in concepts]
        rows += [(f"per_1k_words:{c}", f"“{label[c]}” mentions per 1,000 words", "rate", "concept rates",
                  "mentions per 1,000 words") for c in concepts]
    for t in [c.split(":", 1)[1] for c in units if c.startswith("passages:")]:
        name = (theme_labels or {}).get(int(t) if t.lstrip("-").isdigit() else t)
        rows.append((f"share_passages:{t}", f"theme {t}" + (f" ({name})" if name else ""), "share", "themes",
                     "share of the unit's passages, 0–1"))
    table = pd.DataFrame(rows, columns=["measure", "label", "kind", "family", "scale"])
    table["quality_item"] = [m.startswith("present:") and m.split(":", 1)[1] in quality for m in table["measure"]]
    return table


def unit_measures(units: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Units × measures: ``unit, group, n_articles`` and every measure of ``catalogue`` (:func:`measure_catalogue`)
    computed from the counts of :func:`pool_units` (rates from summed counts and words)."""
    def ratio(a, b):
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        return np.divide(a, b, out=np.full(len(a), np.nan), where=b > 0)

    words = units["n_words_text"]
    out = {f"{m}_per_1k_words": ratio(1000 * units[m], words) for m in _MARKERS}
    claims = units["n_claims"].to_numpy(dtype=float)
    out["certainty_index"] = np.where(claims > 0, ratio(units["certainty_sum_claims"], claims),
                                      ratio(units["certainty_sum_text"], units["n_sentences_text"]))
    out.update({f"share_claims_{c}": ratio(units[f"claims_{c}"], claims) for c in _CLAIMS})
    quality = catalogue.loc[catalogue["quality_item"], "measure"].str.split(":", n=1).str[1]
    for m in catalogue["measure"]:
        kind, _, name = m.partition(":")
        if kind == "present":
            out[m] = (units[f"mentions:{name}"].to_numpy(dtype=float) > 0).astype(float)
        elif kind == "per_1k_words":
            out[m] = ratio(1000 * units[f"mentions:{name}"], units["n_words"])
        elif kind == "share_passages":
            total = units[[c for c in units if c.startswith("passages:")]].sum(axis=1)
            out[m] = ratio(units[f"passages:{name}"], total)
    if len(quality):
        out["quality_items_omitted"] = (units[[f"mentions:{c}" for c in quality]].to_numpy(dtype=float) == 0).sum(axis=1)
    values = pd.DataFrame(out, index=units.index)[list(catalogue["measure"])]
    return pd.concat([units[["unit", "group", "n_articles"]], values], axis=1)
