"""The dataset card (README.md) of a versioned augmented dataset."""

from __future__ import annotations

import re
from typing import Any

import jinja2
import yaml
from datasets import Dataset, DatasetDict, DatasetInfo
from datasets.info import DatasetInfosDict
from datasets.splits import SplitDict, SplitInfo
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCardData

from hfaug.labels import quoted_if_ambiguous
from hfaug.media_preview import media_kind

_CELL_CHARS = 160
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]!|~$])")  # punctuation that would format a table cell's text
_BACKTICKS = re.compile(r"`+")


def render_card(
    manifest: dict[str, Any], dataset: Dataset | DatasetDict, *, repo_id: str | None = None, tag: str | None = None
) -> str:
    """The dataset card of a versioned dataset: YAML metadata that ``load_dataset`` reads
    (``configs``/``data_files`` under ``data/``, features, splits, licence, size category, tags), then the
    version, how to load it, source, recipe, counts per augmenter and filter, the meaning of
    each provenance column and a before/after sample table.

    Args:
        manifest (`dict`): The version's manifest (``dataset.manifest``).
        dataset (`Dataset` or `DatasetDict`): The augmented data (for features and sizes).
        repo_id (`str`, *optional*): The Hub repository the card is pushed to; without it, the
            card of a version folder (it loads the version from the folder).
        tag (`str`, *optional*): The tag the version is pushed under (with ``repo_id``).

    Example:
        >>> Path("README.md").write_text(hfaug.card.render_card(out.manifest, out))
    """
    from hfaug.versioned.dataset_types import as_splits
    from hfaug.versioned.layout import DATA_DIR

    splits = as_splits(dataset)
    recipe = manifest["recipe"]
    recipe_yaml = yaml.safe_dump(recipe, sort_keys=False, allow_unicode=True)
    features = next(iter(splits.values())).features
    column_feature = features.get(recipe["column"])
    template = _environment().get_template("card.md.jinja")
    return template.render(
        metadata=_metadata(manifest, splits, DATA_DIR).to_yaml().strip(),
        title=recipe.get("name") or manifest["version"],
        manifest=manifest,
        recipe=recipe,
        stats={**manifest["stats"], "filters": _shown_filter_reports(manifest["stats"]["filters"])},
        source_text=_source_text(manifest["source"]),
        loading=loading_line(repo_id, tag),
        source_rows=_source_rows(manifest["source"]),
        augmenter_rows=list(manifest["stats"]["augmenters"].items()),
        samples=manifest.get("samples", []),
        media=media_kind(column_feature) is not None,
        recipe_yaml=recipe_yaml,
        recipe_fence=_backticks_around(recipe_yaml, 3),
    )


def loading_line(repo_id: str | None = None, tag: str | None = None) -> str:
    """The card's lines that load the version: from ``repo_id`` at ``tag`` on the Hub (with `datasets` alone,
    or with hfaug, which reads its manifest too), else from its folder."""
    if repo_id is None:
        return 'ds = load_dataset("<this folder>")'
    return (
        f'ds = load_dataset("{repo_id}", revision="{tag}")\n'
        "# or, with hfaug, which also reads the version's manifest and statistics (ds.manifest, ds.stats):\n"
        f'# import hfaug; ds = hfaug.load("{repo_id}", version="{tag}")'
    )


def for_hub(text: str, repo_id: str, tag: str) -> str:
    """A version folder's card (``text``, as ``hfaug push`` uploads it) whose loading line names
    ``repo_id`` and ``tag`` instead of the folder; the rest of the text is left as it is."""
    return text.replace(loading_line(), loading_line(repo_id, tag))


def _metadata(manifest: dict[str, Any], splits: dict[str, Dataset], data_dir: str) -> DatasetCardData:
    from hfaug.versioned.parquet_shards import estimated_nbytes

    recipe = manifest["recipe"]
    card_data = DatasetCardData(
        license=recipe.get("license"),
        pretty_name=recipe.get("name") or manifest["version"],
        size_categories=[_size_category(sum(len(split) for split in splits.values()))],
        tags=["hfaug", "data-augmentation"],
    )
    info = DatasetInfo(features=next(iter(splits.values())).features, splits=SplitDict())
    for name, split in splits.items():
        info.splits.add(SplitInfo(name=name, num_bytes=estimated_nbytes(split), num_examples=len(split)))
    DatasetInfosDict({"default": info}).to_dataset_card_data(card_data)
    MetadataConfigs(
        {"default": {"data_files": [{"split": name, "path": f"{data_dir}/{name}-*"} for name in splits]}}
    ).to_dataset_card_data(card_data)
    return card_data


