"""The recipes shipped with hfaug, as package data: ``hfaug apply sst2-eda --dataset ...`` takes them by name."""
