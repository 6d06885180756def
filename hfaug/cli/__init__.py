"""The ``hfaug`` command line."""
