#!/usr/bin/python3
"""Writes a fold directory in the layout of `hs evaluate --export-folds`, built from the bundled data only.

It exists so compare.py can be developed and timed without the .NET export: the training side approximates
HsActors' training corpus (nomenclature lines joined with their parents, EN and ID, plus HMRC references) and the
test side is HMRC references at 6 digits. pred-hsactors.tsv is a noisy oracle, so its scores mean nothing.
"""
import argparse
import csv
import json
import os
import random
import re
import sys
import unicodedata

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HMRC = os.path.join(REPO, "src", "HsActors.Corpus", "Data", "hmrc-fpo")
NOMENCLATURE = os.path.join(REPO, "src", "HsActors.Nomenclature", "Data")


def cleanse(raw):
    """A rough stand-in for HsActors' CleansingPipeline: lower case, accents and everything but letters removed."""
    text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.sub(r"[^a-z]+", " ", text).split())


def hmrc_rows():
    rows = []
    with open(os.path.join(HMRC, "extra_references.csv"), newline="", encoding="utf-8") as f:
        for record in csv.DictReader(f):
            code = record["Commodity Code"].strip()
            if code.isdigit() and len(code) >= 6:
                rows.append((code[:6], record["Goods Description"]))
    with open(os.path.join(HMRC, "search_references.json"), encoding="utf-8") as f:
        for term, code in json.load(f).items():
            if code.isdigit() and len(code) >= 6:
                rows.append((code[:6], term))
    return rows


def nomenclature_rows():
    rows = []
    wco = {}
    with open(os.path.join(NOMENCLATURE, "wco-hs2022", "harmonized-system.csv"), newline="", encoding="utf-8") as f:
        for record in csv.DictReader(f):
            wco[record["hscode"]] = record
    for code, record in wco.items():
        if record["level"] == "6":
            parent = wco.get(record["parent"], {}).get("description", "")
            rows.append((code, parent + " " + record["description"]))
    descriptions = {}
    with open(os.path.join(NOMENCLATURE, "btki-2022", "btki-2022.csv"), newline="", encoding="utf-8") as f:
        for record in csv.DictReader(f):
            digits = record["hs_code"].replace(".", "")
            descriptions[digits] = (record["description_en"], record["description_id"])
            if record["hs_level"] == "8" and len(digits) == 8:
                for language in (0, 1):
                    parts = [descriptions.get(digits[:n], ("", ""))[language] for n in (4, 6)]
                    rows.append((digits, " ".join(parts + [record["description_en" if language == 0 else "description_id"]])))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dir", help="output directory (fold-0 .. fold-k-1 are created in it)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write-folds", type=int, default=None, help="write only the first N folds (for timing)")
    parser.add_argument("--no-nomenclature", action="store_true", help="HMRC rows only (a small, fast fake)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    test_pool = hmrc_rows()
    rng.shuffle(test_pool)
    always_train = [] if args.no_nomenclature else nomenclature_rows()
    all_codes = sorted({c for c, _ in test_pool} | {c[:6] for c, _ in always_train})
    for k in range(args.write_folds or args.folds):
        test = test_pool[k::args.folds]
        train = always_train + [r for i, r in enumerate(test_pool) if i % args.folds != k]
        fold_dir = os.path.join(args.dir, "fold-%d" % k)
        os.makedirs(fold_dir, exist_ok=True)
        for name, rows in (("train.tsv", train), ("test.tsv", test)):
            with open(os.path.join(fold_dir, name), "w", encoding="utf-8") as f:
                for code, raw in rows:
                    raw = " ".join(raw.split())
                    f.write("%s\t%s\t%s\n" % (code, cleanse(raw), raw))
        with open(os.path.join(fold_dir, "pred-hsactors.tsv"), "w", encoding="utf-8") as f:
            for code, _ in test:
                ranked = rng.sample(all_codes, 10)
                if rng.random() < 0.8:
                    ranked.insert(rng.randrange(0, 3), code)
                f.write(" ".join(ranked) + "\n")
        print("%s: %d train rows, %d test rows" % (fold_dir, len(train), len(test)), file=sys.stderr)


if __name__ == "__main__":
    main()
