"""Versions on the Hub: push an augmented dataset with its card and a tag (:mod:`hfaug.hub.pushing`), load a
version by its tag (:mod:`hfaug.hub.loading`) or its manifest alone (:mod:`hfaug.hub.manifests`).

The other modules serve those: the errors and the Hub's HTTP errors in words (:mod:`hfaug.hub.errors`), the tags
and repository ids the Hub takes (:mod:`hfaug.hub.names`), a repository's refs and files
(:mod:`hfaug.hub.repository`), reading from the Hub or the local cache (:mod:`hfaug.hub.fetching`), a push's tag
against what is there (:mod:`hfaug.hub.conflicts`) and the commit of its card (:mod:`hfaug.hub.card_commit`).
"""

from hfaug.hub.errors import HubUnreachable, PushConflict, VersionConflict, VersionNotFound, VersionUnavailable
from hfaug.hub.loading import load
from hfaug.hub.manifests import load_manifest
from hfaug.hub.pushing import PushResult, push_to_hub

__all__ = [
    "HubUnreachable",
    "PushConflict",
    "PushResult",
    "VersionConflict",
    "VersionNotFound",
    "VersionUnavailable",
    "load",
    "load_manifest",
    "push_to_hub",
]
