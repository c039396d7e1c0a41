"""Findings written from a run's tables: plain sentences, each with the numbers it rests on.

The notebooks and the report state their findings through these functions, so what they
say is true of the corpus they ran on. Each function takes one notebook's tables and
returns a :class:`Findings` (a list of sentences that Jupyter shows as a bullet list).
Articles are named by :func:`analysis.article_labels` with a short ``doc_id`` beside the
label, so every sentence can be traced to the tables. When a result cannot be computed
(one article, no claim sentences, no stable themes, no validation data) the sentence says
so instead of stating a number; with five or fewer articles a sentence says what so few
articles cannot show. Wording that interprets the bundled seed articles (read by hand, or
compared with Crane et al.'s 7 of 17) appears only when :func:`is_seed_corpus` is true.
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from .wording import (SEED_CORPUS_SHA256, Findings, article_names, by_doc, few_articles, is_seed_corpus, join,
                      k_of_n, number, percent, spread, value_range)

__all__ = ["Findings", "is_seed_corpus", "corpus_findings", "theme_findings", "stance_findings",
           "concept_findings", "validation_findings", "SEED_CORPUS_SHA256"]

CRANE_OMIT_RISKS = (7, 17)  # Crane et al., JAMA Netw Open 2023: Maryland ketamine advertisers not mentioning risks


# ---------------------------------------------------------------- 01 corpus
def corpus_findings(summary: pd.DataFrame, articles: pd.DataFrame) -> Findings:
    """Findings on size, readability and page furniture, from :func:`analysis.describe_corpus`.

    Parameters
    ----------
    summary : DataFrame
        One row per article: ``doc_id, n_words, n_sentences, fk_grade_body, share_words_<zone>``.
    articles : DataFrame
        From :func:`analysis.load_corpus` (for labels).

    Returns
    -------
    Findings
        Length range (words), Flesch–Kincaid grade range of the body text against the grade
        6–8 recommended for patient materials, share of words outside the body, which
        articles carry a disclaimer and a call to action, and the small-sample sentence.
    """
    names, s = article_names(articles), by_doc(summary)
    n, out = len(s), Findings()
    if n == 1:
        doc = s.index[0]
        out.append(f"The corpus is one article, {names[doc]}, of {int(s['n_words'].iloc[0]):,} words.")
    else:
        out.append(f"The {n} articles run from {value_range(s['n_words'], names, 0)} words "
                   f"(median {number(s['n_words'].median(), 0)}).")
    grade = s["fk_grade_body"].dropna()
    if grade.empty:
        out.append("No article has body sentences, so no reading grade can be computed.")
    else:
        above = int((grade > 8).sum())
        span = f"is {number(grade.iloc[0])}" if len(grade) == 1 else spread(grade, names)
        out.append(f"The Flesch–Kincaid grade of the body text {span}; {k_of_n(above, len(grade))} "
                   "read above grade 8, the top of the grade 6–8 usually recommended for patient materials.")
        if len(grade) < n:
            out.append(f"No reading grade for {join(names[d] for d in s.index.difference(grade.index))}: "
                       "no body sentences.")
    outside = 1 - s.get("share_words_body", pd.Series(1.0, index=s.index))
    if n == 1:
        out.append(f"{percent(outside.iloc[0])} of its words are outside the body text (headings, calls to action, "
                   "disclaimers, navigation).")
    else:
        out.append("The share of words outside the body text (headings, calls to action, disclaimers, navigation) "
                   f"{spread(100 * outside, names, 0, ' %')}.")
    for zone, what in (("disclaimer", "a disclaimer"), ("call_to_action", "a call to action")):
        share = s.get(f"share_words_{zone}", pd.Series(0.0, index=s.index))
        has = list(share.index[share > 0])
        if not has:
            out.append(f"No article carries {what}." if n > 1 else f"The article carries no {what[2:]}.")
        elif len(has) == 1 and n > 1:
            out.append(f"Only {names[has[0]]} carries {what} ({percent(share[has[0]])} of its words).")
        elif len(has) == n:
            out.append(f"Every article carries {what}." if n > 1 else f"The article carries {what}.")
        else:
            lacking = [names[d] for d in s.index if d not in has]
            out.append(f"{len(has)} of {n} articles carry {what}; {join(lacking)} "
                       f"{'does' if len(lacking) == 1 else 'do'} not.")
    return Findings(out + few_articles(n, "these numbers"))


# ---------------------------------------------------------------- 02 themes
def theme_findings(articles: pd.DataFrame, similarity: pd.DataFrame, *, duplicates: pd.DataFrame | None = None,
                   duplicate_threshold: float = 0.5, key_terms: pd.DataFrame | None = None, model=None,
                   shares: pd.DataFrame | None = None, why_not: str | None = None,
                   choices: dict | None = None, map_variance=None) -> Findings:
    """Findings on similarity, shared copy, keyness and themes, from notebook 02's tables.

    Parameters
    ----------
    articles : DataFrame
        From :func:`analysis.load_corpus` (for labels).
    similarity : DataFrame
        Article × article cosine similarity (:func:`analysis.article_similarity`), 0–1.
    duplicates : DataFrame, optional
        Near-duplicate passage pairs (:func:`analysis.near_duplicates`) found at ``duplicate_threshold``.
    key_terms : DataFrame, optional
        :func:`analysis.distinctive_terms` (``doc_id, rank, term, g2``); None when not computed.
    model : ThemeModel, optional
        The fitted theme model; None when clustering could not run.
    shares : DataFrame, optional
        :func:`analysis.theme_shares` for ``model``.
    why_not : str, optional
        Why clustering could not run (:func:`analysis.theme_candidates`), for the sentence saying so.
    choices : dict, optional
        ``random_state -> chosen number of themes`` for the robustness sentence.
    map_variance : sequence of float, optional
        Share of variance (0–1) on each axis of the 2-D passage map.

    Returns
    -------
    Findings
    """
    names, out = article_names(articles), Findings()
    ids = [str(d) for d in similarity.index]
    n = len(ids)
    if n < 2:
        out.append("With one article, similarity, shared copy and keyness cannot be computed: each compares an "
                   "article with other articles.")
    else:
        sim = similarity.to_numpy(dtype=float)
        pairs = pd.Series({(ids[i], ids[j]): sim[i, j] for i in range(n) for j in range(i + 1, n)})
        a, b = pairs.idxmax()
        sentence = (f"Cosine similarity between articles (TF-IDF, stop words removed; 0 = no shared terms) runs from "
                    f"{number(pairs.min(), 2)} to {number(pairs.max(), 2)}; the closest pair is {names[a]} and "
                    f"{names[b]} ({number(pairs.max(), 2)})")
        if n > 2:
            mean_other = pd.Series((sim.sum(axis=1) - 1) / (n - 1), index=ids)
            sentence += f", and {names[mean_other.idxmin()]} is least like the others (mean {number(mean_other.min(), 2)})"
        out.append(sentence + ".")
        if duplicates is not None and duplicates.empty:
            out.append("No pair of passages from different articles reaches a Jaccard or containment of "
                       f"{number(duplicate_threshold, 2)} on word 5-shingles: no reused copy was found.")
        elif duplicates is not None:
            pair_counts = duplicates.groupby(["doc_id_a", "doc_id_b"]).size().sort_values(ascending=False)
            listed = [f"{names[str(x)]} and {names[str(y)]} ({c})" for (x, y), c in pair_counts.items()]
            out.append(f"{len(duplicates)} passage pair(s) from different articles reach a Jaccard or containment of "
                       f"{number(duplicate_threshold, 2)} on word 5-shingles (reused copy), between {join(listed)}.")
        if key_terms is not None:
            out.extend(_keyness_sentences(key_terms, ids, names))
    out.extend(_theme_sentences(model, shares, why_not, choices, map_variance, names))
    return Findings(out + few_articles(n, "similarities, key words and themes"))


def _keyness_sentences(key_terms: pd.DataFrame, ids: list, names: dict) -> list[str]:
    if key_terms.empty:
        return ["No word passes the keyness cut-offs (G² ≥ 6.63, log ratio ≥ 1, at least 3 occurrences) in any article."]
    key = key_terms.assign(doc_id=key_terms["doc_id"].astype(str)).sort_values(["doc_id", "rank"])
    parts = [f"{names[doc]}: {', '.join(g['term'].head(3))} (top G² {number(g['g2'].iloc[0], 0)})"
             for doc, g in key.groupby("doc_id", sort=False)]
    without = [names[d] for d in ids if d not in set(key["doc_id"])]
    if len(parts) > 8:
        parts = parts[:7] + [f"{len(parts) - 7} other articles (table above)"]
    out = [f"Words that make each article distinctive (keyness, top three): {'; '.join(parts)}."]
    if without:
        out.append(f"No word is key for {join(without)}.")
    out.append("Key-word p-values are not corrected for the many words tested: read them as a description, not a test.")
    return out


def _theme_sentences(model, shares, why_not, choices, map_variance, names) -> list[str]:
    if model is None:
        return [f"No themes: {why_not or 'too few passages to cluster'}."]
    sel, k = model.selection_, int(model.n_themes_)
    stable = bool(getattr(model, "stable_", sel["stable"].any()))
    stability = number(model.stability_, 3 if round(model.stability_, 2) == round(model.min_stability, 2) else 2)
    out = []
    if not stable:
        out.append(f"These passages do not form stable themes: no number of themes from {int(sel['k'].min())} to "
                   f"{int(sel['k'].max())} reached a mean pairwise adjusted Rand index of "
                   f"{number(model.min_stability, 2)} across seeds (the most stable, k = {k}, reached {stability}); "
                   "the theme tables describe one run, not a structure to report.")
    else:
        silhouette = getattr(model, "silhouette_", float("nan"))
        sil = f", silhouette {number(silhouette, 2)}" if math.isfinite(silhouette) else ""
        out.append(f"The passages fall into {k} themes (mean pairwise adjusted Rand index {stability} across seeds{sil}).")
        if len(sel) > 1 and k == int(sel["k"].max()):
            out.append(f"k = {k} is the largest number of themes tried, so the range may be too narrow to show the best k.")
    robust = True
    if choices and len(set(choices.values())) > 1:
        robust = False
        listed = ", ".join(f"{v} for random_state {rs}" for rs, v in choices.items())
        out.append(f"The number of themes depends on the random state (k = {listed}): the themes are not robust.")
    elif choices:
        out.append(f"The same number of themes is chosen for random_state {join(list(choices), limit=10)}.")
    if stable and robust:
        sizes = pd.Series(model.labels_).value_counts()
        listed = [f"{t}: {model.theme_labels_[t]} ({sizes.get(t, 0)} passage{'s' if sizes.get(t, 0) != 1 else ''})" for t in sorted(model.theme_labels_)]
        out.append(f"Themes by their top terms: {join(listed, limit=10)}.")
        if shares is not None and not shares.empty:
            top = shares.sort_values(["doc_id", "share_passages", "theme"], ascending=[True, False, True])
            top = top.assign(doc_id=top["doc_id"].astype(str)).groupby("doc_id").head(1)
            listed = [f"{names[r.doc_id]} theme {r.theme} ({percent(r.share_passages)})" for r in top.itertuples()]
            out.append(f"Each article's largest theme (share of its passages): {join(listed, limit=8)}.")
    if map_variance is not None and len(map_variance) >= 2 and math.isfinite(sum(map_variance)):
        out.append(f"The 2-D passage map keeps {percent(sum(map_variance[:2]))} of the variance: closeness on it says "
                   "little about closeness in the full space.")
    return out


# ---------------------------------------------------------------- 03 stance
def stance_findings(doc_stance: pd.DataFrame, articles: pd.DataFrame) -> Findings:
    """Findings on hedging, promotion and certainty, from :func:`analysis.score_articles`.

    Parameters
    ----------
    doc_stance : DataFrame
        One row per article: ``<marker>_per_1k_words`` rates (markers per 1,000 words of body
        and heading text), ``caveats_outside_text``, ``n_claims``, ``share_claims_*`` (0–1)
        and ``certainty_index`` (1–6, higher = stated more certainly) with its 95 % bootstrap
        interval ``certainty_ci_low/high``.
    articles : DataFrame
        From :func:`analysis.load_corpus` (for labels).

    Returns
    -------
    Findings
    """
    names, d = article_names(articles), by_doc(doc_stance)
    n, out = len(d), Findings()
    d = d[d["n_words_text"] > 0]
    if len(d) < n:
        out.append(f"{join(names[x] for x in by_doc(doc_stance).index.difference(d.index))} "
                   "has no body or heading text: no rates.")
    if d.empty:
        return Findings(out + ["No article has body or heading text, so no stance measure can be computed."])
    hedges, promotion = d["hedges_per_1k_words"], d["promotion_per_1k_words"]
    more = int((promotion > hedges).sum())
    out.append(("Promotional terms outnumber hedges in every article. " if more == len(d) > 1 else
                f"Promotional terms outnumber hedges in {k_of_n(more, len(d))}. ")
               + f"Per 1,000 words of text, promotion {spread(promotion, names)} and the hedge rate "
               f"{spread(hedges, names)}.")
    for col, what in (("boosters", "boosters"), ("can", "“can” wording")):
        rate = d[f"{col}_per_1k_words"]
        if rate.max() > 0:
            out.append(f"{names[rate.idxmax()]} uses the most {what}: {number(rate.max())} per 1,000 words "
                       f"(median of the articles {number(rate.median())}).")
        else:
            out.append(f"No article uses {what} in its text.")
    claims = d["n_claims"]
    none = [names[x] for x in claims.index[claims == 0]]
    if claims.sum() == 0:
        out.append("No sentence states that the treatment does something (no claim sentences): the claim shares "
                   "and the certainty index cannot be computed.")
    else:
        if none:
            out.append(f"{join(none)}: no claim sentences, so no claim shares; the certainty index below covers "
                       "only articles with claims.")
        c = d[claims > 0]
        flat = c["share_claims_unqualified"]
        out.append(f"Of the sentences that say the treatment does something ({int(claims.sum())} in all), the share "
                   f"stated flat, with no hedge, booster or “can” (direct wording, which readers take as strongest), "
                   f"{spread(100 * flat, names, 0, ' %')}.")
        hedged = list(c.index[c["share_claims_hedged"] >= 0.25])
        out.append(f"{k_of_n(len(hedged), len(c))} hedge a quarter or more of their claims"
                   + (f": {join([names[x] for x in hedged])}." if hedged else "."))
        out.extend(_certainty_sentences(c, names))
    outside = d["caveats_outside_text"] if "caveats_outside_text" in d else pd.Series(0, index=d.index)
    inside = d["caveats_per_1k_words"]
    out.append(f"Caveats in the text: {k_of_n(int((inside > 0).sum()), len(d))}"
               + (f" ({join([names[x] for x in inside.index[inside > 0]])})" if (inside > 0).any() else "") + ". "
               + ("Caveats in disclaimers or calls to action, counted apart from claims: "
                  + join([f"{names[x]} ({int(v)})" for x, v in outside[outside > 0].items()]) + "."
                  if (outside > 0).any() else "No caveat sits in a disclaimer or call to action."))
    return Findings(out + few_articles(n, "these rates") + (
        ["The bootstrap intervals resample sentences as if they were independent, so they are if anything too narrow."]
        if len(d) else []))


def _certainty_sentences(c: pd.DataFrame, names: dict) -> list[str]:
    index = c["certainty_index"].dropna()
    if index.empty:
        return ["No certainty index can be computed (no scored claim sentences)."]
    with_ci = c.loc[index.index].dropna(subset=["certainty_ci_low", "certainty_ci_high"])
    without = [names[x] for x in index.index.difference(with_ci.index)]
    out = [f"The certainty index (mean certainty of claim sentences, 1–6, higher = more certain) "
           f"{spread(index, names, 2)}." if len(index) > 1 else
           f"The certainty index is {number(index.iloc[0], 2)} on the 1–6 scale."]
    few = [x for x in index.index.difference(with_ci.index) if c.at[x, "n_claims"] < 2]
    if few:
        out.append(f"No interval for {join([names[x] for x in few])}: fewer than two claim sentences.")
    if len(without) > len(few):
        out.append(f"No interval could be computed for {join([n for n in without if n not in {names[x] for x in few}])}.")
    if len(with_ci) >= 2:
        lo, hi = with_ci["certainty_ci_low"], with_ci["certainty_ci_high"]
        ids = list(with_ci.index)
        apart = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:] if lo[a] > hi[b] or lo[b] > hi[a]]
        if not apart:
            out.append("All 95 % intervals overlap: on this measure no article is reliably more certain than another.")
        else:
            a, b = max(apart, key=lambda p: abs(index[p[0]] - index[p[1]]))
            out.append(f"{len(apart)} pair(s) of articles have 95 % intervals that do not overlap, the widest apart "
                       f"{names[a]} ({number(index[a], 2)}, {number(lo[a], 2)}–{number(hi[a], 2)}) and {names[b]} "
                       f"({number(index[b], 2)}, {number(lo[b], 2)}–{number(hi[b], 2)}).")
    return out


# ---------------------------------------------------------------- 04 concepts
def concept_findings(coverage: pd.DataFrame, omissions: pd.DataFrame, articles: pd.DataFrame, *,
                     cooccurrence: pd.DataFrame | None = None) -> Findings:
    """Findings on concept coverage and omitted information-quality items.

    Parameters
    ----------
    coverage : DataFrame
        :func:`analysis.concept_coverage` (``doc_id, concept, label, present, mentions``).
    omissions : DataFrame
        :func:`analysis.quality_omissions` (``doc_id, concept, quality_label, covered, mentions,
        negated_mentions``).
    articles : DataFrame
        From :func:`analysis.load_corpus` (for labels, and to recognise the seed corpus).
    cooccurrence : DataFrame, optional
        :func:`analysis.cooccurrence` at sentence level (``label_a, label_b, units``).

    Returns
    -------
    Findings
        One sentence per quality item (who covers or omits it), the concepts every article
        covers and none does, the pairs of concepts sharing most sentences; for the seed corpus
        only, the comparison with Crane et al. (2023) and the hand reading of the seed pages.
    """
    names, out = article_names(articles), Findings()
    ids = [str(d) for d in articles["doc_id"]]
    n = len(ids)
    om = omissions.assign(doc_id=omissions["doc_id"].astype(str))
    nobody, everybody = [], []
    for concept, rows in om.groupby("concept", sort=False):
        label = rows["quality_label"].iloc[0]
        covered = rows.loc[rows["covered"], "doc_id"].tolist()
        if not covered:
            nobody.append(label)
        elif len(covered) == n:
            everybody.append(label)
        else:
            negated = int(rows["negated_mentions"].sum())
            note = f", {negated} of its {int(rows['mentions'].sum())} mentions negated" if negated else ""
            who = (f"only by {join([names[d] for d in covered])}" if len(covered) <= n / 2 else
                   f"by all but {join([names[d] for d in ids if d not in covered])}")
            out.append(f"{label[0].upper() + label[1:]}: covered by {k_of_n(len(covered), n)}, {who}{note}.")
    if nobody:
        out.append(f"No article mentions {join(nobody, limit=10)}.")
    if everybody:
        out.append(f"{'Every article' if n > 1 else 'The article'} mentions {join(everybody, limit=10)}.")
    present = coverage.groupby("label", sort=False)["present"].sum()
    common = [lab for lab, k in present.items() if k == n]
    if n > 1 and common:
        out.append(f"Concepts every article covers: {join(common, limit=12)}.")
    if cooccurrence is not None:
        pairs = cooccurrence[(cooccurrence["concept_a"] != cooccurrence["concept_b"]) & (cooccurrence["units"] > 0)]
        if not pairs.empty:
            top = pairs.sort_values("units", ascending=False, kind="stable").head(3)
            out.append("The concepts that share the most sentences: "
                       + join([f"{r.label_a} and {r.label_b} ({int(r.units)})" for r in top.itertuples()]) + ".")
    if is_seed_corpus(articles):
        out.extend(_seed_concept_notes(om, names, n))
    return Findings(out + few_articles(n, "these counts"))


def _seed_concept_notes(om: pd.DataFrame, names: dict, n: int) -> list[str]:
    """Interpretation that is only true of the bundled seed articles (read by hand)."""
    out = []
    risks = om[om["concept"] == "risks_side_effects"]
    if not risks.empty:
        k, (crane_k, crane_n) = int(risks["omitted"].sum()), CRANE_OMIT_RISKS
        larger = "a larger" if k / n > crane_k / crane_n else "a smaller" if k / n < crane_k / crane_n else "the same"
        out.append(f"{k} of {n} seed articles omit risks ({percent(k / n)}), {larger} share than the {crane_k} of "
                   f"{crane_n} ({percent(crane_k / crane_n)}) Maryland ketamine advertisers in Crane et al. (2023); "
                   "five pages cannot show that the rates differ.")
    out.append(f"Read by hand: the only harm named is in {names.get('002', '002')} (“This can be an unsettling "
               f"experience”, about the dissociative state); {names.get('001', '001')} and {names.get('004', '004')} "
               "mention dissociation only as the way ketamine helps, the latter answering “Is ketamine safe?” with a "
               f"reassurance, and {names.get('000', '000')}'s only “safety” is the title of a linked post.")
    out.append(f"Read by hand: evidence is asserted rather than cited. {names.get('000', '000')} points to research "
               "without naming a study (“as more clinical studies affirm its potential”); 001–004 appeal to “the science behind” ketamine "
               "or call it “science-backed”.")
    return out


# ---------------------------------------------------------------- 03 validation
def validation_findings(validation: pd.DataFrame | None, path: str | Path | None = None) -> Findings:
    """Findings on agreement of the certainty score with human judgement.

    Parameters
    ----------
    validation : DataFrame or None
        :func:`analysis.validation.validate_folder` (``data, split, n, measure, scorer,
        value``); None when the validation data is missing.
    path : path-like, optional
        Where the validation data was looked for (named when it is missing).

    Returns
    -------
    Findings
        Pearson and Spearman r with Pei & Jurgens' (2021) certainty ratings against the naive
        modal count and the published baselines; AUC for direct vs conditional causal claims and for
        causal vs correlational ones (Yu et al. 2020); Cohen's κ per category on the report part of the coded
        sentences. Only measures present in ``validation`` are stated.
    """
    if validation is None or validation.empty:
        where = f" at {path}" if path is not None else ""
        return Findings([f"Validation data not found{where}: no agreement figures can be stated."])
    v = validation[pd.to_numeric(validation["value"], errors="coerce").notna()]

    def get(prefix, measure, stance=True, split=None):
        rows = v[v["data"].str.startswith(prefix) & (v["measure"] == measure)
                 & ((v["scorer"] == "stance") == stance)]
        rows = rows if split is None else rows[rows["split"] == split]
        return None if rows.empty else rows.iloc[0]

    def stated(row, digits=2):
        """The figure, with its 95 % interval when the table has one."""
        low, high = float(row.get("ci_low", math.nan)), float(row.get("ci_high", math.nan))
        interval = f" (95 % CI {number(low, digits)}–{number(high, digits)})" if math.isfinite(low + high) else ""
        return number(row["value"], digits) + interval

    out = Findings()
    r, rho, naive = (get("certainty_", "pearson_r"), get("certainty_", "spearman_r"),
                     get("certainty_", "pearson_r", stance=False))
    if r is not None:
        level = ("at the level of" if r["value"] >= 0.62 else "above the bag-of-words ridge but below"
                 if r["value"] >= 0.55 else "below")
        out.append(f"Agreement of the certainty score with Pei & Jurgens' (2021) human ratings on their {r['split']} "
                   f"split ({int(r['n'])} sentences): Pearson r = {stated(r)}"
                   + (f", Spearman ρ = {stated(rho)}" if rho is not None else "")
                   + (f" (naive five-modal count: r = {number(naive['value'], 2)})" if naive is not None else "")
                   + f"; this is {level} the published fine-tuned RoBERTa and SciBERT (r = 0.62–0.63, on a test "
                   "split not available here; bag-of-words ridge 0.55).")
    auc, naive = get("claim_strength_", "auc_3_vs_2"), get("claim_strength_", "auc_3_vs_2", stance=False)
    if auc is not None:
        out.append(f"Direct causal conclusions score above conditional ones (Yu et al. 2020; {int(auc['n'])} "
                   f"conclusions) with AUC = {stated(auc)}"
                   + (f" (naive {number(naive['value'], 2)})" if naive is not None else "") + "; 0.5 = chance.")
    causal, naive = get("claim_strength_", "auc_23_vs_1"), get("claim_strength_", "auc_23_vs_1", stance=False)
    if causal is not None:
        side = "above" if causal["value"] > 0.5 else "below"
        out.append(f"Causal conclusions (direct or conditional) score {side} correlational ones with AUC = "
                   f"{stated(causal)}" + (f" (naive {number(naive['value'], 2)})" if naive is not None else "")
                   + ": the score hears hedges and boosters, not whether a verb states cause or association, so it "
                   "cannot tell a correlational claim from a causal one.")
    agreement = []
    for category, coders in (("promotion", "0.85"), ("hedge", "0.97"), ("claim", "0.92")):
        f1 = get("stance_coding", f"{category}_f1", split="report")
        k = get("stance_coding", f"{category}_kappa", split="report")
        base = get("stance_coding", f"{category}_kappa", stance=False, split="report")
        said = ([f"F1 = {stated(f1)}"] if f1 is not None else []) + (
            [f"κ = {number(k['value'], 2)}" + (f" (naive {number(base['value'], 2)})" if base is not None else "")]
            if k is not None else [])
        if said:
            agreement.append(f"{category} {', '.join(said)} against two coders who agree at κ {coders}")
    if agreement:
        first = v[v["data"].str.startswith("stance_coding") & (v["split"] == "report")].iloc[0]
        out.append(f"On the coded sentences of the report part, not used to write rules or fit weights "
                   f"({int(first['n'])}): {'; '.join(agreement)}"
                   + ("; the intervals resample the documents of each source, then the sentences of each document." if "ci_low" in v else "."))
    if not out:
        out.append("The validation table holds none of the measures summarised here: see the table above.")
    return out