_SIZE_CATEGORIES = (
    (10**3, "n<1K"),
    (10**4, "1K<n<10K"),
    (10**5, "10K<n<100K"),
    (10**6, "100K<n<1M"),
    (10**7, "1M<n<10M"),
    (10**8, "10M<n<100M"),
    (10**9, "100M<n<1B"),
    (10**10, "1B<n<10B"),
    (10**11, "10B<n<100B"),
    (10**12, "100B<n<1T"),
)
"""The Hub's size categories of a dataset (rows in all splits, below each bound), which its search filters by."""


def _size_category(rows: int) -> str:
    """The Hub's size category of a dataset of ``rows`` rows."""
    return next((category for bound, category in _SIZE_CATEGORIES if rows < bound), "n>1T")


def _source_text(source: dict[str, Any]) -> str:
    """The source as the card's sentence names it: ids, revisions and paths as code spans, a description as text
    that reads literally (Markdown syntax escaped, on one line)."""
    if source.get("kind") == "hub":
        revision = f" at revision {_code_span(source['revision'])}" if source.get("revision") else ""
        return f"the Hub dataset {_code_span(source.get('id'))}{revision}"
    if source.get("path"):
        return _code_span(source["path"])
    return _cell(source.get("description"), shorten=False) or "a dataset"


def _source_rows(source: dict[str, Any]) -> list[tuple[str, str]]:
    """The source table's rows: a name and its Markdown cell."""
    rows: list[tuple[str, str]] = []
    for key in ("kind", "id", "path", "config", "revision", "description"):
        if source.get(key):
            rows.append((key, _code_cell(source[key]) if key in ("id", "path", "revision") else _cell(source[key])))
    for name, count in source.get("splits", {}).items():
        rows.append((f"rows in `{name}`", _cell(count)))
    for name, taken in source.get("slices", {}).items():
        rows.append((f"rows taken from `{name}`", _code_cell(taken)))
    for name, fingerprint in source.get("fingerprint", {}).items():
        rows.append((f"content fingerprint of `{name}`", _code_cell(fingerprint)))
    return rows


def _cell(value: Any, shorten: bool = True) -> str:
    """``value`` as one Markdown table cell that shows its text literally: one line, long text
    shortened (unless ``shorten=False``: text the card explains, in full), HTML and Markdown syntax
    (emphasis, links, images, code, pipes) escaped; ``None`` is an empty cell."""
    if value is None:
        return ""
    text = _one_line(value, shorten).replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text)


def _code_cell(value: Any) -> str:
    """``value`` as a code span in a Markdown table cell (GFM tables need pipes escaped even there)."""
    return _code_span(value, shorten=True).replace("|", "\\|")


def _code_span(value: Any, shorten: bool = False) -> str:
    """``value`` on one line as a Markdown code span, fenced by more backticks than it holds in a row."""
    text = _one_line(value, shorten)
    backticks = _backticks_around(text, 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{backticks}{padded}{backticks}"


def _one_line(value: Any, shorten: bool = True) -> str:
    text = " ".join(str(value).split())
    return text if not shorten or len(text) <= _CELL_CHARS else text[: _CELL_CHARS - 1] + "…"


def _backticks_around(text: str, shortest: int) -> str:
    """A run of backticks longer than any in ``text`` (at least ``shortest``): the fence of a code
    block or span that ``text`` cannot close."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(shortest, longest + 1)


def _shown_filter_reports(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The filter reports as the card's table shows them: the rows a filter checked, with how many
    of those it kept unjudged (``rows_unjudged``; versions made before it was counted have none)."""
    shown = []
    for report in reports:
        unjudged = report.get("rows_unjudged", 0)
        checked = f"{report['rows_checked']} ({unjudged} kept unjudged)" if unjudged else report["rows_checked"]
        shown.append({**report, "rows_checked": checked})
    return shown


def _reasons(reasons: dict[str, int]) -> str:
    return ", ".join(f"{reason}: {count}" for reason, count in reasons.items()) or "-"


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("hfaug", "templates"),
        autoescape=False,  # Markdown; values are escaped for table cells by the `cell` filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["cell"] = _cell
    environment.filters["reasons"] = _reasons
    environment.filters["label"] = quoted_if_ambiguous
    return environment
