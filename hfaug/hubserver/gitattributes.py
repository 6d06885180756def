"""The ``.gitattributes`` of a new repository of the local Hub server: the patterns the Hub stores through LFS."""

# Patterns stored through LFS in every new repository (written into its first commit).
DEFAULT_GITATTRIBUTES = (
    "\n".join(
        f"{pattern} filter=lfs diff=lfs merge=lfs -text"
        for pattern in (
            "*.7z",
            "*.arrow",
            "*.bin",
            "*.bz2",
            "*.ckpt",
            "*.gz",
            "*.h5",
            "*.joblib",
            "*.lz4",
            "*.model",
            "*.msgpack",
            "*.npy",
            "*.npz",
            "*.onnx",
            "*.parquet",
            "*.pb",
            "*.pickle",
            "*.pkl",
            "*.pt",
            "*.pth",
            "*.rar",
            "*.safetensors",
            "*.tar",
            "*.tar.*",
            "*.tgz",
            "*.xz",
            "*.zip",
            "*.zst",
            "*.flac",
            "*.mp3",
            "*.ogg",
            "*.wav",
            "*.bmp",
            "*.gif",
            "*.jpeg",
            "*.jpg",
            "*.png",
            "*.tiff",
            "*.webp",
            "*.mp4",
            "*.webm",
        )
    )
    + "\n"
)
