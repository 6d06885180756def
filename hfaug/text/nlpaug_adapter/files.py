"""The files and models an nlpaug class loads: local files pinned by their content, and what to check where a
load fails."""

from __future__ import annotations

import inspect
import os
from typing import Any

from hfaug.content_hash import content_revision
from hfaug.text.nlpaug_adapter.classes import class_

FILE_PARAMETERS = ("dict_of_path", "dict_path", "from_model_name", "model_dir", "model_path", "to_model_name", "tokenizer_path")
"""Parameters of nlpaug classes that name files: a local file or folder given there is pinned by its content."""


def pinned_files(params: dict[str, Any], recorded: dict[str, str] | None) -> dict[str, str] | None:
    """The content revisions of the local files that ``params`` name (None where they name none); a ``recorded``
    set that no longer matches them is refused."""
    found = {
        name: content_revision(params[name])
        for name in FILE_PARAMETERS
        if isinstance(params.get(name), str) and os.path.exists(params[name])
    }
    kept = {name: revision for name, revision in (recorded or {}).items() if revision is not None}
    if recorded is not None and kept != found:
        changed = sorted(name for name in found.keys() | kept.keys() if found.get(name) != kept.get(name))
        raise ValueError(
            f"nlpaug: the files that {', '.join(changed)} name{'s' if len(changed) == 1 else ''} are not those the "
            f"configuration recorded ({', '.join(f'{name}: {kept.get(name)}' for name in changed)}); restore "
            "them, or build the augmenter without revisions= to use the files as they are (another configuration, "
            "so a new version)"
        )
    return found or None


def what_it_loads(path: str, params: dict[str, Any]) -> str:
    """What to check when the nlpaug class at ``path`` cannot be built from ``params``: the files and models
    that its :data:`FILE_PARAMETERS` name, nlpaug's defaults included (``model_path='bert-base-uncased'``), which
    a failed load's own error often leaves unsaid."""
    defaults = {
        name: parameter.default
        for name, parameter in inspect.signature(class_(path).__init__).parameters.items()
        if name in FILE_PARAMETERS and parameter.default is not parameter.empty
    }
    loads = [
        f"{name}={params[name]!r}" if name in params else f"{name}={default!r} (nlpaug's default)"
        for name, default in defaults.items()
    ]
    if not loads:
        return "Check its parameters; a model it loads must be on this machine or downloadable."
    return (
        f"It loads {', '.join(loads)}. Give each a file or model that is on this machine (a local path) or "
        "downloadable, and check the other parameters."
    )
