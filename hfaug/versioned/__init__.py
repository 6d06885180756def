"""Versioned augmented datasets: the objects a recipe returns (:mod:`hfaug.versioned.dataset_types`), and their
folders on disk (:mod:`hfaug.versioned.layout`), written by :mod:`hfaug.versioned.saving` and read back by
:mod:`hfaug.versioned.loading`.

The other modules serve those: whether splits are still a version's (:mod:`hfaug.versioned.split_checks`), the
records of its sample rows (:mod:`hfaug.versioned.samples`), its ``manifest.json`` and the folder that holds it
(:mod:`hfaug.versioned.manifests`), the output folder versions are written into
(:mod:`hfaug.versioned.output_folder`) and the Parquet files of its splits (:mod:`hfaug.versioned.parquet_shards`).
"""

from hfaug.versioned.dataset_types import VersionedDataset, VersionedDatasetDict, as_splits, attach
from hfaug.versioned.layout import CARD, DATA_DIR, MANIFEST, PREVIEW_DIR, SAMPLES_FILE
from hfaug.versioned.loading import load_samples, load_version_dir
from hfaug.versioned.manifests import (
    find_version_dir,
    manifest_json,
    missing_manifest_keys,
    read_manifest,
    version_folders,
)
from hfaug.versioned.output_folder import check_output_dir, prepare_output_dir
from hfaug.versioned.parquet_shards import (
    MAX_SHARD_BYTES,
    estimated_nbytes,
    holds_translation,
    parquet_batch_size,
    write_parquet_gathered,
    write_version_shards,
)
from hfaug.versioned.samples import sample_records
from hfaug.versioned.saving import save
from hfaug.versioned.split_checks import (
    changed_splits,
    empty_split_remedy,
    holds_version,
    refuse_changed_splits,
    refuse_empty_splits,
    split_fingerprints,
    with_missing_columns,
)

__all__ = [
    "CARD",
    "DATA_DIR",
    "MANIFEST",
    "MAX_SHARD_BYTES",
    "PREVIEW_DIR",
    "SAMPLES_FILE",
    "VersionedDataset",
    "VersionedDatasetDict",
    "as_splits",
    "attach",
    "changed_splits",
    "check_output_dir",
    "empty_split_remedy",
    "estimated_nbytes",
    "find_version_dir",
    "holds_translation",
    "holds_version",
    "load_samples",
    "load_version_dir",
    "manifest_json",
    "missing_manifest_keys",
    "parquet_batch_size",
    "prepare_output_dir",
    "read_manifest",
    "refuse_changed_splits",
    "refuse_empty_splits",
    "sample_records",
    "save",
    "split_fingerprints",
    "version_folders",
    "with_missing_columns",
    "write_parquet_gathered",
    "write_version_shards",
]
