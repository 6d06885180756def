"""Engines that run augmenters over a whole dataset besides `datasets`' own ``map``.

``hfaug.augment(..., engine="ray")`` uses :mod:`hfaug.engines.ray_engine`. Engines import
their framework on first use only.
"""
