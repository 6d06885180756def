"""Image augmentation over `datasets.Image` columns: torchvision transforms or named ops,
stored back in the format each image came in. torch and torchvision are imported on first use."""

from hfaug.image.augment import ImageAugment
from hfaug.image.ops import OPS

__all__ = ["OPS", "ImageAugment"]
