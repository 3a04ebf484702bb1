#!/usr/bin/python3
"""External-baseline comparison of HsActors on the folds exported by `hs evaluate --cv K --export-folds DIR`.

Trains the seed paper's method (TF-IDF + LinearSVC, one-vs-rest, C=1), a stronger TF-IDF variant and fastText on
exactly HsActors' folds, and scores every system, HsActors included, with the one scorer in this file.
Writes DIR/baselines.json and DIR/baselines.md. See README.md beside this file.
"""
import argparse
import contextlib
import hashlib
import json
import math
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

INSTALL_HINT = "install it with: apt-get install -y python3-sklearn fasttext (and run this script with /usr/bin/python3)"
TOP_N = 20
# In this order per fold: the slowest (sklearn-ngrams, ~5x sklearn-paper) last.
SYSTEM_NAMES = ("hsactors", "sklearn-paper", "fasttext", "sklearn-ngrams")
# sklearn-ngrams is left out unless asked for (--systems all): ~40 CPU minutes a fold on ~34k rows x ~5,700 classes,
# and on the fake folds no better than sklearn-paper (README.md).
DEFAULT_SYSTEMS = ("hsactors", "sklearn-paper", "fasttext")


class InputError(Exception):
    """Malformed or missing fold data; reported as one clear line and a non-zero exit."""


def cpu_seconds():
    """User + system CPU of this process and its reaped children (pool workers, fastText), robust to a busy machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def log(message):
    print(message, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------------------------
# Reading the export
# ----------------------------------------------------------------------------------------------------------------

def read_rows(path):
    """code<TAB>cleansed<TAB>raw rows; the code must be 2-10 digits."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line:
                raise InputError("%s:%d: empty line (expected code<TAB>cleansed<TAB>raw)" % (path, number))
            fields = line.split("\t")
            if len(fields) != 3:
                raise InputError("%s:%d: expected 3 tab-separated columns, found %d" % (path, number, len(fields)))
            code = fields[0].strip()
            if not (code.isdigit() and code.isascii() and 2 <= len(code) <= 10):
                raise InputError("%s:%d: code %r is not a 2-10 digit string" % (path, number, fields[0]))
            rows.append((code, fields[1]))
    if not rows:
        raise InputError("%s: no rows" % path)
    return rows


def read_rankings(path, expected_rows):
    rankings = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            codes = line.split()
            for code in codes:
                if not (code.isdigit() and code.isascii()):
                    raise InputError("%s:%d: %r is not a digit code" % (path, number, code))
            rankings.append(codes)
    if len(rankings) != expected_rows:
        raise InputError("%s: %d lines but the fold's test.tsv has %d rows" % (path, len(rankings), expected_rows))
    return rankings


def find_folds(directory):
    if not os.path.isdir(directory):
        raise InputError("%s is not a directory" % directory)
    folds = []
    for name in os.listdir(directory):
        if name.startswith("fold-") and name[5:].isdigit() and os.path.isdir(os.path.join(directory, name)):
            folds.append((int(name[5:]), os.path.join(directory, name)))
    if not folds:
        raise InputError("%s holds no fold-<k> directories (run `hs evaluate --cv 5 --export-folds %s`)"
                         % (directory, directory))
    folds.sort()
    for _, fold_dir in folds:
        for name in ("train.tsv", "test.tsv", "pred-hsactors.tsv"):
            if not os.path.isfile(os.path.join(fold_dir, name)):
                raise InputError("%s is missing %s" % (fold_dir, name))
    return [fold_dir for _, fold_dir in folds]


# ----------------------------------------------------------------------------------------------------------------
# The one scorer
# ----------------------------------------------------------------------------------------------------------------

def distinct_prefixes(ranked_codes, level, limit):
    """The first `limit` distinct level-digit prefixes of a ranked list, best first (codes shorter than level skipped)."""
    seen = []
    for code in ranked_codes:
        if len(code) < level:
            continue
        prefix = code[:level]
        if prefix not in seen:
            seen.append(prefix)
            if len(seen) == limit:
                break
    return seen


