"""Without an extra, hfaug says what to install: what needs it raises `MissingDependency` (an
`ImportError`) naming the package and the extra, the command line says so in one line (exit status
2) and `hfaug list` marks what needs it. An install without a package is simulated by a fresh
interpreter in which importing the package fails as it does when the package is not installed."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from importlib.metadata import metadata
from pathlib import Path

import pytest

from hfaug.errors import EXTRAS, MissingDependency, extra_of, optional_imports
from hfaug.recipe import Recipe
from hfaug.versioned import save

from media_samples import audio_bytes, audio_dataset, tone

ROOT = Path(__file__).resolve().parents[1]
RECIPES = ROOT / "recipes"


def run_without(packages: list[str], code: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run the Python ``code`` in a fresh interpreter in which ``packages`` cannot be imported."""
    blocked = "import sys\n" + "".join(f"sys.modules[{name!r}] = None\n" for name in packages)
    return subprocess.run([sys.executable, "-c", blocked + code], capture_output=True, text=True, timeout=300, **kwargs)


def raised(packages: list[str], statement: str) -> str:
    """``Type (an ImportError: True): message`` of what ``statement`` raises with ``packages`` missing."""
    code = (
        f"import hfaug\ntry:\n    {statement}\nexcept Exception as error:\n"
        "    print(f'{type(error).__name__} (an ImportError: {isinstance(error, ImportError)}): {error}')\n"
    )
    return run_without(packages, code).stdout.strip()


