"""Registering augmenters, finding them by name, third-party entry points and `hfaug list`."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from datasets import Dataset

import hfaug
from hfaug import TextAugmenter, registry
from hfaug.cli.main import main
from hfaug.errors import closest
from toy_augmenters import Shout


def test_get_builds_a_registered_augmenter():
    assert hfaug.get("test.shout", p=0.3) == Shout(p=0.3)


def test_an_unknown_name_suggests_the_closest_one():
    with pytest.raises(hfaug.UnknownAugmenter, match=r"no augmenter named 'test.shoot'\. Did you mean 'test.shout'\?"):
        hfaug.get("test.shoot")


def test_the_start_of_a_name_suggests_the_full_name():
    with pytest.raises(hfaug.UnknownAugmenter, match=r"no augmenter named 'back'\. Did you mean 'backtranslate'\?"):
        hfaug.get("back")


def test_an_unknown_parameter_lists_the_parameters_taken():
    with pytest.raises(TypeError, match=r"test.shout: .*'q'.*It takes: column, p, n, keep_original, seed, on_error"):
        hfaug.get("test.shout", q=0.3)


@pytest.mark.parametrize(
    ("given", "told"),
    [
        ({"augmenter": "word.SynonymAug"}, "; given 'augmenter' (did you mean 'augmenter_name'?)"),
        ({}, ""),
    ],
)
def test_a_missing_required_parameter_is_named_with_what_was_given_instead(given, told):
    # the nlpaug adapter passes unknown names on to nlpaug: Python named neither the parameter nor what was given
    with pytest.raises(TypeError) as raised:
        hfaug.get("nlpaug", **given)
    assert str(raised.value) == (
        f"nlpaug: missing required parameter 'augmenter_name'{told}. It takes: augmenter_name, column, n, keep_original, "
        "seed, on_error, revisions."
    )
    with pytest.raises(hfaug.HfaugError) as raised:
        hfaug.Recipe.from_dict({"column": "text", "augmenters": [{"name": "nlpaug", **given}]})
    assert str(raised.value).endswith(
        "augmenters[0] (nlpaug): missing required parameter 'augmenter_name'" + (" (given 'augmenter' instead?)" if given else "")
    )


def test_a_class_that_sets_a_base_parameter_itself_is_built_by_name():
    class Titled(TextAugmenter):
        name = "test.titled"

        def __init__(self, **kwargs):
            super().__init__(column="title", **kwargs)

        def augment_batch(self, values, rngs):
            return [value.title() for value in values]

    hfaug.register(Titled)
    assert hfaug.get("test.titled", seed=2).config() == Titled(seed=2).config() == {"seed": 2}


def test_a_recipe_takes_a_class_that_sets_a_required_parameter_of_its_base_itself():
    class Worded(TextAugmenter):
        name = "test.worded"

        def __init__(self, word, **kwargs):
            super().__init__(**kwargs)
            self.word = word

        def augment_batch(self, values, rngs):
            return [f"{value} {self.word}" for value in values]

    class Hello(Worded):
        name = "test.hello"

        def __init__(self, **kwargs):
            super().__init__(word="hello", **kwargs)

    hfaug.register(Hello)
    recipe = hfaug.Recipe.from_dict({"column": "text", "augmenters": ["test.hello"], "keep_original": False})
    assert list(recipe.apply(Dataset.from_dict({"text": ["a film"]}))["text"]) == ["a film hello"]


def test_a_missing_argument_of_another_class_a_constructor_builds_is_raised_as_it_is():
    class Helper:
        def __init__(self, p):
            self.p = p

    class Inner(TextAugmenter):
        name = "test.inner"

        def __init__(self, p=0.1, **kwargs):
            super().__init__(**kwargs)
            self.p = p
            self.helper = Helper()  # the plugin's own bug, not a parameter the user left out

    hfaug.register(Inner)
    with pytest.raises(TypeError, match=r"^.*Helper.__init__\(\) missing 1 required positional argument: 'p'$"):
        hfaug.get("test.inner", column="text")


def test_augment_and_composites_take_registry_names_and_dicts():
    ds = Dataset.from_dict({"text": ["the film was a stirring and moving one", "a thin plot"], "label": [1, 0]})
    by_name = hfaug.augment(ds, "test.shout", n=2, seed=4)
    assert by_name["text"] == hfaug.augment(ds, Shout(), n=2, seed=4)["text"]
    mixed = hfaug.augment(ds, ["test.shout", {"name": "test.shout", "p": 1.0}], n=3, seed=4)
    assert mixed["text"] == hfaug.augment(ds, [Shout(), Shout(p=1.0)], n=3, seed=4)["text"]
    assert hfaug.OneOf(["test.shout"]).children == [Shout()]


@pytest.mark.parametrize("spec", [42, {"p": 0.2}, ["test.shout", 3]])
def test_augment_names_what_it_takes_when_given_something_else(spec):
    ds = Dataset.from_dict({"text": ["a thin plot"]})
    with pytest.raises(TypeError, match=r"expected an hfaug augmenter, a registry name such as 'synonym', or a dict"):
        hfaug.augment(ds, spec)


def test_a_name_cannot_be_taken_twice():
    class Other(hfaug.TextAugmenter):
        name = "test.shout"

    with pytest.raises(ValueError, match="already registered"):
        hfaug.register(Other)


def _notebook_cell(suffix):
    """A cell defining and registering ``Shout`` in ``__main__``, as a notebook runs it."""
    cell = (
        "import hfaug\n"
        "@hfaug.register\n"
        "class Shout(hfaug.TextAugmenter):\n"
        "    name = 'test.notebook_shout'\n"
        "    def augment_batch(self, values, rngs):\n"
        f"        return [value.upper() + {suffix!r} for value in values]\n"
    )
    namespace = {"__name__": "__main__"}
    exec(cell, namespace)
    return namespace["Shout"]


def test_a_notebook_cell_run_again_registers_its_new_class():
    # the second run raised: the name was taken by the cell's own earlier class
    _notebook_cell("!")
    edited = _notebook_cell("?")
    try:
        assert hfaug.get("test.notebook_shout", column="text").augment_batch(["hi"], [None]) == ["HI?"]
        assert hfaug.registry.get_class("test.notebook_shout") is edited
    finally:
        hfaug.registry.AUGMENTERS.registered.pop("test.notebook_shout")


def test_two_classes_a_function_makes_do_not_replace_each_other():
    # they share a module and qualified name (make.<locals>.Suffix): the second silently replaced the first
    def make(suffix):
        class Suffix(hfaug.TextAugmenter):
            name = "test.suffix"

            def augment_batch(self, values, rngs):
                return [value + suffix for value in values]

        return Suffix

    hfaug.register(make("!"))
    try:
        with pytest.raises(ValueError, match="^the augmenter name 'test.suffix' is already registered"):
            hfaug.register(make("?"))
    finally:
        hfaug.registry.AUGMENTERS.registered.pop("test.suffix")


def test_a_notebook_cell_run_again_registers_the_class_a_function_of_it_makes():
    # the second run raised that the name was taken, as for two classes one function makes
    cell = (
        "import hfaug\n"
        "def setup():\n"
        "    @hfaug.register\n"
        "    class Shout(hfaug.TextAugmenter):\n"
        "        name = 'test.cell_shout'\n"
        "        def augment_batch(self, values, rngs):\n"
        "            return values\n"
        "    return Shout\n"
        "made = setup()\n"
    )
    try:
        for _ in range(2):
            namespace = {"__name__": "__main__"}
            exec(cell, namespace)
        assert hfaug.registry.get_class("test.cell_shout") is namespace["made"]
    finally:
        hfaug.registry.AUGMENTERS.registered.pop("test.cell_shout", None)


def test_only_augmenters_can_be_registered():
    with pytest.raises(TypeError, match="only hfaug.Augmenter subclasses"):
        hfaug.register(dict, name="dict")


def test_the_config_of_a_combination_with_an_unregistered_augmenter_says_to_register_it():
    # hfaug.get(name, **config) said "no augmenter named 'test.unregistered'. Known augmenters: ...", though the class
    # that has the name was defined: only not registered
    class Unregistered(hfaug.TextAugmenter):
        name = "test.unregistered"

        def __init__(self, column="text", *, n=1, keep_original=False, seed=0, on_error="keep"):
            super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)

        def augment_batch(self, values, rngs):
            return values

    combination = hfaug.OneOf([Unregistered(), Shout()])
    with pytest.raises(hfaug.UnknownAugmenter) as caught:
        hfaug.get(combination.name, **combination.config())
    assert str(caught.value) == (
        "no augmenter named 'test.unregistered': the class test_registry.test_the_config_of_a_combination_with_an_"
        "unregistered_augmenter_says_to_register_it.<locals>.Unregistered has that name but is not registered; "
        "register it (decorate it with @hfaug.register, or call hfaug.register(Unregistered)) to build it by name"
    )


def test_original_cannot_name_an_augmenter():
    # its copies were named 'original' in hfaug_augmenter, as the source rows kept are
    class Kept(Shout):
        name = "original"

    with pytest.raises(ValueError) as caught:
        hfaug.register(Kept)
    assert str(caught.value) == (
        "the augmenter name 'original' is reserved: hfaug_augmenter names the source rows kept so; register Kept "
        "under another name with name=..."
    )


@pytest.mark.parametrize("name", ["loud+quiet", "loud>quiet", "my shout", "shout ", "shout!"])
def test_a_name_that_provenance_recipes_or_the_command_line_cannot_tell_apart_is_refused(name):
    # 'loud+quiet' was registered, and a sequence of it and 'aeda' was named 'loud+quiet+aeda' in hfaug_augmenter
    class Named(Shout):
        pass

    with pytest.raises(ValueError) as caught:
        hfaug.register(Named, name=name)
    assert str(caught.value) == (
        f"{name!r} cannot name an augmenter: a name is letters, digits, '_', '-' and '.', not starting with '-' or '.' "
        "(e.g. 'my.shout'), as recipes and the command line write it, and hfaug_augmenter joins names with '+' and "
        "'>'; register Named under another name with name=..."
    )
    assert name not in hfaug.registry.names()


@pytest.mark.parametrize("name", ["_debug.shout", "größe", "3way"])
def test_a_name_of_letters_digits_and_underscores_registers_whatever_it_starts_with(name):
    # '_debug.shout' and 'größe' were refused, with a message saying that names are letters, digits and '_'
    class Named(Shout):
        pass

    hfaug.register(Named, name=name)
    assert hfaug.get(name).__class__ is Named


@pytest.mark.parametrize("name", ["-shout", ".shout"])
def test_a_name_starting_with_a_dash_or_a_dot_is_refused_saying_so(name):
    # read as an option by the command line ('-shout'), or as a hidden file's name ('.shout')
    class Named(Shout):
        pass

    with pytest.raises(ValueError) as caught:
        hfaug.register(Named, name=name)
    assert str(caught.value).startswith(
        f"{name!r} cannot name an augmenter: a name is letters, digits, '_', '-' and '.', not starting with '-' or '.' "
        "(e.g. 'my.shout')"
    )


def test_a_name_given_to_register_as_to_a_decorator_factory_says_how_to_name_the_class():
    # `@hfaug.register("shout")` called register with the name as the class: "only hfaug.Augmenter subclasses
    # can be registered, got 'shout'", without saying how to register a class under a name
    with pytest.raises(TypeError) as caught:
        hfaug.register("test.loud")
    assert str(caught.value) == (
        "hfaug.register takes the class, got the name 'test.loud'; decorate the class with @hfaug.register "
        "(it is registered under its class attribute `name`), or call hfaug.register(MyAugmenter, name='test.loud')"
    )


def test_an_instance_given_to_register_says_to_pass_its_class():
    with pytest.raises(TypeError) as caught:
        hfaug.register(Shout(p=0.2))
    assert str(caught.value) == "hfaug.register takes the class, got an instance of Shout; pass the class: hfaug.register(Shout)"


def test_a_filter_name_given_to_filters_register_says_how_to_name_the_class():
    with pytest.raises(TypeError) as caught:
        hfaug.filters.register("test.short")
    assert str(caught.value).startswith(
        "hfaug.filters.register takes the class, got the name 'test.short'; decorate the class with @hfaug.filters.register "
    )


def install_distribution(folder, name, entry_points):
    """Metadata in ``folder`` of an installed distribution ``name`` declaring ``entry_points``
    (``name = module:Class`` lines) in the `hfaug.augmenters` group."""
    dist = folder / f"{name.replace('-', '_')}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[hfaug.augmenters]\n{entry_points}\n")


@pytest.fixture
def third_party_package(tmp_path, monkeypatch):
    """An installed distribution declaring an augmenter in the `hfaug.augmenters` group."""
    (tmp_path / "hfaug_whisper.py").write_text(
        textwrap.dedent(
            '''
            import hfaug

            class Whisper(hfaug.TextAugmenter):
                """Lower-cases the text."""

                def augment_batch(self, values, rngs):
                    return [text.lower() for text in values]
            '''
        )
    )
    install_distribution(tmp_path, "hfaug-whisper", "whisper = hfaug_whisper:Whisper")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    yield
    registry.AUGMENTERS.registered.pop("whisper", None)
    sys.modules.pop("hfaug_whisper", None)  # the next test's package is in its own folder


def test_entry_points_register_third_party_augmenters(third_party_package):
    assert "whisper" in hfaug.names()
    aug = hfaug.get("whisper", column="text")
    assert aug({"text": ["LOUD Words"]})["text"] == ["loud words"]


def test_cli_list_shows_augmenters_and_their_parameters(third_party_package):
    result = subprocess.run(
        [sys.executable, "-m", "hfaug", "list"], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    whisper = lines.index(next(line for line in lines if line.startswith("whisper ")))
    assert "Lower-cases the text." in lines[whisper]
    assert lines[whisper + 1].strip() == "(column, n=1, keep_original=False, seed=0, on_error='keep')"  # column: no default
    assert any(line.startswith("one_of ") for line in lines)
    assert next(line for line in lines if line.startswith("eda.delete ")).endswith("delete each word with probability p.")
    filters = lines.index("Filters (a recipe's `filters` entries):")
    assert filters > whisper and lines[0].startswith("Augmenters (in a recipe, column, n, keep_original, seed, on_error are set")
    length = lines.index(next(line for line in lines if line.startswith("length_ratio ")))
    assert length > filters and lines[length + 1].strip() == "(min_ratio=0.5, max_ratio=2.0, unit='words')"


@pytest.fixture
def broken_plugins(tmp_path, monkeypatch):
    """An installed distribution declaring two augmenters that cannot be loaded: one whose module
    fails when imported, one whose module needs a package that is not installed."""
    (tmp_path / "hfaug_broken.py").write_text('raise RuntimeError("no config file")\n')
    (tmp_path / "hfaug_loud.py").write_text("import loudness_meter_not_installed\n")
    install_distribution(tmp_path, "hfaug-plugins", "broken = hfaug_broken:Broken\nloud = hfaug_loud:Loud")
    monkeypatch.syspath_prepend(str(tmp_path))


def test_a_name_that_two_installed_packages_declare_is_refused_naming_both(tmp_path, monkeypatch, capsys):
    # which class it gave was down to the order of sys.path
    for package in ("one", "two"):
        folder = tmp_path / package
        folder.mkdir()
        install_distribution(folder, f"hfaug-{package}", f"clash = hfaug_{package}:Clash")
        monkeypatch.syspath_prepend(str(folder))
    with pytest.raises(ValueError, match=r"^the augmenter name 'clash' is declared by several installed packages, for different "
                       r"classes: hfaug-(one|two) \(hfaug_\1:Clash\), hfaug-(one|two) \(hfaug_\2:Clash\); uninstall all but one"):
        hfaug.get("clash")
    assert main(["list", "--json"]) == 0
    clash = next(item for item in json.loads(capsys.readouterr().out) if item["name"] == "clash")
    assert clash["broken"].startswith("ValueError: the augmenter name 'clash' is declared by several installed packages")


def test_the_name_of_a_plugin_that_cannot_be_loaded_stays_taken_from_an_imported_module(tmp_path, broken_plugins, nothing_loaded):
    (tmp_path / "my_broken.py").write_text(
        "import hfaug\n\n@hfaug.register\nclass MyBroken(hfaug.TextAugmenter):\n    name = 'broken'\n"
    )
    with pytest.raises(ValueError, match=r"^the augmenter name 'broken' is already registered \(hfaug_broken\.Broken\)"):
        import my_broken  # noqa: F401


def test_cli_list_marks_plugins_that_cannot_be_loaded_and_lists_the_others(capsys, broken_plugins):
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "broken               (broken: RuntimeError: no config file)" in lines
    assert "loud                 (needs: loudness_meter_not_installed)" in lines
    assert any(line.startswith("synonym ") and "WordNet" in line for line in lines)


def test_cli_list_json_says_why_a_plugin_cannot_be_loaded(capsys, broken_plugins):
    assert main(["list", "--json"]) == 0
    described = {item["name"]: item for item in json.loads(capsys.readouterr().out)}
    assert described["broken"] == {"kind": "augmenter", "name": "broken", "broken": "RuntimeError: no config file"}
    assert described["loud"]["needs"] == "loudness_meter_not_installed"


@pytest.fixture
def misdeclared_plugins(tmp_path, monkeypatch):
    """An installed distribution whose entry points name a class its module lacks and a class that is no augmenter."""
    (tmp_path / "hfaug_misdeclared.py").write_text("class Plain:\n    pass\n")
    install_distribution(
        tmp_path, "hfaug-misdeclared", "missing = hfaug_misdeclared:Missing\nplain = hfaug_misdeclared:Plain"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    sys.modules.pop("hfaug_misdeclared", None)


@pytest.mark.parametrize(
    ("name", "error", "why"),
    [
        ("missing", AttributeError, "module 'hfaug_misdeclared' has no 'Missing'"),
        ("plain", TypeError, "it is <class 'hfaug_misdeclared.Plain'>, not an hfaug.Augmenter subclass"),
    ],
)
def test_an_entry_point_naming_no_augmenter_class_is_told_with_the_package_that_declares_it(
    misdeclared_plugins, name, error, why
):
    with pytest.raises(error) as raised:
        hfaug.get(name)
    declared = f"{name} = 'hfaug_misdeclared:{name.capitalize()}'"
    assert str(raised.value) == (
        f"the augmenter {name!r} that hfaug-misdeclared declares ({declared}) cannot be loaded: {why}. Fix the entry "
        'point in hfaug-misdeclared\'s [project.entry-points."hfaug.augmenters"], or uninstall hfaug-misdeclared'
    )


def test_an_entry_point_may_name_a_class_nested_in_another(tmp_path, monkeypatch):
    # it was refused: module 'hfaug_nested' has no 'Holder.Inner'
    (tmp_path / "hfaug_nested.py").write_text(
        "import hfaug\n\nclass Holder:\n    class Inner(hfaug.TextAugmenter):\n"
        "        def augment_batch(self, values, rngs):\n            return [text.lower() for text in values]\n"
    )
    install_distribution(tmp_path, "hfaug-nested", "nested = hfaug_nested:Holder.Inner")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert hfaug.get("nested", column="text")({"text": ["LOUD"]})["text"] == ["loud"]
    finally:
        registry.AUGMENTERS.registered.pop("nested", None)
        sys.modules.pop("hfaug_nested", None)


@pytest.fixture
def needs_meter(monkeypatch):
    """An augmenter registered as ``test.needs_meter`` that requires a package that is not installed."""

    class NeedsMeter(Shout):
        name = "test.needs_meter"
        requires = ("loudness_meter_not_installed",)

    monkeypatch.setitem(registry.AUGMENTERS.registered, NeedsMeter.name, NeedsMeter)


def test_get_names_a_required_package_that_is_not_installed(needs_meter):
    with pytest.raises(hfaug.MissingDependency) as raised:
        hfaug.get("test.needs_meter")

    assert str(raised.value) == (
        "augmenter 'test.needs_meter' needs the package 'loudness_meter_not_installed', which is not installed; install it"
    )
    assert (raised.value.name, raised.value.install) == ("loudness_meter_not_installed", "")


def test_cli_list_marks_an_augmenter_whose_required_package_is_not_installed(capsys, needs_meter):
    assert main(["list"]) == 0

    assert "test.needs_meter     (needs: loudness_meter_not_installed)" in capsys.readouterr().out.splitlines()


def test_cli_list_json(capsys):
    assert main(["list", "--json"]) == 0
    described = json.loads(capsys.readouterr().out)
    names = [item["name"] for item in described if item["kind"] == "augmenter"]
    assert names == sorted(names) and "sequence" in names
    filters = {item["name"]: item for item in described if item["kind"] == "filter"}
    assert filters["semantic_similarity"]["parameters"]["threshold"] == 0.8
    nlpaug = next(item for item in described if item["name"] == "nlpaug")
    assert nlpaug["required"] == ["augmenter_name"] and "augmenter_name" not in nlpaug["parameters"]
    assert filters["duplicates"]["required"] == []


def test_cli_list_gives_no_summary_for_a_class_without_a_docstring(capsys):
    # it showed its base class's ("Upper-cases each space-separated word ...")
    assert main(["list", "--json"]) == 0
    described = {item["name"]: item for item in json.loads(capsys.readouterr().out)}
    assert described["test.undocumented"]["summary"] == ""
    assert described["test.shout"]["summary"] == "Upper-cases each space-separated word with probability p."


def test_cli_list_shows_required_parameters_without_a_default(capsys):
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    one_of = lines.index(next(line for line in lines if line.startswith("one_of ")))
    assert lines[one_of + 1].strip().startswith("(augmenters, column=None, weights=None, n=1,")


def test_names_equally_close_or_with_the_name_as_a_part_are_all_suggested():
    ops = ["blur", "gaussian_noise", "hflip", "background_noise", "vflip", "random_resized_crop"]
    assert closest("flip", ops) == " Did you mean 'hflip' or 'vflip'?"
    assert closest("noise", ops) == " Did you mean 'gaussian_noise' or 'background_noise'?"
    assert closest("crop", ops) == " Did you mean 'random_resized_crop'?"
    assert closest("blurr", ops) == " Did you mean 'blur'?"
    assert closest("sharpen", ops) == ""


@pytest.fixture
def nothing_loaded(monkeypatch):
    """The registry as in a fresh process: no built-in or plugin augmenter imported yet."""
    monkeypatch.setattr(registry.AUGMENTERS, "registered", {})


def test_a_built_in_name_is_taken_by_another_built_in_class_too(nothing_loaded):
    with pytest.raises(ValueError, match=r"^the augmenter name 'synonym' is already registered \(hfaug\.text\.synonym\.Synonym\)"):
        hfaug.register(hfaug.EDA, name="synonym")
    assert registry.get_class("synonym") is hfaug.Synonym


def test_a_built_in_name_is_taken_before_its_module_is_imported(nothing_loaded):
    class MyAeda(hfaug.TextAugmenter):
        name = "aeda"

    with pytest.raises(ValueError) as raised:
        hfaug.register(MyAeda)
    assert str(raised.value) == (
        "the augmenter name 'aeda' is already registered (hfaug.text.aeda.AEDA); register MyAeda under another "
        "name with name=..."
    )
    assert registry.get_class("aeda") is hfaug.AEDA


def test_an_entry_point_name_is_taken_before_its_plugin_is_imported(third_party_package, nothing_loaded):
    class MyWhisper(hfaug.TextAugmenter):
        name = "whisper"

    with pytest.raises(ValueError, match=r"name 'whisper' is already registered \(hfaug_whisper\.Whisper\)"):
        hfaug.register(MyWhisper)


@pytest.fixture
def self_registering_package(tmp_path, monkeypatch):
    """An installed package that registers its augmenter in a submodule and re-exports it where
    its entry point names it."""
    package = tmp_path / "hfaug_murmur"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "plugin.py").write_text("from hfaug_murmur.core import Murmur\n")  # the module its entry point names
    (package / "core.py").write_text(
        textwrap.dedent(
            '''
            import hfaug

            @hfaug.register
            class Murmur(hfaug.TextAugmenter):
                name = "murmur"

                def augment_batch(self, values, rngs):
                    return [text.lower() for text in values]
            '''
        )
    )
    install_distribution(tmp_path, "hfaug-murmur", "murmur = hfaug_murmur.plugin:Murmur")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    registry.AUGMENTERS.registered.pop("murmur", None)
    for module in ("hfaug_murmur", "hfaug_murmur.core", "hfaug_murmur.plugin"):
        sys.modules.pop(module, None)


@pytest.mark.parametrize("first", ["the-re-exporting-module", "the-registering-module", "get"])
def test_a_plugin_that_registers_the_class_its_entry_point_re_exports_loads(self_registering_package, nothing_loaded, first):
    if first == "the-re-exporting-module":
        import hfaug_murmur.plugin  # noqa: F401  (registers its augmenter)
    elif first == "the-registering-module":
        import hfaug_murmur.core  # noqa: F401

    assert hfaug.get("murmur", column="text")({"text": ["LOW"]})["text"] == ["low"]


@pytest.mark.parametrize("name", ["aeda", "image"])  # `image` is declared where it is re-exported
def test_a_built_in_class_can_be_registered_again_under_its_own_name(nothing_loaded, name):
    declared = registry.get_class(name)
    registry.AUGMENTERS.registered.clear()
    assert hfaug.register(declared, name=name) is declared
    assert registry.get_class(name) is declared


@pytest.mark.parametrize("name", [5, b"shout", ["shout"]])
def test_a_name_that_is_not_a_str_is_refused(nothing_loaded, name):
    with pytest.raises(TypeError) as raised:
        hfaug.register(Shout, name=name)
    assert str(raised.value) == f"register Shout under a str name, got name={name!r}; pass e.g. name='shout'"
    assert registry.AUGMENTERS.registered == {}


@pytest.mark.parametrize(
    "call",
    [lambda cls: hfaug.augment(Dataset.from_dict({"text": ["a thin plot"]}), cls), lambda cls: hfaug.OnTheFly(cls)],
)
def test_a_class_given_for_an_augmenter_is_told_to_pass_an_instance(call):
    with pytest.raises(
        TypeError,
        match=r"^expected an hfaug augmenter, got the class Synonym; pass an instance: hfaug\.Synonym\(\) or the ready "
        r"instance hfaug\.synonym$",
    ):
        call(hfaug.Synonym)


def test_a_class_given_for_a_registry_name_is_told_its_name():
    with pytest.raises(TypeError) as raised:
        hfaug.get(hfaug.Synonym)
    assert str(raised.value) == (
        "expected the name of a registered augmenter (a str: see `hfaug list`), got the class Synonym; "
        "pass its name 'synonym', or build it directly: hfaug.Synonym()"
    )


def test_a_class_from_another_package_is_shown_without_the_hfaug_prefix():
    with pytest.raises(TypeError) as raised:
        hfaug.get(Shout)
    assert str(raised.value).endswith("got the class Shout; pass its name 'test.shout', or build it directly: Shout()")


@pytest.mark.parametrize("name", [None, 3])
def test_a_registry_name_that_is_not_a_str_is_refused(name):
    with pytest.raises(TypeError) as raised:
        hfaug.get(name)
    assert str(raised.value) == f"expected the name of a registered augmenter (a str: see `hfaug list`), got {name}"


def test_other_libraries_parameter_names_are_answered_with_hfaugs():
    with pytest.raises(TypeError) as raised:
        hfaug.EDA(pct_words_to_swap=0.1, transformations_per_example=4)
    assert str(raised.value) == (
        "EDA: unknown parameters 'pct_words_to_swap' (did you mean 'alpha'?), 'transformations_per_example' (did you "
        "mean 'n'?). It takes: column, alpha, alpha_sr, alpha_ri, alpha_rs, p_rd, protected, stopwords, keep_negations, "
        "n, keep_original, seed, on_error."
    )
    with pytest.raises(TypeError, match=r"^synonym: unknown parameter 'aug_p' \(did you mean 'p'\?\)\. It takes: column, p, "):
        hfaug.get("synonym", aug_p=0.1)
    assert closest("aug_char_max", ["max_words", "max_chars"]) == " Did you mean 'max_chars'?"
