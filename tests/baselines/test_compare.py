#!/usr/bin/python3
"""Checks of compare.py: the scorer, the one-vs-rest training and a whole run on a tiny fold directory.

Run: /usr/bin/python3 -B -m unittest discover -s tests/baselines -v   (needs python3-sklearn and fasttext)
"""
import contextlib
import io
import json
import os
import random
import tempfile
import unittest

import compare


class DistinctPrefixTopK(unittest.TestCase):
    def test_top_k_counts_distinct_prefixes_not_list_positions(self):
        # Six codes under 0101 then one under 0102: 0102 is the 2nd distinct heading though 7th in the list.
        ranked = ["010121", "010129", "010130", "010190", "010110", "010111", "010221"]
        result = compare.score(["010221"], [ranked], [2, 4, 6])
        self.assertEqual(result[2], {"top1": 1.0, "top5": 1.0, "macro_f1": 1.0, "rows": 1})
        self.assertEqual(result[4]["top1"], 0.0)
        self.assertEqual(result[4]["top5"], 1.0)
        self.assertEqual(result[6]["top5"], 0.0)

    def test_eight_digit_predictions_are_scored_by_their_prefix_and_short_codes_skipped(self):
        result = compare.score(["847130"], [["84", "84713000", "84713010"]], [4, 6])
        self.assertEqual(result[6]["top1"], 1.0)
        self.assertEqual(result[4]["top1"], 1.0)

    def test_empty_ranking_is_a_miss(self):
        result = compare.score(["847130", "847130"], [[], ["847130"]], [6])
        self.assertEqual(result[6]["top1"], 0.5)
        self.assertEqual(result[6]["top5"], 0.5)
        # Label 847130: precision 1, recall 1/2.
        self.assertAlmostEqual(result[6]["macro_f1"], 2 * 1 * 0.5 / 1.5)

    def test_short_truth_counts_only_at_the_levels_it_reaches(self):
        # HMRC has a few 4-digit truths: they must not count as misses (or hits) at 6 digits.
        result = compare.score(["3304", "847130"], [["330499"], ["847130"]], [4, 6])
        self.assertEqual(result[4]["rows"], 2)
        self.assertEqual(result[4]["top1"], 1.0)
        self.assertEqual(result[6]["rows"], 1)
        self.assertEqual(result[6]["top1"], 1.0)

    def test_length_mismatch_is_rejected(self):
        with self.assertRaises(ValueError):
            compare.score(["847130"], [], [6])


class MacroF1(unittest.TestCase):
    def test_matches_sklearn_macro_f1_on_random_labels(self):
        from sklearn.metrics import f1_score
        rng = random.Random(7)
        for _ in range(20):
            truth = [rng.choice("abcdef") for _ in range(60)]
            predicted = [t if rng.random() < 0.5 else rng.choice("abcdefgh") for t in truth]
            self.assertAlmostEqual(compare.macro_f1(truth, predicted),
                                   f1_score(truth, predicted, average="macro", zero_division=0))


class OneVsRest(unittest.TestCase):
    def test_per_class_fits_reproduce_multiclass_linearsvc(self):
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC
        rng = random.Random(3)
        vocabulary = [["apple", "pear", "fruit"], ["car", "wheel", "engine"], ["shirt", "cotton", "knit"],
                      ["steel", "bolt", "screw"]]
        texts, labels = [], []
        for _ in range(200):
            label = rng.randrange(4)
            words = rng.sample(vocabulary[label], 2) + [rng.choice(sum(vocabulary, []))]
            texts.append(" ".join(words))
            labels.append(label)
        vectorizer = TfidfVectorizer()
        x = vectorizer.fit_transform(texts)
        x_test = vectorizer.transform(["apple car", "cotton bolt screw", "engine", "pear fruit knit"])
        expected = LinearSVC(C=1.0, random_state=0).fit(x, labels).decision_function(x_test)
        for jobs in (1, 2):
            actual = compare.one_vs_rest_scores(x, np.array(labels), 4, x_test, jobs)
            np.testing.assert_allclose(actual, expected, atol=1e-3)

    def test_top_codes_orders_best_first(self):
        import numpy as np
        scores = np.array([[0.1, 0.9, -1.0, 0.5]], dtype=np.float32)
        self.assertEqual(compare.top_codes(scores, ["a", "b", "c", "d"], 3), [["b", "d", "a"]])


