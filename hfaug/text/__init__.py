"""Text augmenters."""
