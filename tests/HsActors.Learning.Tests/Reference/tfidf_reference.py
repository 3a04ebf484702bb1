"""Reference numbers from scikit-learn for HsActors.Learning tests.

Reads one JSON request on stdin and prints one JSON answer on stdout:
  {"tfidf": {"documents": [...], "configs": [{"name", "word_max", "char_min", "char_max", "sublinear", "l2", "min_df"}]},
   "metrics": [{"truth": [...], "predicted": [...], "confidence": [...], "correct": [...], "bins": 15}]}
Word and char_wb features are fitted by two TfidfVectorizers (whitespace tokens, no lower-casing) without
normalisation, stacked, then L2-normalised together, which is what HsActors' single index space does.
"""
import json
import sys

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support
from sklearn.preprocessing import normalize


def tfidf(documents, config):
    blocks, features = [], []
    common = dict(lowercase=False, sublinear_tf=config["sublinear"], smooth_idf=True, use_idf=True, norm=None,
                  min_df=config["min_df"])
    if config["word_max"] > 0:
        words = TfidfVectorizer(analyzer="word", tokenizer=str.split, token_pattern=None,
                                ngram_range=(1, config["word_max"]), **common)
        blocks.append(words.fit_transform(documents))
        features += [{"kind": "word", "gram": g} for g in words.get_feature_names_out()]
    if config["char_max"] > 0:
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(config["char_min"], config["char_max"]), **common)
        blocks.append(chars.fit_transform(documents))
        features += [{"kind": "char", "gram": g} for g in chars.get_feature_names_out()]
    matrix = sp.hstack(blocks).tocsr()
    if config["l2"]:
        matrix = normalize(matrix, norm="l2")
    rows = []
    for r in range(matrix.shape[0]):
        start, end = matrix.indptr[r], matrix.indptr[r + 1]
        rows.append([[int(c), float(v)] for c, v in zip(matrix.indices[start:end], matrix.data[start:end])])
    return {"name": config["name"], "features": features, "rows": rows}


def expected_calibration_error(confidence, correct, bins):
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    which = np.minimum(np.floor(confidence * bins).astype(int), bins - 1)
    error = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            error += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(error)


def metrics(case):
    truth, predicted = case["truth"], case["predicted"]
    labels = sorted(set(truth) | set(predicted))
    answer = {"accuracy": float(accuracy_score(truth, predicted)), "support": len(truth), "labels": labels}
    for average in ("macro", "weighted"):
        p, r, f, _ = precision_recall_fscore_support(truth, predicted, average=average, zero_division=0)
        answer[average] = {"precision": float(p), "recall": float(r), "f1": float(f)}
    answer["confusion"] = confusion_matrix(truth, predicted, labels=labels).tolist()
    answer["confusion_normalized"] = np.nan_to_num(
        confusion_matrix(truth, predicted, labels=labels, normalize="true")).tolist()
    if "confidence" in case:
        answer["ece"] = expected_calibration_error(case["confidence"], case["correct"], case.get("bins", 15))
    return answer


def main():
    request = json.load(sys.stdin)
    answer = {}
    if "tfidf" in request:
        documents = request["tfidf"]["documents"]
        answer["tfidf"] = [tfidf(documents, c) for c in request["tfidf"]["configs"]]
    if "metrics" in request:
        answer["metrics"] = [metrics(c) for c in request["metrics"]]
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
