"""Scale benchmark: score synthetic corpora of 1,000 / 10,000 / 50,000 articles on this machine, and
compare with the commit before issue 14's redesign in the same run.

The corpus is built deterministically from the seed corpus: each synthetic article is a seeded
random draw (with replacement) of the seed articles' lines (headings, paragraphs, list items,
calls to action...), its length drawn from a log-normal fitted to the seed articles' sizes
(median ~5 KB, clipped to 1-40 KB). Files are written once to a cache folder and reused.

Stages, each timed on one core in this process (CPU time) over the whole corpus in chunks of
``analysis.batch.CHUNK_SIZE`` (500) articles, as ``python -m analysis score`` streams it, after a
start-up that is reported on its own row (building the matchers, loading the compiled kernels
from their cache: a fixed cost per process, like importing the libraries):

* read        listing and reading the files (:func:`analysis.corpus.plan_corpus`, :func:`read_articles`)
* segment     :func:`analysis.segment`
* stance      :func:`analysis.stance.sentence_stance` (finding the markers, in context; sentence certainty)
              and :func:`analysis.stance.article_scores` without intervals (``n_boot=0``)
* bootstrap   the article scores' percentile-bootstrap CIs alone: ``article_scores`` with ``--n-boot``
              resamples minus the same call with ``n_boot=0``
* concepts    :func:`analysis.concepts.concept_mentions` + :func:`concept_coverage`
* claims      :func:`analysis.claim_check.check_claims` + :func:`article_verdicts` (issue 18: the claims checked
              against the evidence file; the run prints what they add to the scoring time, budget 15 %)
* CSV         formatting the six tables as the score command does (:func:`analysis.io.csv_rows`)
* themes      passages + assigning each its theme with a model fitted on ``--theme-sample`` articles

The corpus repeats its sentences (each line is drawn from five articles), and scoring scores each distinct
sentence of a chunk once (:mod:`analysis.repeats`), so the scoring rows measure a corpus as repetitive as
this one. The row ``NO REPEATS`` measures the other end: the first chunks scored again (segment + stance +
concepts) with a made-up last word on every sentence, so that none repeats; its label gives this corpus's
share of distinct sentences.

Stance and concepts each find their own lexicon's terms (the baseline found both in one joint walk,
its ``scan`` stage). Then **end to end**: ``score_corpus(themes=True)`` (what ``python -m analysis
score --themes`` runs: all cores, every table written), in a child process, wall time; once with the
bootstrap CIs and once with ``n_boot=0``; then twice more with the CIs on the same articles given organizations
(5 pages each) and two kinds by a manifest, in a sibling folder of symbolic links (the cached corpus is never
changed), without and with ``--group-by kind`` (issue 17's group comparison), and the time the comparison adds is
printed. Its peak memory (``peak RSS MB``) is the child's
``ru_maxrss`` plus the largest worker's peak (``VmHWM``) times the number of workers, an upper bound
(the workers' peaks need not coincide) computed as the baseline's benchmark does; ``sampled peak MB``
is the largest sum of the RSS of the child and all its workers, sampled every 0.1 s. The naive
baseline (one regular expression per lexicon term, stance + codebook terms, each run over every
sentence) is timed in the same run on a 1 MB slice and reported per MB.

**Baseline** (``--baseline REV``, default ``3bb788d``, the last commit before issue 14's redesign;
``none`` to skip): a git worktree of it (in the cache folder, made once) runs its own
``benchmarks/bench_scale.py`` on the same corpus, in a child of this interpreter (see
``benchmarks/baseline.py``), after each size of this commit's run. Before the first run of each
commit, a child scores the seed corpus once, so numba's kernels are compiled and cached. The script
then prints both tables, the stages side by side (MB/s per core, this ÷ baseline), end to end
(seconds, peak memory) and the library's ``wc -l`` per module for both commits. Last, because the machine's speed
drifts between this commit's part and the baseline's, ``--ab-rounds`` (default 3; 0 to skip) runs of ``score
--themes`` on the largest N for each commit in turn, with their medians (:mod:`bench_ab`): the end-to-end ratio
to quote (the seconds of both still follow the machine's speed at the time, which each run's probe shows).

Usage::

    .venv/bin/python benchmarks/bench_scale.py [N ...] [--jobs 2] [--n-boot 2000] [--cache DIR] [--baseline REV] [--ab-rounds 3]
    .venv/bin/python benchmarks/bench_scale.py 10000 --profile 4    # where scoring's time goes (cProfile)
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
from joblib.externals.loky import get_reusable_executor

import analysis
from analysis.batch import CHUNK_SIZE, fit_themes, score_corpus
from analysis.claim_check import article_verdicts, check_claims
from analysis.concepts import concept_coverage, concept_mentions, load_codebook
from analysis.corpus import load_corpus, plan_corpus, read_articles
from analysis.io import csv_rows
from analysis.passages import build_passages
from analysis.segment import paragraphs, segment
from analysis.stance import article_scores, load_stance_lexicon, sentence_stance

import baseline
from bench_ab import alternate
from bench_rules import made_up_word

CHUNK = CHUNK_SIZE  # as the score command streams it
STAGES = ("read", "segment", "stance", "bootstrap", "concepts", "claims", "CSV")
#: summary rows: issue 7's scoring target (segmentation + stance + concepts), then with the optional
#: bootstrap intervals, then everything ``score`` does per chunk but themes
SUMS = {"SCORING: segment + stance + concepts": ("segment", "stance", "concepts"),
        "scoring + bootstrap CIs": ("segment", "stance", "concepts", "bootstrap"),
        "all stages above": STAGES}
#: chunks scored a second time with every sentence made distinct (:func:`no_repeats`)
NO_REPEAT_CHUNKS = 4
COLUMNS = ["N", "stage", "seconds", "MB/s", "MB/s per core", "baseline ratio", "peak RSS MB", "sampled peak MB"]


def _rss_mb(who=resource.RUSAGE_SELF) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def build_corpus(n: int, folder: Path, seed: int = 0) -> Path:
    """Write ``n`` synthetic articles to ``folder`` (reused when already complete)."""
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    seed_texts = list(load_corpus()["text"])
    lines = [l for t in seed_texts for l in t.split("\n") if l.strip()]
    sizes = np.log([len(t) for t in seed_texts])
    rng = np.random.default_rng(seed)
    lengths = np.clip(np.exp(rng.normal(sizes.mean(), max(sizes.std(), 0.3), n)), 1000, 40000)
    for i, target in enumerate(lengths):
        out, size = [], 0
        while size < target:
            line = lines[rng.integers(len(lines))]
            out.append(line)
            size += len(line) + 1
        (folder / f"a{i:06d}.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    done.write_text("ok")
    return folder


def grouped_corpus(folder: Path, pages_per_organization: int = 5) -> Path:
    """``folder``'s articles with a manifest giving each an organization and a ``kind`` (two kinds, by organization),
    in a sibling folder of symbolic links (made once): the cached corpus itself is never changed."""
    out = folder.with_name(folder.name + "_grouped")
    if (out / ".complete").exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    rows = ["doc_id,file,organization,kind"]
    for i, name in enumerate(sorted(p.name for p in folder.glob("*.txt"))):
        if not (out / name).exists():
            (out / name).symlink_to(folder / name)
        org = i // pages_per_organization
        rows.append(f"{name[:-4]},{name},org{org:05d},{'clinic' if org % 2 == 0 else 'academic'}")
    (out / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (out / ".complete").write_text("ok")
    return out


def naive_rate(sentences: list[str], mb_target: float = 1.0) -> float:
    """MB/s of one regular expression per lexicon term (stance lexicon + codebook patterns)."""
    terms = list(load_stance_lexicon().entries["term"]) + list(load_codebook().patterns["term"])
    patterns = [re.compile(r"\b" + re.escape(t.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if t.endswith("*") else r"\b"),
                           re.I) for t in terms]
    sample, size = [], 0
    for s in sentences:
        if size >= mb_target * 1e6:
            break
        sample.append(s)
        size += len(s)
    t0 = time.perf_counter()
    sum(len(p.findall(s)) for s in sample for p in patterns)
    return size / 1e6 / (time.perf_counter() - t0)


def _timed(seconds: dict, stage: str, func, *args, **kwargs):
    t = time.process_time()
    result = func(*args, **kwargs)
    seconds[stage] = seconds.get(stage, 0.0) + time.process_time() - t
    return result


def start_up(lex, cb) -> float:
    """CPU seconds of the one-off start-up of scoring in a process: building the matchers of these lexicons
    and loading (or, after a change, compiling) the compiled kernels, measured on one short article."""
    t = time.process_time()
    sentences = segment(pd.DataFrame({"doc_id": ["warm-up"], "text": ["Ketamine may help. Call us today!"]}))
    sentence_stance(sentences, lex), concept_mentions(sentences, cb)
    return time.process_time() - t


def stage_times(folder: Path, n_boot: int, model, lex, cb) -> tuple[dict, float, list[str], dict]:
    """CPU seconds per stage on one core (after :func:`start_up`), MB of text, a sample of sentences for
    the naive baseline, and the repeats: the share of sentences that are distinct within their chunk, and
    the scoring time of the first chunks with every sentence made distinct (:func:`no_repeats`)."""
    seconds, mb, sample = dict.fromkeys(STAGES + ("themes",), 0.0), 0.0, []
    repeats = {"sentences": 0, "distinct": 0, "chunks": 0, "seconds": 0.0, "MB": 0.0}
    plan = _timed(seconds, "read", plan_corpus, folder)
    for k, chunk in enumerate(plan.chunks(CHUNK)):
        articles = _timed(seconds, "read", read_articles, chunk)
        mb += articles["text"].str.len().sum() / 1e6
        segment_before = seconds["segment"]
        sentences = _timed(seconds, "segment", segment, articles)
        repeats["sentences"] += len(sentences)
        repeats["distinct"] += sentences["text"].nunique()
        if k < NO_REPEAT_CHUNKS:
            repeats["seconds"] += seconds["segment"] - segment_before + no_repeats(articles, sentences, lex, cb)
            repeats["MB"] += articles["text"].str.len().sum() / 1e6
            repeats["chunks"] += 1
        table, markers = _timed(seconds, "stance", sentence_stance, sentences, lex)
        doc_ids = [str(d) for d in articles["doc_id"]]
        t = time.process_time()
        scores = article_scores(doc_ids, table, lex, n_boot=0, seed_per_article=True)
        without = time.process_time() - t
        seconds["stance"] += without
        if n_boot:  # the intervals alone: the scores with them minus the scores without
            t = time.process_time()
            scores = article_scores(doc_ids, table, lex, n_boot=n_boot, seed_per_article=True)
            seconds["bootstrap"] += time.process_time() - t - without
        coverage = _timed(seconds, "concepts", lambda: concept_coverage(
            sentences, cb, mentions=concept_mentions(sentences, cb)))
        checked = _timed(seconds, "claims", check_claims, table)
        verdicts = _timed(seconds, "claims", article_verdicts, checked, doc_ids)
        _timed(seconds, "CSV", lambda: [csv_rows(t) for t in (table, markers, scores, coverage, checked, verdicts)])
        _timed(seconds, "themes", lambda: model.predict(build_passages(paragraphs(sentences))["text"]))
        if len(sample) < 20000:
            sample += list(sentences["text"][:200])
    return seconds, mb, sample, repeats


def no_repeats(articles: pd.DataFrame, sentences: pd.DataFrame, lex, cb) -> float:
    """CPU seconds of stance + article scores + concepts on ``sentences`` with a made-up last word that differs
    for every sentence, so that none repeats: what a corpus of different pages pays (the synthetic corpus
    draws its lines from five articles, and each distinct sentence is scored once: :mod:`analysis.repeats`)."""
    distinct = sentences.assign(text=[f"{t} {made_up_word(i)}" for i, t in enumerate(sentences["text"])])
    t = time.process_time()
    table, _ = sentence_stance(distinct, lex)
    article_scores([str(d) for d in articles["doc_id"]], table, lex, n_boot=0, seed_per_article=True)
    concept_coverage(distinct, cb, mentions=concept_mentions(distinct, cb))
    return time.process_time() - t


def profile_scoring(folder: Path, n_chunks: int, lex, cb, top: int = 25) -> None:
    """cProfile of scoring (segment, stance without intervals, concepts) over the first ``n_chunks`` chunks:
    the functions that take the most time of their own."""
    import cProfile
    import pstats

    chunks = [read_articles(c) for c in plan_corpus(folder).chunks(CHUNK)[:n_chunks]]
    mb = sum(a["text"].str.len().sum() for a in chunks) / 1e6
    profile = cProfile.Profile()
    profile.enable()
    for articles in chunks:
        sentences = segment(articles)
        table, _ = sentence_stance(sentences, lex)
        article_scores([str(d) for d in articles["doc_id"]], table, lex, n_boot=0, seed_per_article=True)
        concept_coverage(sentences, cb, mentions=concept_mentions(sentences, cb))
    profile.disable()
    stats = pstats.Stats(profile, stream=sys.stdout)
    print(f"\nPROFILE of scoring, {len(chunks)} chunks ({mb:.1f} MB): {stats.total_tt:.1f} s under the profiler, "
          f"{mb / stats.total_tt:.2f} MB/s")
    stats.sort_stats("tottime").print_stats(top)


def _peak_mb(pid: int) -> float:
    """Peak resident memory of a live process so far (Linux ``VmHWM``), MB; its current RSS elsewhere."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return psutil.Process(pid).memory_info().rss / 2 ** 20