def macro_f1(truth, predicted):
    """Macro-F1 over the union of true and predicted labels (sklearn's f1_score(average='macro') definition).

    A None prediction (empty ranking) is a miss for its true label and no label's false positive."""
    tp, fp, fn = {}, {}, {}
    for t, p in zip(truth, predicted):
        if p == t:
            tp[t] = tp.get(t, 0) + 1
            continue
        fn[t] = fn.get(t, 0) + 1
        if p is not None:
            fp[p] = fp.get(p, 0) + 1
    labels = set(truth) | {p for p in predicted if p is not None}
    total = 0.0
    for label in labels:
        hits = tp.get(label, 0)
        precision_denominator = hits + fp.get(label, 0)
        recall_denominator = hits + fn.get(label, 0)
        precision = hits / precision_denominator if precision_denominator else 0.0
        recall = hits / recall_denominator if recall_denominator else 0.0
        total += 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return total / len(labels) if labels else 0.0


def score(truth_codes, rankings, levels, ks=(1, 5)):
    """{level: {"top1": .., "top5": .., "macro_f1": .., "rows": ..}} for one system on one fold.

    A test row counts at the levels its true code reaches (a 4-digit truth is scored at 2 and 4, not at 6)."""
    if len(truth_codes) != len(rankings):
        raise ValueError("%d truths but %d rankings" % (len(truth_codes), len(rankings)))
    result = {}
    for level in levels:
        hits = {k: 0 for k in ks}
        truth_at_level, top1_at_level = [], []
        for truth, ranked in zip(truth_codes, rankings):
            if len(truth) < level:
                continue
            expected = truth[:level]
            prefixes = distinct_prefixes(ranked, level, max(ks))
            for k in ks:
                if expected in prefixes[:k]:
                    hits[k] += 1
            truth_at_level.append(expected)
            top1_at_level.append(prefixes[0] if prefixes else None)
        if not truth_at_level:
            continue
        metrics = {"top%d" % k: hits[k] / len(truth_at_level) for k in ks}
        metrics["macro_f1"] = macro_f1(truth_at_level, top1_at_level)
        metrics["rows"] = len(truth_at_level)
        result[level] = metrics
    return result


# ----------------------------------------------------------------------------------------------------------------
# sklearn: TF-IDF + LinearSVC one-vs-rest, parallel over classes
# ----------------------------------------------------------------------------------------------------------------

# The n-gram variant drops n-grams found in more than NGRAM_MAX_DF of the training rows (but never one found in at
# most NGRAM_MAX_DF_FLOOR rows): they carry almost no idf weight but most of the non-zeros, and one-vs-rest
# LinearSVC time grows with the non-zeros (measured in README.md).
NGRAM_MAX_DF = 0.01
NGRAM_MAX_DF_FLOOR = 100


def make_vectorizer(variant, train_rows):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion
    if variant == "sklearn-paper":
        return TfidfVectorizer()  # the paper: defaults, i.e. word unigrams, raw tf * smooth idf, L2 rows
    max_df = max(int(NGRAM_MAX_DF * train_rows), NGRAM_MAX_DF_FLOOR)
    return FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_df=max_df)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2,
                                  max_df=max_df)),
    ])


# Set in the parent before the worker pool forks, so the training matrix is shared copy-on-write, not pickled.
_OVR_STATE = {}


def _fit_class_chunk(class_indices):
    import numpy as np
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.svm import LinearSVC
    x_train, labels, x_test = _OVR_STATE["x_train"], _OVR_STATE["labels"], _OVR_STATE["x_test"]
    scores = np.empty((x_test.shape[0], len(class_indices)), dtype=np.float32)
    not_converged = 0
    for column, class_index in enumerate(class_indices):
        # Exactly liblinear's own one-vs-rest sub-problem for this class (LinearSVC multi-class does the same loop),
        # fitted here so the dense (classes x features) weight matrix never has to exist at once.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            model = LinearSVC(C=1.0, random_state=0).fit(x_train, labels == class_index)
        not_converged += any(issubclass(w.category, ConvergenceWarning) for w in caught)
        scores[:, column] = model.decision_function(x_test)
    return class_indices, scores, not_converged


