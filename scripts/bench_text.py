"""Benchmark hfaug's text augmenters against nlpaug and the EDA reference algorithm.

Prints, on SST-2 train:

* rows/s of ``hfaug.Synonym`` next to nlpaug's ``SynonymAug`` (WordNet), at the same nominal rate and at
  a ``p`` that changes as many words of a row as nlpaug does (``p`` is a chance per replaceable word,
  nlpaug's ``aug_p`` a share of all words), with the words each changes per row; and of ``hfaug.EDA``
  next to Wei & Zou's EDA algorithm run with NLTK's WordNet reader on the same WordNet files;
* the speed-up of ``ds.map(..., num_proc=2)`` over a single-process map;
* the peak memory of ``ds.map`` over 10k and 100k rows (each in a fresh process).

Usage::

    python scripts/bench_text.py            # full run (a few minutes)
    python scripts/bench_text.py --quick    # small sizes, to check that it runs

SST-2 is read from ``--data`` (default: ``../shared/data/sst2/train.jsonl`` next to the repository).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "sst2" / "train.jsonl"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_lexicon  # noqa: E402

from hfaug.cli.arguments import positive_int  # noqa: E402


# ---------------------------------------------------------------------- the EDA reference algorithm
class ReferenceEDA:
    """Wei & Zou's EDA (EMNLP 2019) as their reference code runs it: the sentence is lower-cased
    and reduced to letters and spaces, then synonym replacement, random insertion, random swap and
    random deletion each produce ``int(num_aug / 4) + 1`` sentences, of which ``num_aug`` are kept.
    Synonyms are every lemma of every WordNet synset of the word (NLTK's reader); randomness comes
    from Python's ``random`` module."""

    def __init__(self, wordnet, stop_words: frozenset[str]) -> None:
        self.wordnet = wordnet
        self.stop_words = stop_words

    @staticmethod
    def clean(sentence: str) -> str:
        sentence = sentence.replace("’", "").replace("'", "").replace("-", " ").replace("\t", " ").replace("\n", " ")
        sentence = re.sub(r"[^a-z ]", " ", sentence.lower())
        return re.sub(" +", " ", sentence).strip()

    def synonyms(self, word: str) -> list[str]:
        found = []
        for synset in self.wordnet.synsets(word):
            for lemma in synset.lemmas():
                synonym = lemma.name().replace("_", " ").replace("-", " ").lower()
                synonym = "".join(char for char in synonym if char in " qwertyuiopasdfghjklzxcvbnm")
                if synonym and synonym != word and synonym not in found:
                    found.append(synonym)
        return found

    def synonym_replacement(self, words: list[str], n: int) -> list[str]:
        new_words = list(words)
        candidates = list(dict.fromkeys(word for word in words if word not in self.stop_words))
        random.shuffle(candidates)
        replaced = 0
        for word in candidates:
            synonyms = self.synonyms(word)
            if synonyms:
                synonym = random.choice(synonyms)
                new_words = [synonym if token == word else token for token in new_words]
                replaced += 1
            if replaced >= n:
                break
        return " ".join(new_words).split(" ")

    @staticmethod
    def random_deletion(words: list[str], p: float) -> list[str]:
        if len(words) == 1:
            return words
        kept = [word for word in words if random.uniform(0, 1) > p]
        return kept or [words[random.randint(0, len(words) - 1)]]

    @staticmethod
    def random_swap(words: list[str], n: int) -> list[str]:
        new_words = list(words)
        for _ in range(n):
            first = random.randint(0, len(new_words) - 1)
            second, tries = first, 0
            while second == first and tries <= 3:
                second = random.randint(0, len(new_words) - 1)
                tries += 1
            new_words[first], new_words[second] = new_words[second], new_words[first]
        return new_words

    def random_insertion(self, words: list[str], n: int) -> list[str]:
        new_words = list(words)
        for _ in range(n):
            synonyms: list[str] = []
            for _ in range(10):
                synonyms = self.synonyms(new_words[random.randint(0, len(new_words) - 1)])
                if synonyms:
                    break
            if synonyms:
                new_words.insert(random.randint(0, len(new_words) - 1), synonyms[0])
        return new_words

    def augment(self, sentence: str, alpha: float = 0.1, num_aug: int = 4) -> list[str]:
        words = [word for word in self.clean(sentence).split(" ") if word]
        if not words:
            return [sentence]
        per_technique = int(num_aug / 4) + 1
        count = max(1, int(alpha * len(words)))
        augmented = []
        for _ in range(per_technique):
            augmented.append(" ".join(self.synonym_replacement(words, count)))
            augmented.append(" ".join(self.random_insertion(words, count)))
            augmented.append(" ".join(self.random_swap(words, count)))
            augmented.append(" ".join(self.random_deletion(words, alpha)))
        augmented = [self.clean(text) for text in augmented]
        random.shuffle(augmented)
        return augmented[:num_aug] + [sentence]


# ---------------------------------------------------------------------- measuring
def rows_per_second(runs: Sequence[Callable[[], int]], repeats: int) -> list[tuple[float, float]]:
    """Best rows per wall-clock second and per CPU second of each of ``runs`` (which return the
    number of rows they produced) over ``repeats`` rounds that run each once, so that the runs
    compared share the machine's drifting load. CPU seconds are steadier on a busy machine."""
    best = [(0.0, 0.0)] * len(runs)
    for _ in range(repeats):
        for index, run in enumerate(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            rows = run()
            wall = rows / (time.perf_counter() - start)
            cpu = rows / max(time.process_time() - start_cpu, 1e-9)
            best[index] = (max(best[index][0], wall), max(best[index][1], cpu))
    return best


def batched(texts: Sequence[str], size: int = 1000) -> list[dict[str, list]]:
    return [
        {"text": list(texts[i : i + size]), "label": [0] * len(texts[i : i + size])} for i in range(0, len(texts), size)
    ]


MATCHED_P = 0.4
"""The ``p`` at which ``Synonym`` changes about as many words of an SST-2 row as ``SynonymAug(aug_p=0.1)``."""


def words_changed(sources: Sequence[str], outputs: Sequence[str]) -> float:
    """The mean number of words (whitespace-separated tokens) of a source replaced or removed in its output."""
    def changed(source: str, output: str) -> int:
        matcher = difflib.SequenceMatcher(a=source.split(), b=output.split(), autojunk=False)
        return sum(end - start for tag, start, end, _, _ in matcher.get_opcodes() if tag != "equal")

    return sum(map(changed, sources, outputs)) / len(sources)


def trivial_tagger(tokens: Sequence[str]) -> list[tuple[str, str]]:
    """No part-of-speech information: nlpaug then looks synonyms up in every part of speech."""
    return [(token, "") for token in tokens]


def throughput(texts: list[str], peer_rows: int, repeats: int) -> list[tuple[str, tuple, str, tuple]]:
    import nlpaug.augmenter.word as naw
    import nltk

    import hfaug
    from hfaug.text.stopwords import ENGLISH

    with build_lexicon.nltk_data_dir(build_lexicon.find_source(None)) as data_dir:
        from nltk.corpus import wordnet

        wordnet.synsets("test")  # load the reader now, not inside a timing
        try:
            nltk.pos_tag(["test"])
            tagger_note = "nlpaug SynonymAug uses NLTK's perceptron tagger"
            tagger = None
        except LookupError:
            tagger_note = (
                "NLTK's POS-tagger data is not installed: nlpaug SynonymAug runs with a trivial tagger "
                "(no tags, so it looks synonyms up in every part of speech); that only makes it faster"
            )
            tagger = trivial_tagger
        print(f"WordNet for NLTK: {data_dir} (copies of {build_lexicon.find_source(None)} + lexnames)")
        print(f"note: {tagger_note}\n")

        synonym = hfaug.Synonym(p=0.1, seed=1)
        synonym_matched = hfaug.Synonym(p=MATCHED_P, seed=1)
        synonym4 = hfaug.Synonym(p=0.1, n=4, seed=1)
        peer = naw.SynonymAug(aug_src="wordnet", aug_p=0.1)
        peer_default = naw.SynonymAug(aug_src="wordnet")  # nlpaug's default intensity: aug_p=0.3, at most 10 words
        if tagger is not None:
            peer.model.pos_tag = peer_default.model.pos_tag = tagger
        eda = hfaug.EDA(alpha=0.1, n=4, seed=1)
        reference = ReferenceEDA(wordnet, ENGLISH)
        batches = batched(texts)
        peer_texts = texts[:peer_rows]
        random.seed(1)

        def run_synonym() -> int:
            return sum(len(synonym(batch)["text"]) for batch in batches)

        def run_synonym_matched() -> int:
            return sum(len(synonym_matched(batch)["text"]) for batch in batches)

        def run_peer() -> int:
            for text in peer_texts:
                peer.augment(text)
            return len(peer_texts)

        def run_synonym4() -> int:
            return sum(len(synonym4(batch)["text"]) for batch in batches)

        def run_peer4() -> int:
            return sum(len(peer.augment(text, n=4)) for text in peer_texts)

        def run_peer_default() -> int:
            for text in peer_texts:
                peer_default.augment(text)
            return len(peer_texts)

        def run_eda() -> int:
            return sum(len(eda(batch)["text"]) for batch in batches)

        def run_reference() -> int:
            return sum(len(reference.augment(text, alpha=0.1, num_aug=4)) - 1 for text in peer_texts)

        for label, run in (
            ("synonym", run_synonym),
            ("peer", run_peer),
            ("eda", run_eda),
            ("reference", run_reference),
        ):
            start = time.perf_counter()
            run()  # warm-up: lexicon, word caches, NLTK's synset cache
            print(f"warm-up {label}: {time.perf_counter() - start:.1f}s")
        retokenized = [peer.reverse_tokenizer(peer.tokenizer(text)) for text in peer_texts]  # what nlpaug rejoins
        changes = {
            "Synonym(p=0.1)": words_changed(peer_texts, synonym({"text": peer_texts})["text"]),
            f"Synonym(p={MATCHED_P})": words_changed(peer_texts, synonym_matched({"text": peer_texts})["text"]),
            "SynonymAug(aug_p=0.1)": words_changed(retokenized, [peer.augment(text)[0] for text in peer_texts]),
        }
        print("words changed per row: " + ", ".join(f"{name} {mean:.2f}" for name, mean in changes.items()))
        synonym_rate, peer_rate, peer_default_rate, matched_rate = rows_per_second(
            [run_synonym, run_peer, run_peer_default, run_synonym_matched], repeats
        )
        synonym4_rate, peer4_rate = rows_per_second([run_synonym4, run_peer4], repeats)
        eda_rate, reference_rate = rows_per_second([run_eda, run_reference], repeats)
        return [
            ("hfaug.Synonym(p=0.1)", synonym_rate, "nlpaug SynonymAug(wordnet, aug_p=0.1)", peer_rate),
            (f"hfaug.Synonym(p={MATCHED_P})", matched_rate, "nlpaug SynonymAug(wordnet, aug_p=0.1)", peer_rate),
            ("hfaug.Synonym(p=0.1)", synonym_rate, "nlpaug SynonymAug(wordnet) defaults", peer_default_rate),
            ("hfaug.Synonym(p=0.1, n=4)", synonym4_rate, "nlpaug SynonymAug(aug_p=0.1), n=4", peer4_rate),
            ("hfaug.EDA(alpha=0.1, n=4)", eda_rate, "EDA reference (NLTK WordNet, num_aug=4)", reference_rate),
        ]


def tiled(texts: list[str], rows: int, directory: Path):
    """SST-2 repeated to ``rows`` rows, saved to ``directory`` and memory-mapped (as datasets from disk are)."""
    from datasets import Dataset, load_from_disk

    rows_data = {"text": [texts[i % len(texts)] for i in range(rows)], "label": [i % 2 for i in range(rows)]}
    Dataset.from_dict(rows_data).save_to_disk(str(directory))
    return load_from_disk(str(directory))


def map_seconds(dataset, augmenter, num_proc: int | None, *, through_augment: bool = False) -> float:
    """Seconds of ``dataset.map(augmenter, batched=True, num_proc=...)``, or of
    ``hfaug.augment(dataset, augmenter, num_proc=...)`` (which forks its workers) with ``through_augment``."""
    import hfaug

    # A fresh fingerprint per run: with an earlier run's cache files present, `datasets` would
    # reuse that run's shard count (one shard for num_proc=1) and leave the second process idle.
    options = {"batch_size": 1000, "num_proc": num_proc, "new_fingerprint": uuid.uuid4().hex}
    start = time.perf_counter()
    if through_augment:
        hfaug.augment(dataset, augmenter, **options)
    else:
        dataset.map(augmenter, batched=True, **options)
    return time.perf_counter() - start


def memory_run(data: Path, rows: int) -> dict:
    """Peak memory of mapping ``hfaug.Synonym`` over ``rows`` rows read from disk (run in a fresh process)."""
    from datasets import load_dataset

    import hfaug

    texts = [json.loads(line)["text"] for line in data.read_text(encoding="utf-8").splitlines()]
    with tempfile.TemporaryDirectory(prefix="hfaug-bench-") as tmp:
        source = Path(tmp) / "rows.jsonl"
        with open(source, "w", encoding="utf-8") as handle:
            for i in range(rows):
                handle.write(json.dumps({"text": texts[i % len(texts)], "label": i % 2}) + "\n")
        del texts
        dataset = load_dataset("json", data_files=str(source), split="train", cache_dir=str(Path(tmp) / "cache"))
        before = _memory_mb("VmRSS")
        _reset_peak()
        out = dataset.map(hfaug.Synonym(seed=1), batched=True, batch_size=1000)
        assert len(out) == rows
        peak = _memory_mb("VmHWM")
    return {"rows": rows, "before_map_mb": round(before, 1), "peak_mb": round(peak, 1)}


def _memory_mb(field: str) -> float:
    """``VmRSS`` (resident now) or ``VmHWM`` (peak resident) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    """Start ``VmHWM`` afresh, so the peak measures the map alone (Linux; ignored elsewhere)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark hfaug's text augmenters (see the module docstring).")
    parser.add_argument("--quick", action="store_true", help="small sizes, to check that the script runs")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="SST-2 train.jsonl")
    parser.add_argument("--memory-rows", type=positive_int, help=argparse.SUPPRESS)  # internal: one memory run
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"--data {str(args.data)!r}: no such file; pass SST-2's train.jsonl")
    if args.memory_rows:
        print(json.dumps(memory_run(args.data, args.memory_rows)))
        return 0

    texts = [json.loads(line)["text"] for line in args.data.read_text(encoding="utf-8").splitlines()]
    rows = 1000 if args.quick else len(texts)
    peer_rows = 300 if args.quick else 2000
    map_rows = 20_000 if args.quick else 100_000
    memory_sizes = (2_000, 20_000) if args.quick else (10_000, 100_000)
    repeats = 1 if args.quick else 3
    print(f"hfaug text benchmark on SST-2 train ({args.data}), {'quick' if args.quick else 'full'} run, "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}\n")  # fmt: skip

    print(f"== throughput, one process, direct calls ({rows} rows for hfaug, {peer_rows} for the peers)")
    results = throughput(texts[:rows], peer_rows, repeats)
    print(f"\n{'augmenter':<27}{'rows/s':>9}{'CPU':>9}   {'peer':<41}{'rows/s':>9}{'CPU':>9}{'ratio':>8}{'CPU':>7}")
    for ours, (wall, cpu), peer, (peer_wall, peer_cpu) in results:
        print(f"{ours:<27}{wall:>9,.0f}{cpu:>9,.0f}   {peer:<41}{peer_wall:>9,.0f}{peer_cpu:>9,.0f}"
              f"{wall / peer_wall:>7.1f}x{cpu / peer_cpu:>6.1f}x")  # fmt: skip
    print("rows/s: wall clock; CPU: rows per CPU second of this process (steadier on a busy machine).")
    print("n=4 and EDA rows are augmented copies, 4 per input row on both sides (nlpaug keeps distinct ones, retrying "
          "for more; the EDA reference builds 8 and keeps 4).\n")  # fmt: skip

    import hfaug

    print(f"== ds.map(batched=True, batch_size=1000) and hfaug.augment over {map_rows:,} rows (memory-mapped from disk), best of {repeats}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (the speed-up needs two idle cores)")  # fmt: skip
    scratch = tempfile.TemporaryDirectory(prefix="hfaug-bench-")
    dataset = tiled(texts, map_rows, Path(scratch.name) / "data")
    for augmenter in (hfaug.Synonym(seed=1), hfaug.EDA(seed=1)):
        map_seconds(dataset.select(range(2000)), augmenter, None)  # warm the caches the workers inherit
        for label, through_augment in (("ds.map", False), ("hfaug.augment", True)):
            one = two = float("inf")
            for _ in range(repeats):  # alternating, best of each: the machine's load drifts
                one = min(one, map_seconds(dataset, augmenter, None, through_augment=through_augment))
                two = min(two, map_seconds(dataset, augmenter, 2, through_augment=through_augment))
            print(f"{augmenter.name:<10}{label:<15}one process: {map_rows / one:>9,.0f} rows/s   "
                  f"num_proc=2: {map_rows / two:>9,.0f} rows/s   speed-up {one / two:.2f}x")  # fmt: skip
    print("(ds.map: datasets' process pool; hfaug.augment: workers forked from this process, which inherit its warm "
          "caches; both write the output to disk)\n")  # fmt: skip
    scratch.cleanup()

    print("== peak memory of ds.map(hfaug.Synonym(), batched=True), each size in a fresh process")
    for size in memory_sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--data", str(args.data), "--memory-rows", str(size)],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        report = json.loads(output.strip().splitlines()[-1])
        print(f"{report['rows']:>8,} rows: peak RSS during the map {report['peak_mb']:>7.1f} MB "
              f"(resident before it: {report['before_map_mb']:.1f} MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