def cli(packages: list[str], *argv: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """``hfaug ARGV`` with ``packages`` missing."""
    return run_without(packages, f"from hfaug.cli.main import main\nsys.exit(main({list(argv)!r}))", **kwargs)


def missing(needed_by: str, package: str, extra: str) -> str:
    return (
        f"MissingDependency (an ImportError: True): {needed_by} needs the package {package!r}, which is not installed; "
        f"install it with: pip install 'hfaug[{extra}]'"
    )


# ---------------------------------------------------------------------------- Python
@pytest.mark.parametrize(
    ("packages", "statement", "message"),
    [
        (["PIL"], "hfaug.ImageAugment", missing("hfaug.ImageAugment", "PIL", "image")),
        (["PIL"], "hfaug.get('image', ops=['hflip'])", missing("augmenter 'image'", "PIL", "image")),
        (["lemminflect"], "hfaug.Synonym", missing("hfaug.Synonym", "lemminflect", "text")),
        (["lemminflect"], "hfaug.get('eda')", missing("augmenter 'eda'", "lemminflect", "text")),
        (["nlpaug"], "hfaug.NlpaugAugmenter('char.KeyboardAug')", missing("hfaug.NlpaugAugmenter", "nlpaug", "text")),
        (["transformers"], "hfaug.get('backtranslate')", missing("augmenter 'backtranslate'", "transformers", "text")),
        (["audiomentations"], "hfaug.get('audio', ops=['gain'])", missing("augmenter 'audio'", "audiomentations", "audio")),
        (["audiomentations"], "hfaug.AudioAugment(ops=['gain'])", missing("audio op 'gain'", "audiomentations", "audio")),
        (["sklearn"], "hfaug.filters.get('label_consistency')", missing("filter 'label_consistency'", "sklearn", "filters")),
        (["starlette"], "import hfaug.hubserver; hfaug.hubserver.HubApp", missing("hfaug.hubserver.HubApp", "starlette", "hub-server")),
        (["ray"], "hfaug.augment(__import__('datasets').Dataset.from_dict({'text': ['a b']}), hfaug.RandomSwap(), engine='ray')",
         missing("engine='ray'", "ray", "ray")),
        (["transformers"], "hfaug.OnTheFly(hfaug.RandomSwap()).trainer_callback()",
         missing("OnTheFly.trainer_callback", "transformers", "train")),
    ],
    ids=["lazy-export", "registry", "text-lazy-export", "text-registry", "nlpaug", "required", "audio-required", "built",
         "filter-required", "hubserver", "ray", "trainer"],
)
def test_what_needs_a_missing_package_names_it_and_the_extra_that_installs_it(packages, statement, message):
    assert raised(packages, statement) == message


AUGMENTED = (
    "__import__('datasets').Dataset.from_dict({'text': ['good film', 'a good film', 'bad film', 'a bad film'], "
    "'label': [1, 1, 0, 0], 'hfaug_copy': [0, 1, 0, 1], 'hfaug_source_id': ['a', 'a', 'b', 'b']})"
)
LABEL_CONSISTENCY = "hfaug.filters.LabelConsistency(folds=1)"


@pytest.mark.parametrize(
    "statement",
    [
        f"{LABEL_CONSISTENCY}.apply({AUGMENTED}, column='text', label_column='label')",
        f"hfaug.filters.apply_filters({AUGMENTED}, ['duplicates', {LABEL_CONSISTENCY}], column='text', label_column='label')",
    ],
    ids=["Filter.apply", "apply_filters"],
)
def test_a_filter_applied_without_its_extra_names_the_package_and_the_extra(statement):
    message = raised(["sklearn", "threadpoolctl"], statement)

    assert message == missing("a text classifier", "sklearn", "filters")


def test_a_package_found_missing_while_augmenting_is_named_with_the_extra_that_installs_it(tmp_path):
    for name in ("config.json", "model.safetensors"):  # a model folder as it looks before it is loaded
        (tmp_path / name).write_text("{}")
    models = {"en-de": str(tmp_path), "de-en": str(tmp_path)}
    code = (
        f"import hfaug\naugmenter = hfaug.BackTranslate(models={models!r})\ntry:\n"
        "    augmenter({'text': ['a good film']})\n"
        "except hfaug.MissingDependency as error:\n    print(repr(error.name), repr(error.install))\n"
    )

    result = run_without(["transformers"], code)

    assert result.stdout == "'transformers' \"pip install 'hfaug[text]'\"\n"


def test_a_missing_module_of_hfaug_itself_is_a_bug_not_a_missing_package():
    message = raised(["hfaug.text.wordforms.synonyms"], "hfaug.Synonym")

    assert message == (
        "ModuleNotFoundError (an ImportError: True): import of hfaug.text.wordforms.synonyms halted; None in sys.modules"
    )


def test_the_local_hub_server_package_imports_without_its_extra():
    result = run_without(["starlette", "dulwich", "uvicorn"], "import hfaug.hubserver; print(hfaug.hubserver.main.__name__)")

    assert (result.returncode, result.stdout) == (0, "main\n")


def test_the_extra_of_a_module_is_the_one_of_the_closest_package_listed():
    assert extra_of("hfaug.text.synonym") == "text"
    assert extra_of("hfaug.engines.ray_engine") == "ray"
    assert extra_of("hfaug.engines") is None


def test_every_extra_named_is_one_hfaug_declares():
    assert set(EXTRAS.values()) <= set(metadata("hfaug").get_all("Provides-Extra"))


def test_a_package_missing_for_another_distribution_is_named_without_an_extra():
    with pytest.raises(MissingDependency) as raised_:
        with optional_imports("my_plugin.augmenters", "augmenter 'shout'"):
            raise ModuleNotFoundError("No module named 'loudness'", name="loudness")

    assert str(raised_.value) == "augmenter 'shout' needs the package 'loudness', which is not installed; install it"
    assert (raised_.value.name, raised_.value.install) == ("loudness", "")


def test_a_missing_dependency_reaches_another_process_whole():
    with pytest.raises(MissingDependency) as raised_:
        with optional_imports("hfaug.image.augment"):
            raise ModuleNotFoundError("No module named 'PIL'", name="PIL")

    copy = pickle.loads(pickle.dumps(raised_.value))
    assert (str(copy), copy.name, copy.install) == (str(raised_.value), "PIL", "pip install 'hfaug[image]'")


# ---------------------------------------------------------------------------- command line
def test_list_marks_what_needs_a_missing_extra_and_lists_everything_else():
    result = cli(["PIL", "lemminflect"], "list")

    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert "image                (needs: pip install 'hfaug[image]')" in lines
    assert "synonym              (needs: pip install 'hfaug[text]')" in lines
    assert any(line.startswith("one_of ") and "Each copy comes from one augmenter" in line for line in lines)


def test_list_marks_what_imports_a_missing_package_only_when_it_runs():
    result = cli(["torch", "transformers", "nlpaug", "audiomentations", "sklearn", "sentence_transformers"], "list")

    lines = result.stdout.splitlines()
    assert [line for line in lines if "(needs:" in line] == [
        "audio                (needs: pip install 'hfaug[audio]')",
        "backtranslate        (needs: pip install 'hfaug[text]')",
        "nlpaug               (needs: pip install 'hfaug[text]')",
        "label_consistency    (needs: pip install 'hfaug[filters]')",
        "semantic_similarity  (needs: pip install 'hfaug[filters]')",
    ]


def test_list_json_marks_what_needs_a_missing_extra():
    result = cli(["PIL"], "list", "--json")

    described = {item["name"]: item for item in json.loads(result.stdout)}
    assert described["image"] == {
        "kind": "augmenter",
        "name": "image",
        "needs": "pip install 'hfaug[image]'",
        "error": "augmenter 'image' needs the package 'PIL', which is not installed; install it with: pip install 'hfaug[image]'",
    }
    assert described["duplicates"]["required"] == []


def test_apply_with_a_recipe_that_needs_a_missing_extra_is_one_line(tmp_path):
    result = cli(
        ["PIL"], "apply", str(RECIPES / "image-classification.yaml"), "--dataset", str(RECIPES / "data" / "shapes.parquet"),
        "--out", str(tmp_path / "out"),
    )

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("hfaug apply: error: recipe ")
    assert "augmenter 'image' needs the package 'PIL', which is not installed; install it with: pip install 'hfaug[image]'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_preview_of_audio_without_its_extra_names_it_before_any_file_is_written(tmp_path):
    recipe = Recipe.from_dict({"column": "audio", "augmenters": [{"name": "audio", "ops": ["gain"]}]})
    version = save(recipe.apply(audio_dataset([audio_bytes(tone(seconds=0.1))])), tmp_path, preview=False)
    files = sorted(version.rglob("*"))

    result = cli(["soundfile"], "preview", str(version))

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (  # after the progress bars of reading the samples
        "hfaug preview: error: the preview of audio needs the package 'soundfile', which is not installed; "
        "install it with: pip install 'hfaug[audio]'"
    )
    assert sorted(version.rglob("*")) == files


def test_apply_on_ray_without_ray_is_one_line_before_any_work(tmp_path):
    result = cli(
        ["ray"], "apply", str(RECIPES / "clinc150-intents.yaml"), "--dataset", str(tmp_path / "not-read.jsonl"),
        "--engine", "ray",
    )

    assert result.returncode == 2
    assert result.stderr == (
        "hfaug apply: error: --engine ray needs the package 'ray', which is not installed; "
        "install it with: pip install 'hfaug[ray]'\n"
    )


def test_the_local_hub_server_without_its_extra_is_one_line(tmp_path):
    code = f"from hfaug.hubserver.cli import main\nsys.exit(main(['--root', {str(tmp_path)!r}, '--port', '0']))"

    result = run_without(["starlette", "dulwich", "uvicorn"], code)

    assert result.returncode == 2
    assert result.stderr == (
        "python -m hfaug.hubserver: error: the local Hub server needs the package 'uvicorn', which is not installed; "
        "install it with: pip install 'hfaug[hub-server]'\n"
    )