def one_vs_rest_scores(x_train, labels, class_count, x_test, jobs, progress=None):
    """Decision scores (test rows x classes) of C=1 one-vs-rest LinearSVC."""
    import numpy as np
    _OVR_STATE.update(x_train=x_train, labels=labels, x_test=x_test)
    try:
        # Frequent classes first and interleaved, so the workers finish together.
        order = np.argsort(-np.bincount(labels, minlength=class_count), kind="stable")
        chunk_count = max(jobs * 8, 1)
        chunks = [order[i::chunk_count] for i in range(chunk_count) if len(order[i::chunk_count])]
        scores = np.empty((x_test.shape[0], class_count), dtype=np.float32)
        started = time.monotonic()
        with contextlib.ExitStack() as stack:
            if jobs <= 1:
                results = map(_fit_class_chunk, chunks)
            else:
                pool = stack.enter_context(multiprocessing.get_context("fork").Pool(jobs))
                results = pool.imap_unordered(_fit_class_chunk, chunks)
            not_converged = 0
            for done, (indices, chunk_scores, chunk_not_converged) in enumerate(results, 1):
                scores[:, indices] = chunk_scores
                not_converged += chunk_not_converged
                if progress and done % max(len(chunks) // 4, 1) == 0 and done < len(chunks):
                    log("    %s: %d/%d class chunks fitted (%.0fs)" % (progress, done, len(chunks),
                                                                     time.monotonic() - started))
        if not_converged:
            log("    warning: liblinear did not converge (max_iter=1000) for %d of %d classes"
                % (not_converged, class_count))
        return scores
    finally:
        _OVR_STATE.clear()


def top_codes(scores, classes, n):
    import numpy as np
    n = min(n, scores.shape[1])
    part = np.argpartition(-scores, n - 1, axis=1)[:, :n]
    order = np.take_along_axis(scores, part, axis=1).argsort(axis=1)[:, ::-1]
    best = np.take_along_axis(part, order, axis=1)
    return [[classes[i] for i in row] for row in best]


def run_sklearn(variant, train_texts, train_labels, test_texts, jobs):
    import numpy as np
    started = time.monotonic()
    classes = sorted(set(train_labels))
    if len(classes) < 2:
        raise InputError("the training fold has fewer than 2 classes")
    index = {c: i for i, c in enumerate(classes)}
    labels = np.array([index[c] for c in train_labels], dtype=np.int32)
    vectorizer = make_vectorizer(variant, len(train_texts))
    x_train = vectorizer.fit_transform(train_texts).tocsr()
    x_test = vectorizer.transform(test_texts).tocsr()
    scores = one_vs_rest_scores(x_train, labels, len(classes), x_test, jobs, progress=variant)
    train_seconds = time.monotonic() - started
    started = time.monotonic()
    rankings = top_codes(scores, classes, TOP_N)
    # Scores come out of training (test rows are scored class by class), so "predict" is only the ranking.
    return rankings, train_seconds, time.monotonic() - started, {"features": x_train.shape[1],
                                                                 "nonzeros": int(x_train.nnz)}


# ----------------------------------------------------------------------------------------------------------------
# fastText (CLI)
# ----------------------------------------------------------------------------------------------------------------

# Negative sampling, not softmax: softmax over ~5,700 classes costs ~15 CPU minutes a fold; with ns and 50 epochs at
# lr 1.0 fastText came closest to softmax quality on the fake folds (README.md).
FASTTEXT_ARGS = ["-epoch", "50", "-lr", "1.0", "-wordNgrams", "2", "-minn", "3", "-maxn", "5", "-dim", "100",
                 "-loss", "ns", "-neg", "25", "-bucket", "500000", "-minCount", "1", "-seed", "1"]
LABEL_PREFIX = "__label__"


def fasttext_text(text):
    # A token that starts with the label prefix would be read as a label, not a word.
    return " ".join(t for t in text.split() if not t.startswith(LABEL_PREFIX))


def run_fasttext(fasttext, train_texts, train_labels, test_texts, jobs, work_dir):
    train_path = os.path.join(work_dir, "train.txt")
    test_path = os.path.join(work_dir, "test.txt")
    model_prefix = os.path.join(work_dir, "model")
    with open(train_path, "w", encoding="utf-8") as f:
        for label, text in zip(train_labels, train_texts):
            f.write("%s%s %s\n" % (LABEL_PREFIX, label, fasttext_text(text)))
    with open(test_path, "w", encoding="utf-8") as f:
        for text in test_texts:
            f.write(fasttext_text(text) + "\n")
    started = time.monotonic()
    run_tool([fasttext, "supervised", "-input", train_path, "-output", model_prefix, "-thread", str(jobs),
              "-verbose", "0"] + FASTTEXT_ARGS)
    train_seconds = time.monotonic() - started
    started = time.monotonic()
    output = run_tool([fasttext, "predict-prob", model_prefix + ".bin", test_path, str(TOP_N)])
    predict_seconds = time.monotonic() - started
    lines = output.splitlines()
    if len(lines) != len(test_texts):
        raise RuntimeError("fasttext predict-prob returned %d lines for %d test rows" % (len(lines), len(test_texts)))
    rankings = []
    for line in lines:
        tokens = line.split()
        rankings.append([t[len(LABEL_PREFIX):] for t in tokens[0::2] if t.startswith(LABEL_PREFIX)])
    return rankings, train_seconds, predict_seconds, {}


def run_tool(command):
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if completed.returncode != 0:
        raise RuntimeError("%s failed with exit code %d: %s" % (" ".join(command[:2]), completed.returncode,
                                                                completed.stderr.strip()[-2000:]))
    return completed.stdout


# ----------------------------------------------------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------------------------------------------------

def check_dependencies(systems):
    """Returns the fasttext executable (or None); exits non-zero naming what is missing."""
    missing = []
    try:
        import numpy  # noqa: F401
    except ImportError:
        missing.append("numpy (python3-numpy)")
    if any(s.startswith("sklearn") for s in systems):
        try:
            import sklearn  # noqa: F401
        except ImportError:
            missing.append("scikit-learn for %s (python3-sklearn)" % sys.executable)
    fasttext = None
    if "fasttext" in systems:
        fasttext = shutil.which("fasttext")
        if fasttext is None:
            missing.append("the fasttext command line tool (fasttext)")
    if missing:
        log("error: missing " + "; ".join(missing) + " -- " + INSTALL_HINT)
        sys.exit(3)
    return fasttext


# ----------------------------------------------------------------------------------------------------------------
# Cached baseline rankings: a baseline's ranking depends only on the fold's files and its settings, so a rerun that
# only brings new HsActors predictions (same split) need not retrain sklearn for a quarter of an hour a fold.
# ----------------------------------------------------------------------------------------------------------------

def cache_key(fold_dir, system):
    digest = hashlib.sha256()
    for name in ("train.tsv", "test.tsv"):
        with open(os.path.join(fold_dir, name), "rb") as f:
            digest.update(f.read())
    digest.update(repr((system, FASTTEXT_ARGS if system == "fasttext" else system, TOP_N)).encode())
    return digest.hexdigest()


def load_cached(fold_dir, system):
    meta_path = os.path.join(fold_dir, "pred-%s.meta.json" % system)
    if not os.path.exists(meta_path):
        return None
    with open(meta_path, encoding="utf-8") as f:
        meta = json.load(f)
    if meta.get("key") != cache_key(fold_dir, system):
        return None
    test_rows = len(read_rows(os.path.join(fold_dir, "test.tsv")))
    rankings = read_rankings(os.path.join(fold_dir, "pred-%s.tsv" % system), test_rows)
    return rankings, meta["train_seconds"], meta["predict_seconds"], meta["extra"], meta["cpu_seconds"]


def save_cached(fold_dir, system, rankings, train_seconds, predict_seconds, extra, cpu):
    with open(os.path.join(fold_dir, "pred-%s.tsv" % system), "w", encoding="utf-8") as f:
        for ranking in rankings:
            f.write(" ".join(ranking) + "\n")
    with open(os.path.join(fold_dir, "pred-%s.meta.json" % system), "w", encoding="utf-8") as f:
        json.dump({"key": cache_key(fold_dir, system), "train_seconds": train_seconds, "predict_seconds": predict_seconds,
                   "extra": extra, "cpu_seconds": cpu}, f)



def evaluate_fold(fold_dir, systems, jobs, fasttext, depth, use_cache=True):
    train = read_rows(os.path.join(fold_dir, "train.tsv"))
    test = read_rows(os.path.join(fold_dir, "test.tsv"))
    # Baselines predict at the finest level of the test truths (6 digits for the HMRC test rows); the few shorter
    # truths (HMRC has some 4-digit codes) are scored at the levels they reach.
    level = max(len(code) for code, _ in test)
    levels = [l for l in (2, 4, 6, 8, 10) if l <= level]
    short = sum(1 for code, _ in test if len(code) < level)
    if short:
        log("  %s: %d test rows have codes shorter than %d digits; they count only at the levels they reach"
            % (fold_dir, short, level))
    usable = [(code[:level], text) for code, text in train if len(code) >= level]
    if len(usable) < len(train):
        log("  %s: %d training rows have codes shorter than %d digits and are left out"
            % (fold_dir, len(train) - len(usable), level))
    train_labels = [code for code, _ in usable]
    train_texts = [text for _, text in usable]
    test_truth = [code for code, _ in test]
    test_texts = [text for _, text in test]
    result = {"fold": os.path.basename(fold_dir), "train_rows": len(usable), "test_rows": len(test),
              "classes": len(set(train_labels)), "label_level": level, "systems": {}}
    log("%s: %d train rows, %d test rows, %d classes at %d digits"
        % (result["fold"], len(usable), len(test), result["classes"], level))
    for system in systems:
        started, cpu_started = time.monotonic(), cpu_seconds()
        if system == "hsactors":
            rankings = read_rankings(os.path.join(fold_dir, "pred-hsactors.tsv"), len(test))
            train_seconds, predict_seconds, extra = None, None, {}
        else:
            cached = load_cached(fold_dir, system) if use_cache else None
            if cached is not None:
                rankings, train_seconds, predict_seconds, extra, cpu = cached
                log("  %s: reusing pred-%s.tsv (same fold files and settings)" % (result["fold"], system))
            else:
                if system == "fasttext":
                    with tempfile.TemporaryDirectory(prefix="hs-baselines-") as work_dir:
                        rankings, train_seconds, predict_seconds, extra = run_fasttext(
                            fasttext, train_texts, train_labels, test_texts, jobs, work_dir)
                else:
                    rankings, train_seconds, predict_seconds, extra = run_sklearn(
                        system, train_texts, train_labels, test_texts, jobs)
                cpu = cpu_seconds() - cpu_started
                save_cached(fold_dir, system, rankings, train_seconds, predict_seconds, extra, cpu)
        if system == "hsactors":
            cpu = cpu_seconds() - cpu_started
        # Every system is scored on the same number of ranked codes (HsActors exports at most 10).
        metrics = score(test_truth, [r[:depth] for r in rankings], levels)
        result["systems"][system] = dict(extra, train_seconds=train_seconds, predict_seconds=predict_seconds,
                                         cpu_seconds=None if train_seconds is None else cpu,
                                         levels={str(l): m for l, m in metrics.items()})
        finest = metrics[levels[-1]]
        timing = "" if train_seconds is None else " train %.1fs predict %.1fs cpu %.1fs" % (train_seconds, predict_seconds, cpu)
        log("  %-15s top-1@%d %.4f top-5@%d %.4f macro-F1@%d %.4f%s (%.1fs wall)"
            % (system, levels[-1], finest["top1"], levels[-1], finest["top5"], levels[-1], finest["macro_f1"],
               timing, time.monotonic() - started))
    return result


def mean_std(values):
    mean = sum(values) / len(values)
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1)) if len(values) > 1 else 0.0
    return {"mean": mean, "std": std}


