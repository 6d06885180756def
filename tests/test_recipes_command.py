"""``hfaug recipes [NAME]``: the shipped recipes listed with what each is for, and one printed as shipped."""

from __future__ import annotations

from hfaug.cli.main import main
from hfaug.recipe import Recipe
from hfaug.shipped import shipped_recipes


def test_lists_every_shipped_recipe_with_the_start_of_its_description(capsys):
    assert main(["recipes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Shipped recipes (`hfaug apply NAME ...` runs one):"
    for name in shipped_recipes():
        first_words = " ".join(Recipe.from_yaml(name).description.split()[:5])
        assert lines[lines.index(name) + 1].startswith("    " + first_words)
    assert lines[-1] == "`hfaug recipes NAME` prints one, to read it or copy it into a recipe of your own."


def test_prints_a_recipe_as_shipped_and_the_copy_reads_as_the_same_recipe(capsys, tmp_path):
    assert main(["recipes", "sst2-eda"]) == 0
    printed = capsys.readouterr().out
    assert printed == shipped_recipes()["sst2-eda"].read_text(encoding="utf-8")
    assert printed.startswith("# Sentiment classification on SST-2")  # comments included
    (tmp_path / "mine.yaml").write_text(printed, encoding="utf-8")
    assert Recipe.from_yaml(tmp_path / "mine.yaml").to_dict() == Recipe.from_yaml("sst2-eda").to_dict()


def test_an_unknown_name_gets_the_closest_and_every_shipped_name(capsys):
    assert main(["recipes", "sst2-ed"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hfaug recipes: error: no shipped recipe named 'sst2-ed'. Did you mean 'sst2-eda'? ")
    assert err.rstrip().endswith(f"The shipped recipes: {', '.join(shipped_recipes())}.")


def test_lists_the_shipped_recipes_without_building_them(capsys, monkeypatch):
    def unbuildable(*args, **kwargs):
        raise AssertionError("a recipe was built to list it (its augmenters may need an extra not installed)")

    monkeypatch.setattr(Recipe, "from_yaml", unbuildable)
    monkeypatch.setattr(Recipe, "from_dict", unbuildable)
    assert main(["recipes"]) == 0
    assert "sst2-eda" in capsys.readouterr().out.splitlines()