def write_tiny_folds(directory, folds=2):
    """Four well separated 6-digit classes; HsActors' predictions are a perfect oracle."""
    classes = {"010121": "live horse pony", "870321": "motor car sedan", "610910": "cotton shirt tee",
               "731815": "steel bolt screw"}
    rng = random.Random(5)
    rows = []
    for code, words in classes.items():
        for i in range(20):
            picked = rng.sample(words.split(), 2)
            rows.append((code + ("00" if i % 2 else ""), " ".join(picked)))
    rng.shuffle(rows)
    for k in range(folds):
        fold = os.path.join(directory, "fold-%d" % k)
        os.makedirs(fold)
        test = [(code[:6], text) for code, text in rows[k::folds]]
        train = [r for i, r in enumerate(rows) if i % folds != k]
        for name, part in (("train.tsv", train), ("test.tsv", test)):
            with open(os.path.join(fold, name), "w", encoding="utf-8") as f:
                f.writelines("%s\t%s\t%s\n" % (code, text, text.upper()) for code, text in part)
        with open(os.path.join(fold, "pred-hsactors.tsv"), "w", encoding="utf-8") as f:
            f.writelines(code + "10 999999\n" for code, _ in test)


class WholeRun(unittest.TestCase):
    def run_main(self, *argv):
        stderr = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
            try:
                code = compare.main(list(argv))
            except SystemExit as exit_:
                code = exit_.code
        return code, stderr.getvalue()

    def test_all_systems_on_tiny_separable_folds(self):
        with tempfile.TemporaryDirectory() as directory:
            write_tiny_folds(directory)
            code, log = self.run_main(directory, "--jobs", "2", "--systems", "all")
            self.assertEqual(code, 0, log)
            with open(os.path.join(directory, "baselines.json"), encoding="utf-8") as f:
                report = json.load(f)
            self.assertEqual(len(report["folds"]), 2)
            summary = report["summary"]
            self.assertEqual(set(summary), set(compare.SYSTEM_NAMES))
            self.assertEqual(summary["hsactors"]["levels"]["6"]["top1"]["mean"], 1.0)
            for system in ("sklearn-paper", "sklearn-ngrams", "fasttext"):
                # Separable classes (4 of them, so top-5 would prove nothing): the right class must come first.
                self.assertGreaterEqual(summary[system]["levels"]["6"]["top1"]["mean"], 0.9, system)
                self.assertGreater(summary[system]["train_seconds"]["mean"], 0.0)
            with open(os.path.join(directory, "baselines.md"), encoding="utf-8") as f:
                self.assertIn("| sklearn-paper | 6 |", f.read())

    def test_malformed_fold_is_reported_with_file_and_line(self):
        with tempfile.TemporaryDirectory() as directory:
            write_tiny_folds(directory)
            with open(os.path.join(directory, "fold-0", "test.tsv"), "a", encoding="utf-8") as f:
                f.write("87ab21\tbroken code\tBROKEN\n")
            code, log = self.run_main(directory, "--systems", "hsactors")
            self.assertEqual(code, 2)
            self.assertIn("test.tsv:", log)
            self.assertIn("'87ab21'", log)

    def test_prediction_count_mismatch_is_reported(self):
        with tempfile.TemporaryDirectory() as directory:
            write_tiny_folds(directory)
            with open(os.path.join(directory, "fold-0", "pred-hsactors.tsv"), "a", encoding="utf-8") as f:
                f.write("010121\n")
            code, log = self.run_main(directory, "--systems", "hsactors")
            self.assertEqual(code, 2)
            self.assertIn("pred-hsactors.tsv", log)

    def test_every_system_is_scored_on_the_same_depth(self):
        with tempfile.TemporaryDirectory() as directory:
            write_tiny_folds(directory)
            for k in (0, 1):
                fold = os.path.join(directory, "fold-%d" % k)
                with open(os.path.join(fold, "test.tsv"), encoding="utf-8") as f:
                    truths = [line.split("\t")[0] for line in f]
                with open(os.path.join(fold, "pred-hsactors.tsv"), "w", encoding="utf-8") as f:
                    f.writelines("999999 %s\n" % truth for truth in truths)
            for depth, expected_top5 in (("2", 1.0), ("1", 0.0)):
                code, log = self.run_main(directory, "--systems", "hsactors", "--depth", depth)
                self.assertEqual(code, 0, log)
                with open(os.path.join(directory, "baselines.json"), encoding="utf-8") as f:
                    levels = json.load(f)["summary"]["hsactors"]["levels"]["6"]
                self.assertEqual(levels["top1"]["mean"], 0.0)
                self.assertEqual(levels["top5"]["mean"], expected_top5)

    def test_missing_fasttext_stops_the_run_with_the_install_command(self):
        with tempfile.TemporaryDirectory() as directory:
            write_tiny_folds(directory)
            path = os.environ["PATH"]
            os.environ["PATH"] = directory
            try:
                code, log = self.run_main(directory, "--systems", "hsactors,fasttext")
            finally:
                os.environ["PATH"] = path
            self.assertEqual(code, 3)
            self.assertIn("apt-get install -y python3-sklearn fasttext", log)
            self.assertFalse(os.path.exists(os.path.join(directory, "baselines.json")))

    def test_directory_without_folds_is_reported(self):
        with tempfile.TemporaryDirectory() as directory:
            code, log = self.run_main(directory)
            self.assertEqual(code, 2)
            self.assertIn("no fold-<k> directories", log)


if __name__ == "__main__":
    unittest.main()
