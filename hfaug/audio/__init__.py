"""Audio augmentation over `datasets.Audio` columns: audiomentations transforms or named ops,
stored back in the format each clip came in. audiomentations, soundfile and torchcodec are
imported on first use."""

from hfaug.audio.augment import AudioAugment
from hfaug.audio.ops import OPS

__all__ = ["OPS", "AudioAugment"]
