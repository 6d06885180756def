"""Fingerprints of augmenters defined in a script (``__main__``): stable, and changed by their code."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

from datasets import Dataset
from datasets.fingerprint import Hasher
from datasets.utils._dill import dumps

import hfaug
from hfaug.fingerprint import code_files
from toy_augmenters import Whisper

SCRIPT = '''
class Shout(hfaug.TextAugmenter):
    """Upper-cases words at random (the README's example, with a helper function)."""

    name = "script.shout"

    def __init__(self, column="text", *, p=0.5, n=1, keep_original=False, seed=0, on_error="keep"):
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.p = p

    def augment_batch(self, values, rngs):
        words = [text.split(" ") for text in values]
        draws = hfaug.uniforms(rngs, [len(row) for row in words])
        return [" ".join(shout(w) if d < self.p else w for w, d in zip(row, row_draws))
                for row, row_draws in zip(words, draws)]


def shout(word):
    return word.upper()
'''

RUN = '''
import json, sys
import hfaug
from datasets import Dataset

if sys.argv[1] == "busy":  # unrelated work first: more of hfaug loaded, an augmenter's caches filled
    import hfaug.text.eda
    hfaug.synonym({"text": "a stirring and funny film"})
ds = Dataset.from_dict({"text": ["a stirring , funny and moving film", "the plot is thin"] * 3, "label": [1, 0] * 3})
first = ds.map(Shout(p=0.5, n=2, seed=1), batched=True)
again = ds.map(Shout(p=0.5, n=2, seed=1), batched=True)
parallel = ds.map(Shout(p=0.5, n=2, seed=1), batched=True, batch_size=2, num_proc=2)
mixed = hfaug.OneOf([Shout(p=0.5), "synonym"], n=2, seed=3)  # Shout is not registered
mixed_parallel = ds.map(mixed, batched=True, batch_size=2, num_proc=2)
print(json.dumps({"fingerprints": [first._fingerprint, again._fingerprint], "texts": list(first["text"]),
                  "parallel_texts": list(parallel["text"]), "mixed_texts": list(ds.map(mixed, batched=True)["text"]),
                  "mixed_parallel_texts": list(mixed_parallel["text"])}))
'''


def script_class(source: str = SCRIPT) -> type:
    """``Shout`` as a script defines it: a class of module ``__main__``."""
    namespace = {"__name__": "__main__", "hfaug": hfaug}
    exec(compile(source, "<script>", "exec"), namespace)
    return namespace["Shout"]


def test_the_same_code_and_config_give_the_same_fingerprint():
    one, other = script_class(), script_class()
    assert one is not other
    assert Hasher.hash(one(p=0.3, seed=2)) == Hasher.hash(other(p=0.3, seed=2))
    assert Hasher.hash(one(p=0.3, seed=2)) != Hasher.hash(other(p=0.4, seed=2))
    assert Hasher.hash(one(p=0.3, seed=2)) != Hasher.hash(other(p=0.3, seed=3))


def test_a_change_in_a_method_or_in_a_helper_it_calls_changes_the_fingerprint():
    base = Hasher.hash(script_class()())
    method_changed = script_class(SCRIPT.replace("d < self.p", "d <= self.p"))
    helper_changed = script_class(SCRIPT.replace("word.upper()", "word.title()"))
    attribute_changed = script_class(SCRIPT.replace('"script.shout"', '"script.shout2"'))
    hashes = {base, *(Hasher.hash(cls()) for cls in (method_changed, helper_changed, attribute_changed))}
    assert len(hashes) == 4


def test_other_hfaug_code_gives_other_fingerprints_so_cached_maps_are_not_reused(monkeypatch):
    built_in, script = hfaug.Synonym(p=0.2), script_class()()
    ds = Dataset.from_dict({"text": ["a good film", "a bad film"]})
    before = [Hasher.hash(built_in), Hasher.hash(script), ds.map(built_in)._fingerprint]
    monkeypatch.setattr("hfaug.fingerprint.package_code", lambda: "content-of-another-version")
    after = [Hasher.hash(built_in), Hasher.hash(script), ds.map(built_in)._fingerprint]
    assert all(one != other for one, other in zip(before, after))
    assert pickle.loads(pickle.dumps(built_in)) == built_in


def test_a_script_augmenter_is_fingerprinted_alike_in_every_run_and_never_warns(tmp_path):
    script = tmp_path / "augment_script.py"
    script.write_text(f"import hfaug\n{SCRIPT}\n{RUN}", encoding="utf-8")
    runs = [
        subprocess.run([sys.executable, str(script), mode], capture_output=True, text=True, cwd=tmp_path, check=False)
        for mode in ("quiet", "busy")
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
        assert "couldn't be hashed" not in run.stderr
        assert "PicklingWarning" not in run.stderr
    quiet, busy = (json.loads(run.stdout.splitlines()[-1]) for run in runs)
    assert quiet["fingerprints"][0] == quiet["fingerprints"][1] == busy["fingerprints"][0]
    assert quiet["texts"] == busy["texts"] == quiet["parallel_texts"]
    assert quiet["mixed_texts"] == quiet["mixed_parallel_texts"] == busy["mixed_texts"]
    assert quiet["texts"] != ["a stirring , funny and moving film"] * 2 + ["the plot is thin"] * 2


def test_cached_properties_and_cached_helpers_count_as_code():
    source = SCRIPT.replace(
        "def shout(word):",
        "@functools.lru_cache(maxsize=None)\ndef shout(word):",
    ).replace(
        "    def augment_batch(self, values, rngs):",
        "    @functools.cached_property\n    def marker(self):\n        return '!'\n\n    def augment_batch(self, values, rngs):",
    )
    source = "import functools\n" + source
    source = source.replace("return word.upper()", "return word.upper() if word != hfaug.provenance.ORIGINAL else word")
    base = Hasher.hash(script_class(source)())
    assert Hasher.hash(script_class(source)()) == base
    assert b"__file__" not in dumps(script_class(source)())  # modules go by name, never by their namespace
    assert Hasher.hash(script_class(source.replace("return '!'", "return '?'"))()) != base
    assert Hasher.hash(script_class(source.replace("word.upper()", "word.title()"))()) != base


def test_a_composite_carries_its_children_not_their_names():
    mixed = hfaug.OneOf([Whisper("text"), "synonym"], n=2)  # Whisper is not registered
    clone = pickle.loads(pickle.dumps(mixed))  # as a worker process gets it
    batch = {"text": ["A stirring , funny and moving FILM", "The story is THIN"], "label": [1, 0]}
    assert clone(batch) == mixed(batch)
    assert mixed.replace(n=3).children[0] is mixed.children[0]  # hfaug.augment(ds, mixed, n=3) replaces n
    assert len(hfaug.augment(Dataset.from_dict(batch), mixed, n=3)) == 8


def test_a_composite_is_fingerprinted_by_its_childrens_code():
    child, changed_child = script_class()(p=0.3), script_class(SCRIPT.replace("word.upper()", "word.title()"))(p=0.3)
    mixed = hfaug.OneOf([child, "synonym"], n=2)
    assert Hasher.hash(hfaug.OneOf([script_class()(p=0.3), "synonym"], n=2)) == Hasher.hash(mixed)
    assert Hasher.hash(hfaug.OneOf([changed_child, "synonym"], n=2)) != Hasher.hash(mixed)
    assert Hasher.hash(hfaug.Sequential([child, "synonym"])) != Hasher.hash(hfaug.Sequential([changed_child, "synonym"]))


UNORDERED_SCRIPT = '''
import sys
import hfaug
from datasets.fingerprint import Hasher

MARKS = {"tags": frozenset({"noun", "verb", "adjective", "adverb", "pronoun", "preposition", "conjunction"})}


class KeepSome(hfaug.TextAugmenter):
    """Upper-cases the words that are not kept."""

    KEPT = frozenset({"the", "a", "an", "of", "and", "or", "but", "in", "on", "at", "to", "for", "with", "by"})
    GROUPS = {frozenset({"film", "movie"}), frozenset({"plot", "story"}), frozenset({"actor", "cast"})}
    SHOUTED = {word: word.upper() + "!" for word in sorted({"good", "bad", "great", "awful", "dull", "fine"})}

    def augment_batch(self, values, rngs):
        tags = MARKS["tags"]
        return [" ".join(w if w in self.KEPT or w in tags else self.SHOUTED.get(w, w.upper()) for w in v.split()) for v in values]


print(Hasher.hash(KeepSome("text", seed=1)))
'''


def test_a_script_augmenter_holding_sets_is_fingerprinted_alike_whatever_the_hash_seed(tmp_path):
    script = tmp_path / "unordered_script.py"
    script.write_text(UNORDERED_SCRIPT, encoding="utf-8")
    runs = [
        subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, check=False,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for seed in ("1", "2", "3")
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
    assert len({run.stdout.splitlines()[-1] for run in runs}) == 1


def test_the_code_hash_leaves_out_compiled_files_hidden_ones_and_the_recipes_an_install_adds(tmp_path):
    # an editor's swap file or a type checker's cache in an editable install changed every version id
    for name in (
        "augmenter.py", "data/lexicon.json.gz", "recipes/demo.yaml", "__pycache__/augmenter.cpython-311.pyc",
        ".augmenter.py.swp", ".mypy_cache/3.11/cache.db",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert code_files(tmp_path) == [tmp_path / "augmenter.py", tmp_path / "data" / "lexicon.json.gz"]


ORDERED_RULES_SCRIPT = '''
import sys
import hfaug
from datasets.fingerprint import Hasher

RULES = dict(reversed(list({"cat": "dog", "dog": "wolf"}.items()))) if sys.argv[1] == "reversed" else {"cat": "dog", "dog": "wolf"}


class Rewrite(hfaug.TextAugmenter):
    """Applies the rules in their order."""

    def augment_batch(self, values, rngs):
        out = []
        for text in values:
            for old, new in RULES.items():
                text = text.replace(old, new)
            out.append(text)
        return out


print(Hasher.hash(Rewrite("text")))
'''


def test_a_script_augmenter_s_dict_is_fingerprinted_in_its_order(tmp_path):
    script = tmp_path / "ordered_script.py"
    script.write_text(ORDERED_RULES_SCRIPT, encoding="utf-8")
    runs = [
        subprocess.run([sys.executable, str(script), order], capture_output=True, text=True, cwd=tmp_path, check=False)
        for order in ("given", "reversed")
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
    assert runs[0].stdout.splitlines()[-1] != runs[1].stdout.splitlines()[-1]


HELPER_MODULE = '''
import re
import sqlite3

CONNECTION = sqlite3.connect(":memory:")  # a global that cannot be pickled
SUFFIX = " OLD"


def tweak(text, stop={"the", "a", "an", "of", "to", "in", "on", "at"}):  # a set default: its repr varies
    CONNECTION.execute("select 1")
    return text + SUFFIX
'''

AUGMENTER_MODULE = '''
import hfaug
from local_helpers import tweak


class Tweak(hfaug.TextAugmenter):
    name = "local.tweak"

    def __init__(self, column="text"):
        super().__init__(column)

    def augment_batch(self, values, rngs):
        return [tweak(value) for value in values]
'''


def test_the_users_own_modules_count_in_fingerprints_by_the_code_they_run(tmp_path, monkeypatch):
    # a module of the user's own (not installed) was fingerprinted by name: `datasets` gave the old output back
    # after an edit reloaded; by its file, rows made before an edit was reloaded were given back after it
    import importlib

    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "local_helpers.py").write_text(HELPER_MODULE)
    (tmp_path / "local_augs.py").write_text(AUGMENTER_MODULE)
    import local_augs
    import local_helpers

    caller = script_class(SCRIPT.replace("return word.upper()", "return local_helpers.tweak(word)"))
    caller.augment_batch.__globals__["local_helpers"] = local_helpers

    def hashes():
        return [Hasher.hash(caller()), Hasher.hash(local_augs.Tweak())]

    try:
        before = hashes()
        (tmp_path / "local_helpers.py").write_text(HELPER_MODULE.replace(" OLD", " NEW"))
        assert hashes() == before  # edited, not reloaded: the code and data before still run
        importlib.reload(local_helpers)  # a value of the module changed, no code
        reloaded = hashes()
        assert reloaded[0] != before[0] and reloaded[1] != before[1] and hashes() == reloaded
        (tmp_path / "local_helpers.py").write_text(HELPER_MODULE.replace("return text", "return text.upper()"))
        importlib.reload(local_helpers)
        importlib.reload(local_augs)  # takes the new tweak
        assert hashes()[1] not in (before[1], reloaded[1])
    finally:
        sys.modules.pop("local_helpers")
        sys.modules.pop("local_augs")


def test_a_logger_in_the_users_module_counts_by_its_name_not_by_the_process_wide_logging_state(tmp_path, monkeypatch):
    # every logger created and every level set anywhere in the process changed it: no map was ever cached
    import logging

    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "local_helpers.py").write_text(HELPER_MODULE + "\nimport logging\nlogger = logging.getLogger(__name__)\n")
    (tmp_path / "local_augs.py").write_text(AUGMENTER_MODULE)
    import local_augs

    try:
        before = Hasher.hash(local_augs.Tweak())
        logging.getLogger("hfaug-test.a-library-imported-later")
        logging.getLogger("local_helpers").setLevel(logging.DEBUG)
        assert Hasher.hash(local_augs.Tweak()) == before
    finally:
        logging.getLogger("local_helpers").setLevel(logging.NOTSET)
        sys.modules.pop("local_helpers")
        sys.modules.pop("local_augs")


def test_data_the_users_module_holds_outside_attributes_counts_by_its_values(tmp_path, monkeypatch):
    # a table, a tensor or a generator's state was read as its (empty) attributes: changed data gave the old rows back
    import random

    import pandas
    import torch

    monkeypatch.syspath_prepend(str(tmp_path))
    data = (
        "\nimport random, numpy, pandas, torch, hfaug\nfrom random import random as draw\n"
        "TABLE = pandas.DataFrame({'w': ['movie']})\nRNG = random.Random(0)\nNOISE = hfaug.NlpaugAugmenter('char.KeyboardAug')\n"
        "DRAW = random.Random(0).random\n"
        "WHEN = numpy.array(['2024-01-01'], dtype='datetime64[D]')\n"
        "class Net(torch.nn.Module):\n    def __init__(self):\n        super().__init__()\n"
        "        self.fc = torch.nn.Linear(2, 1)\nNET = Net()\n"
    )
    (tmp_path / "local_helpers.py").write_text(HELPER_MODULE + data)
    (tmp_path / "local_augs.py").write_text(AUGMENTER_MODULE)
    import local_augs
    import local_helpers

    try:
        hashes = {Hasher.hash(local_augs.Tweak())}
        local_helpers.NET.eval()  # changes no output, nor does the state an augmenter loads as it runs, nor a draw
        local_helpers.NOISE({"text": ["a good film"]})
        local_helpers.draw()
        assert {Hasher.hash(local_augs.Tweak())} == hashes
        with torch.no_grad():
            changes = [
                lambda: local_helpers.TABLE.loc.__setitem__((0, "w"), "picture"),
                lambda: local_helpers.NET.fc.weight.fill_(1.0),
                lambda: local_helpers.NET.fc.weight.data.mul_(2.0),  # as an EMA update does, not counted as a change
                lambda: setattr(local_helpers.NET, "temperature", 0.5),
                lambda: setattr(local_helpers, "NOISE", local_helpers.NOISE.replace(aug_char_p=0.9)),
                lambda: setattr(local_helpers, "DRAW", random.Random(1).random),
                lambda: setattr(local_helpers, "WHEN", local_helpers.WHEN + 1),
                lambda: local_helpers.RNG.seed(1),
                lambda: setattr(local_helpers, "TABLE", pandas.DataFrame({"w": ["picture"]}, index=[1])),
            ]
            for change in changes:
                change()
                hashes.add(Hasher.hash(local_augs.Tweak()))
        assert len(hashes) == 1 + len(changes)
    finally:
        sys.modules.pop("local_helpers")
        sys.modules.pop("local_augs")


def test_installed_classes_and_functions_are_fingerprinted_by_name():
    from hfaug.fingerprint import code_identity

    assert code_identity(Dataset) == ("global", "datasets.arrow_dataset", "Dataset")
    assert code_identity(json.dumps) == ("global", "json", "dumps")


def test_the_users_own_modules_fingerprint_alike_in_every_process(tmp_path):
    # a set default's repr (PYTHONHASHSEED) and an object's (its address) made every process miss the cache
    # and thread pools (thread ids), progress bars (start times), scikit-learn's private attributes (an id())
    machinery = (
        "import concurrent.futures, tqdm, sklearn.feature_extraction.text\nfrom random import random as draw\n"
        "POOL = concurrent.futures.ThreadPoolExecutor(1)\nPOOL.submit(int).result()\nBAR = tqdm.tqdm(disable=False)\n"
        "VECTORS = sklearn.feature_extraction.text.TfidfVectorizer(stop_words='english').fit(['a good film'])\n"
    )
    (tmp_path / "local_helpers.py").write_text(HELPER_MODULE + "\nMISSING = object()\nRULES = re.compile('a+')\n" + machinery)
    (tmp_path / "local_augs.py").write_text(AUGMENTER_MODULE)
    code = "import local_augs\nfrom datasets.fingerprint import Hasher\nprint(Hasher.hash(local_augs.Tweak()))"
    hashes = set()
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(tmp_path), "HF_HUB_OFFLINE": "1"}
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True)
        hashes.add(result.stdout.split()[-1])
    assert len(hashes) == 1