def summarize(fold_results, systems):
    summary = {}
    for system in systems:
        per_level = {}
        for level in fold_results[0]["systems"][system]["levels"]:
            per_level[level] = {metric: mean_std([f["systems"][system]["levels"][level][metric] for f in fold_results])
                                for metric in ("top1", "top5", "macro_f1")}
        train = [f["systems"][system]["train_seconds"] for f in fold_results]
        predict = [f["systems"][system]["predict_seconds"] for f in fold_results]
        cpu = [f["systems"][system]["cpu_seconds"] for f in fold_results]
        summary[system] = {"levels": per_level,
                           "train_seconds": mean_std(train) if None not in train else None,
                           "predict_seconds": mean_std(predict) if None not in predict else None,
                           "cpu_seconds": mean_std(cpu) if None not in cpu else None}
    return summary


def markdown(summary, fold_results, jobs, depth):
    def cell(stat):
        return "%.3f ± %.3f" % (stat["mean"], stat["std"])

    def seconds(stat):
        return "%.1f ± %.1f" % (stat["mean"], stat["std"])
    lines = ["| system | level | top-1 | top-5 | macro-F1 (top-1) |", "|---|---|---|---|---|"]
    for system, data in summary.items():
        for level, metrics in data["levels"].items():
            lines.append("| %s | %s | %s | %s | %s |" % (system, level, cell(metrics["top1"]), cell(metrics["top5"]),
                                                        cell(metrics["macro_f1"])))
    lines += ["", "| system | train s / fold (wall) | predict s / fold (wall) | CPU s / fold (train + predict) |",
              "|---|---|---|---|"]
    for system, data in summary.items():
        if data["train_seconds"] is None:
            lines.append("| %s | (exported) | (exported) | (exported) |" % system)
        else:
            lines.append("| %s | %s | %s | %s |" % (system, seconds(data["train_seconds"]),
                                                    seconds(data["predict_seconds"]), seconds(data["cpu_seconds"])))
    lines += ["", "Mean ± sample std over %d folds; %d-%d train rows, %d-%d test rows, %d-%d classes per fold; "
              "top-k at level L = truth's L-digit prefix among the first k distinct L-digit prefixes of the "
              "ranked list (each system's first %d codes); %d worker(s)."
              % (len(fold_results), min(f["train_rows"] for f in fold_results),
                 max(f["train_rows"] for f in fold_results), min(f["test_rows"] for f in fold_results),
                 max(f["test_rows"] for f in fold_results), min(f["classes"] for f in fold_results),
                 max(f["classes"] for f in fold_results), depth, jobs)]
    return "\n".join(lines) + "\n"


