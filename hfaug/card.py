"""The dataset card (README.md) of a versioned augmented dataset."""

from __future__ import annotations

from typing import Any

import jinja2
import yaml
from datasets import Dataset, DatasetDict, DatasetInfo
from datasets.info import DatasetInfosDict
from datasets.splits import SplitDict, SplitInfo
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCardData

from hfaug.media_preview import media_kind

_CELL_CHARS = 160


def render_card(manifest: dict[str, Any], dataset: Dataset | DatasetDict) -> str:
    """The dataset card of a versioned dataset: YAML metadata that ``load_dataset`` reads
    (``configs``/``data_files`` under ``data/``, features, splits, licence, tags), then the
    version, source, recipe, counts per augmenter and filter, the meaning of each provenance
    column and a before/after sample table.

    Args:
        manifest (`dict`): The version's manifest (``dataset.manifest``).
        dataset (`Dataset` or `DatasetDict`): The augmented data (for features and sizes).

    Example:
        >>> Path("README.md").write_text(hfaug.card.render_card(out.manifest, out))
    """
    from hfaug.versioned import DATA_DIR, as_splits

    splits = as_splits(dataset)
    recipe = manifest["recipe"]
    features = next(iter(splits.values())).features
    column_feature = features.get(recipe["column"])
    template = _environment().get_template("card.md.jinja")
    return template.render(
        metadata=_metadata(manifest, splits, DATA_DIR).to_yaml().strip(),
        title=recipe.get("name") or manifest["version"],
        manifest=manifest,
        recipe=recipe,
        stats=manifest["stats"],
        source_text=_source_text(manifest["source"]),
        source_rows=_source_rows(manifest["source"]),
        augmenter_rows=list(manifest["stats"]["augmenters"].items()),
        samples=manifest.get("samples", []),
        media=media_kind(column_feature) is not None,
        recipe_yaml=yaml.safe_dump(recipe, sort_keys=False, allow_unicode=True),
    )


def _metadata(manifest: dict[str, Any], splits: dict[str, Dataset], data_dir: str) -> DatasetCardData:
    recipe = manifest["recipe"]
    card_data = DatasetCardData(
        license=recipe.get("license"),
        pretty_name=recipe.get("name") or manifest["version"],
        tags=["hfaug", "data-augmentation"],
    )
    info = DatasetInfo(features=next(iter(splits.values())).features, splits=SplitDict())
    for name, split in splits.items():
        info.splits.add(SplitInfo(name=name, num_bytes=split._estimate_nbytes(), num_examples=len(split)))
    DatasetInfosDict({"default": info}).to_dataset_card_data(card_data)
    MetadataConfigs(
        {"default": {"data_files": [{"split": name, "path": f"{data_dir}/{name}-*"} for name in splits]}}
    ).to_dataset_card_data(card_data)
    return card_data


def _source_text(source: dict[str, Any]) -> str:
    if source.get("kind") == "hub":
        revision = f" at revision `{source['revision']}`" if source.get("revision") else ""
        return f"the Hub dataset `{source.get('id')}`{revision}"
    if source.get("path"):
        return f"`{source['path']}`"
    return source.get("description") or "a dataset"


def _source_rows(source: dict[str, Any]) -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for key in ("kind", "id", "path", "config", "revision", "description"):
        if source.get(key):
            rows.append((key, f"`{source[key]}`" if key in ("id", "path", "revision") else source[key]))
    for name, count in source.get("splits", {}).items():
        rows.append((f"rows in `{name}`", count))
    for name, fingerprint in source.get("fingerprint", {}).items():
        rows.append((f"content fingerprint of `{name}`", f"`{fingerprint}`"))
    return rows


def _cell(value: Any) -> str:
    """``value`` as one Markdown table cell: one line, pipes escaped, long text shortened."""
    text = " ".join(str(value).split())
    if len(text) > _CELL_CHARS:
        text = text[: _CELL_CHARS - 1] + "…"
    return text.replace("|", "\\|").replace("<", "&lt;")


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
    return environment
