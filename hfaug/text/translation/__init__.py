"""Machine translation for back-translation: model resolution and loading (:mod:`.models`),
sentence segmentation (:mod:`.segments`), token-budget batching (:mod:`.batching`),
generation with per-row randomness and limits (:mod:`.generation`), and the on-disk
translation cache (:mod:`.cache`).

Nothing here is imported by ``import hfaug``; torch and transformers load on first use.
"""