def write_reports(args, systems, fold_results, fold_count, seconds):
    summary = summarize(fold_results, systems)
    table = markdown(summary, fold_results, args.jobs, args.depth)
    report = {"dir": os.path.abspath(args.dir), "systems": systems, "jobs": args.jobs, "top_n": TOP_N,
              "scored_depth": args.depth,
              "folds_done": len(fold_results), "folds_total": fold_count,
              "settings": {"sklearn-paper": "TfidfVectorizer() + one-vs-rest LinearSVC(C=1)",
                           "sklearn-ngrams": "TfidfVectorizer(word 1-2) + TfidfVectorizer(char_wb 3-5), "
                                             "sublinear_tf, min_df=2, max_df=max(%g of rows, %d rows) + one-vs-rest "
                                             "LinearSVC(C=1)" % (NGRAM_MAX_DF, NGRAM_MAX_DF_FLOOR),
                           "fasttext": " ".join(FASTTEXT_ARGS + ["-thread", str(args.jobs)])},
              "total_seconds": seconds, "folds": fold_results, "summary": summary}
    with open(os.path.join(args.dir, "baselines.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
    heading = "# HsActors vs external baselines (%s)\n\n" % os.path.abspath(args.dir)
    if len(fold_results) < fold_count:
        heading += "**Partial: %d of %d folds done.**\n\n" % (len(fold_results), fold_count)
    with open(os.path.join(args.dir, "baselines.md"), "w", encoding="utf-8") as f:
        f.write(heading + table)
    return table


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", nargs="?", default="/tmp/hs-folds", help="fold export directory [/tmp/hs-folds]")
    parser.add_argument("--systems", default=",".join(DEFAULT_SYSTEMS),
                        help="'all' or a comma-separated subset of: %s [%s]"
                             % (", ".join(SYSTEM_NAMES), ",".join(DEFAULT_SYSTEMS)))
    parser.add_argument("--jobs", type=int, default=2, help="worker processes / fastText threads [2]")
    parser.add_argument("--depth", type=int, default=10,
                        help="ranked codes per test row scored for every system; HsActors exports 10 [10]")
    parser.add_argument("--no-cache", action="store_true", help="retrain baselines even when pred-<system>.tsv matches the fold")
    parser.add_argument("--max-folds", type=int, default=None, help="use only the first N folds (quick runs)")
    args = parser.parse_args(argv)

    systems = list(SYSTEM_NAMES) if args.systems == "all" else [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEM_NAMES]
    if unknown or not systems:
        parser.error("unknown system(s) %s; choose from %s" % (", ".join(unknown) or "(none)", ", ".join(SYSTEM_NAMES)))
    if not 1 <= args.depth <= TOP_N:
        parser.error("--depth must be between 1 and %d" % TOP_N)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    fasttext = check_dependencies(systems)
    try:
        folds = find_folds(args.dir)[:args.max_folds]
        started = time.monotonic()
        fold_results = []
        for fold_dir in folds:
            fold_results.append(evaluate_fold(fold_dir, systems, args.jobs, fasttext, args.depth, not args.no_cache))
            # Written after every fold, so a long run leaves usable partial results.
            table = write_reports(args, systems, fold_results, len(folds), time.monotonic() - started)
    except InputError as error:
        log("error: %s" % error)
        return 2
    print(table)
    log("wrote %s and %s (%.0fs in all)" % (os.path.join(args.dir, "baselines.json"),
                                            os.path.join(args.dir, "baselines.md"), time.monotonic() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