class _TreeMemory(threading.Thread):
    """Every 0.1 s: the summed RSS of this process and all its descendants, and the largest peak of a descendant
    (the score command's workers are joblib processes that outlive the call, so ``RUSAGE_CHILDREN`` misses them)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.done = threading.Event()
        self.peak_sum = self.peak_worker = 0.0

    def sample(self) -> None:
        me, total = psutil.Process(), 0.0
        for proc in [me] + me.children(recursive=True):
            try:
                total += proc.memory_info().rss / 2 ** 20
                if proc.pid != me.pid:
                    self.peak_worker = max(self.peak_worker, _peak_mb(proc.pid))
            except psutil.Error:  # it ended meanwhile
                pass
        self.peak_sum = max(self.peak_sum, total)

    def run(self) -> None:
        while not self.done.wait(0.1):
            self.sample()


def _score_child(folder, out, jobs, n_boot, theme_sample, queue, group_by=None) -> None:
    memory = _TreeMemory()
    memory.start()
    summary = score_corpus(folder, out, n_jobs=jobs, n_boot=n_boot, themes=True, theme_sample=theme_sample,
                           progress=False, group_by=group_by)
    memory.done.set()
    memory.join()
    memory.sample()
    # a multiprocessing child skips the atexit hook that stops joblib's idle workers, and would wait for them to
    # time out (300 s) before it ends: stop them here
    get_reusable_executor(max_workers=summary.n_jobs).shutdown(wait=True)
    size = sum(p.stat().st_size for p in Path(out).iterdir()) / 1e6
    queue.put((summary.seconds, summary.n_jobs, size, _rss_mb() + summary.n_jobs * memory.peak_worker,
               memory.peak_sum))


def end_to_end(folder: Path, jobs: int | None, n_boot: int, theme_sample: int, group_by: str | None = None) -> tuple:
    """Wall seconds, processes, MB written, peak RSS bound and sampled peak (MB) of ``score_corpus(themes=True)``
    in a fresh process."""
    ctx = mp.get_context("spawn")  # a fresh interpreter: its memory is the command's own
    queue = ctx.Queue()
    with tempfile.TemporaryDirectory() as out:
        child = ctx.Process(target=_score_child, args=(folder, out, jobs, n_boot, theme_sample, queue, group_by))
        child.start()
        result = queue.get()
        child.join()
    return result


def run(n: int, cache: Path, jobs: int | None, n_boot: int, theme_sample: int) -> list[dict]:
    folder = build_corpus(n, cache / f"corpus_{n}")
    cb, lex = load_codebook(), load_stance_lexicon()
    warm = start_up(lex, cb)
    t = time.process_time()
    model = fit_themes(folder, sample=theme_sample)
    t_fit = time.process_time() - t
    seconds, mb, sample, repeats = stage_times(folder, n_boot, model, lex, cb)
    naive = naive_rate(sample)
    rows = [{"N": n, "stage": "start-up, once per process (matchers, compiled kernels)", "seconds": warm}]
    rows += [{"N": n, "stage": stage, "seconds": seconds[stage], "MB/s per core": mb / seconds[stage]}
             for stage in STAGES]
    for label, stages in SUMS.items():
        total = sum(seconds[s] for s in stages)
        rows.append({"N": n, "stage": f"{label} (1 core)", "seconds": total, "MB/s per core": mb / total,
                     "baseline ratio": mb / total / naive})
    scoring = sum(seconds[s] for s in SUMS["SCORING: segment + stance + concepts"])
    print(f"N={n:,}: the claims checked against the evidence add {seconds['claims']:.2f} s CPU, "
          f"{100 * seconds['claims'] / scoring:.1f} % of the scoring time ({scoring:.2f} s; budget 15 %)")
    rows.append({"N": n, "stage": f"NO REPEATS: scoring as above, first {repeats['chunks']} chunks, every sentence "
                                  f"made distinct (the corpus: {repeats['distinct'] / repeats['sentences']:.1%} distinct)",
                 "seconds": repeats["seconds"], "MB/s per core": repeats["MB"] / repeats["seconds"],
                 "baseline ratio": repeats["MB"] / repeats["seconds"] / naive})
    rows.append({"N": n, "stage": f"themes: fit on {min(theme_sample, n):,} articles (k={model.n_themes_})",
                 "seconds": t_fit})
    rows.append({"N": n, "stage": "themes: passages + assign (1 core)", "seconds": seconds["themes"],
                 "MB/s per core": mb / seconds["themes"]})
    for label, boot in (("", n_boot), (", --n-boot 0", 0)):
        wall, n_jobs, size, rss, sampled = end_to_end(folder, jobs, boot, theme_sample)
        rows.append({"N": n, "stage": f"END TO END: score --themes{label} ({n_jobs} processes, {size:,.0f} MB CSV)",
                     "seconds": wall, "MB/s": mb / wall, "MB/s per core": mb / wall / n_jobs,
                     "baseline ratio": mb / wall / n_jobs / naive, "peak RSS MB": rss, "sampled peak MB": sampled})
    for flag in ("", " --group-by kind"):
        wall, n_jobs, size, rss, sampled = end_to_end(grouped_corpus(folder), jobs, n_boot, theme_sample,
                                                      "kind" if flag else None)
        rows.append({"N": n, "stage": f"END TO END, grouped copy: score --themes{flag} ({n_jobs} processes, "
                                      f"{size:,.0f} MB CSV)", "seconds": wall, "MB/s": mb / wall,
                     "MB/s per core": mb / wall / n_jobs, "peak RSS MB": rss, "sampled peak MB": sampled})
    rows.append({"N": n, "stage": "naive baseline (1 regex per term)", "seconds": mb / naive,
                 "MB/s per core": naive, "baseline ratio": 1.0})
    print(f"N={n:,}: {mb:.1f} MB of text", file=sys.stderr)
    return rows


# --- the comparison with the baseline commit ------------------------------------------------------------------

#: row label prefix -> the key both commits' rows are matched on (the first prefix that fits)
_KEYS = (("END TO END, grouped copy: score --themes --group-by", "grouped copy: score --themes --group-by kind"),
         ("END TO END, grouped copy", "grouped copy: score --themes"),
         ("start-up", "start-up (s, once per process)"), ("SCORING", "SCORING: segment + stance + concepts"),
         ("scoring + bootstrap", "scoring + bootstrap CIs"), ("all stages", "all stages above"),
         ("themes: fit", "themes: fit (s)"), ("themes: passages", "themes: passages + assign"),
         ("END TO END: score --themes, --n-boot 0", "score --themes --n-boot 0"),
         ("END TO END", "score --themes"), ("naive", "naive baseline (1 regex per term)"))


def _key(stage: str) -> str:
    return next((key for prefix, key in _KEYS if stage.startswith(prefix)), stage)


def _by_key(rows: list[dict]) -> dict[tuple[int, str], dict]:
    return {(row["N"], _key(row["stage"])): row for row in rows}


def compare_stages(rows: list[dict], old_rows: list[dict]) -> pd.DataFrame:
    """Per size and stage: seconds and MB/s per core of both commits, and this ÷ baseline (> 1: faster now)."""
    new, old = _by_key(rows), _by_key(old_rows)
    out = []
    for n in dict.fromkeys(r["N"] for r in rows):
        if (n, "read") not in old:
            continue
        mb = new[n, "read"]["seconds"] * new[n, "read"]["MB/s per core"]
        # the lexicon work: stance and concepts find their own terms now; the baseline found both in one walk first
        lexicon_work = {"new": sum(new[n, s]["seconds"] for s in ("stance", "concepts")),
                        "old": sum(old[n, s]["seconds"] for s in ("scan", "stance", "concepts") if (n, s) in old)}
        keys = ["start-up (s, once per process)", "read", "segment", "scan", "stance", "bootstrap", "concepts", "CSV",
                "lexicon work: stance + concepts (baseline: + scan)", "SCORING: segment + stance + concepts",
                "scoring + bootstrap CIs", "all stages above", "themes: fit (s)", "themes: passages + assign",
                "naive baseline (1 regex per term)"]
        for key in keys:
            if key.startswith("lexicon work"):
                this, base = lexicon_work["new"], lexicon_work["old"]
            else:
                this, base = (new.get((n, key), {}).get("seconds"), old.get((n, key), {}).get("seconds"))
            speed = key not in ("start-up (s, once per process)", "themes: fit (s)")
            if key == "naive baseline (1 regex per term)":  # timed on a 1 MB slice, reported per MB
                this, base = (mb / new[n, key]["MB/s per core"], mb / old[n, key]["MB/s per core"])
            label = key + (" (baseline: + scan)" if key.startswith("SCORING") or key == "scoring + bootstrap CIs" else "")
            row = {"N": n, "stage": label, "this s": this, "baseline s": base}
            if speed:
                row["this MB/s per core"] = mb / this if this else np.nan
                row["baseline MB/s per core"] = mb / base if base else np.nan
            row["this ÷ baseline speed"] = base / this if this and base else np.nan
            out.append(row)
    return pd.DataFrame(out, columns=["N", "stage", "this s", "baseline s", "this MB/s per core",
                                      "baseline MB/s per core", "this ÷ baseline speed"])


def compare_end_to_end(rows: list[dict], old_rows: list[dict]) -> pd.DataFrame:
    """Per size: end-to-end wall seconds and peak memory of both commits."""
    new, old = _by_key(rows), _by_key(old_rows)
    out = []
    for (n, key), row in new.items():
        if key.startswith("score --themes") and (n, key) in old:
            base = old[n, key]
            processes = re.search(r"\((\d+) processes", row["stage"]).group(1)
            out.append({"N": n, "run": f"{key} ({processes} processes)", "this s": row["seconds"],
                        "baseline s": base["seconds"], "this ÷ baseline speed": base["seconds"] / row["seconds"],
                        "this peak RSS MB": row["peak RSS MB"], "baseline peak RSS MB": base["peak RSS MB"],
                        "this sampled peak MB": row["sampled peak MB"]})
    return pd.DataFrame(out)


def compare_lines(this: dict[str, int], base: dict[str, int]) -> pd.DataFrame:
    """``wc -l`` per module of both commits, with totals."""
    def fmt(v):
        return "" if v is None else f"{v:,}"

    rows = [{"module": m, "this": fmt(this.get(m)), "baseline": fmt(base.get(m))} for m in sorted(set(this) | set(base))]
    for label, keep in (("TOTAL", lambda m: True),
                        ("total without other issues' modules (*)", lambda m: m not in baseline.OTHER_ISSUES),
                        ("engine (analysis/engine/)", lambda m: m.startswith("analysis/engine/"))):
        rows.append({"module": label, "this": fmt(sum(v for m, v in this.items() if keep(m))),
                     "baseline": fmt(sum(v for m, v in base.items() if keep(m)))})
    return pd.DataFrame(rows)


def _print(title: str, table: pd.DataFrame) -> None:
    print(f"\n{title}")
    with pd.option_context("display.width", 250, "display.max_columns", 20, "display.max_colwidth", 90):
        print(table.to_string(index=False, float_format=lambda v: f"{v:,.2f}", na_rep=""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 50000], help="corpus sizes N")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for the score command (default: all cores)")
    parser.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples per article")
    parser.add_argument("--theme-sample", type=int, default=2000, help="articles the theme model is fitted on")
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "analysis-bench-scale"),
                        help="folder for the synthetic corpora and the baseline's worktree (reused between runs)")
    parser.add_argument("--baseline", default="3bb788d",
                        help="commit to compare with (default: the last before issue 14's redesign); 'none' to skip")
    parser.add_argument("--ab-rounds", type=int, default=3,
                        help="end to end on the largest N, this commit and the baseline in turn, this many times each")
    parser.add_argument("--profile", type=int, default=0, metavar="CHUNKS",
                        help="only profile scoring over this many chunks of the first size's corpus, and stop")
    args = parser.parse_args()
    cache = Path(args.cache)
    if args.profile:
        cb, lex = load_codebook(), load_stance_lexicon()
        start_up(lex, cb)
        profile_scoring(build_corpus(args.sizes[0], cache / f"corpus_{args.sizes[0]}"), args.profile, lex, cb)
        return
    package = Path(analysis.__file__).parent
    tree = None if args.baseline.lower() == "none" else baseline.worktree(args.baseline, cache)
    print(f"this commit: {baseline.describe(package)} ({package}); baseline: {args.baseline} ({tree})", file=sys.stderr)
    baseline.warm(package.parent)  # numba compiles and caches the kernels once, outside the timings
    if tree is not None:
        baseline.warm(tree / "src")
    rows, old_rows, old_printed, load = [], [], [], []
    for n in args.sizes:
        load.append(f"N={n:,} this commit {os.getloadavg()[0]:.1f}")
        rows += run(n, cache, args.jobs, args.n_boot, args.theme_sample)
        if tree is not None:  # the baseline right after, on the same corpus
            load.append(f"N={n:,} baseline {os.getloadavg()[0]:.1f}")
            old_args = [str(n), "--cache", str(cache), "--n-boot", str(args.n_boot), "--theme-sample",
                        str(args.theme_sample)] + (["--jobs", str(args.jobs)] if args.jobs else [])
            found, printed = baseline.run_old(tree, old_args)
            old_rows += found
            old_printed.append(printed)
    load.append(f"end {os.getloadavg()[0]:.1f}")
    print(f"load average (1 min; {os.cpu_count()} cores) as each part started: {'; '.join(load)}")
    table = pd.DataFrame(rows).reindex(columns=COLUMNS)
    _print(f"THIS COMMIT ({baseline.describe(package)})", table)
    e2e = table[table["stage"].str.startswith("END TO END: score --themes (")].set_index("N")["seconds"]
    if len(e2e) > 1:
        ns = np.array(e2e.index, dtype=float)
        slope = np.polyfit(np.log(ns), np.log(e2e.to_numpy()), 1)[0]
        print(f"end-to-end time grows as N^{slope:.2f} over N = {', '.join(f'{int(n):,}' for n in ns)}")
        for a, b in zip(e2e.index[:-1], e2e.index[1:]):
            print(f"  N {a:,} -> {b:,} ({b / a:.0f}x articles): {e2e[b] / e2e[a]:.1f}x time")
    copy = table[table["stage"].str.startswith("END TO END, grouped copy")]
    for n, runs in copy.groupby("N"):
        without, with_groups = runs["seconds"].tolist()
        print(f"N={n:,}: --group-by kind adds {with_groups - without:+.1f} s ({100 * (with_groups / without - 1):+.1f} %) "
              f"to the end-to-end time on the grouped copy ({without:.1f} s -> {with_groups:.1f} s; budget: 10 %)")
    if tree is None:
        return
    print(f"\nBASELINE {args.baseline} (its own bench_scale.py, as it printed it)")
    print("\n".join(p.rstrip("\n") for p in old_printed))
    _print(f"STAGES, this commit vs baseline {args.baseline} (CPU seconds on one core; speed ratio > 1: faster now)",
           compare_stages(rows, old_rows))
    _print(f"END TO END, this commit vs baseline {args.baseline} (wall seconds; peak RSS: main + workers x largest "
           "worker, an upper bound; sampled: largest summed RSS)", compare_end_to_end(rows, old_rows))
    _print(f"LIBRARY SIZE: wc -l of src/analysis/**/*.py, this commit vs baseline {args.baseline}",
           compare_lines(baseline.line_counts(package), baseline.line_counts(tree / "src" / "analysis")))
    print(f"(*) other issues' modules: {', '.join(baseline.OTHER_ISSUES)}")
    if args.ab_rounds:
        n = max(args.sizes)
        print(f"\nEND TO END IN TURNS, N={n:,}: `score --themes`, this commit and baseline {args.baseline} alternating "
              "(benchmarks/bench_ab.py; wall seconds of the whole command; probe: seconds of a fixed Python loop just "
              "before, larger = slower machine)")
        alternate(cache / f"corpus_{n}", {"this": package.parent, "baseline": tree / "src"}, args.ab_rounds, args.jobs)


if __name__ == "__main__":
    main()
