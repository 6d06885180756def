"""Small, real MarianMT models built from the shared data, for tests and benchmarks.

A SentencePiece model is trained on a few thousand real sentences, a `MarianMTModel` of
the requested size is initialised at random (and optionally trained briefly to copy its
input, so that it stops at EOS like a real translator), and both are written with
``save_pretrained`` (safetensors). The result is an ordinary local model directory that
`transformers`' ``from_pretrained`` and ``generate`` load and run as they would an
``opus-mt`` checkpoint.

Builds are cached under a directory keyed by every parameter of the build, so a second
run reuses them; a fresh checkout builds each model once.

Example:
    >>> spec = MarianSpec(copy_steps=300)
    >>> path = build_marian(spec, data_dir=Path("../shared/data"), cache_dir=Path(".cache/test-models"))
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hfaug.worker_threads import one_torch_thread

# Bump when the build procedure changes, so cached models are rebuilt.
BUILDER_VERSION = 1

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CACHE_DIR = REPO_ROOT / ".cache" / "test-models"
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class MarianSpec:
    """Everything that determines a built model (and its cache key).

    Args:
        vocab_size (`int`, defaults to 1000): SentencePiece vocabulary size (``<pad>`` is added on top).
        d_model (`int`, defaults to 32): Hidden size.
        layers (`int`, defaults to 2): Encoder layers and decoder layers (each).
        heads (`int`, defaults to 2): Attention heads.
        ffn_dim (`int`, defaults to 64): Feed-forward size.
        max_positions (`int`, defaults to 64): Longest input the model accepts, in tokens.
        copy_steps (`int`, defaults to 0): Training steps on the copy task (0: random weights).
        sentences (`int`, defaults to 3000): Sentences of SST-2 and TREC the tokenizer is trained on.
        seed (`int`, defaults to 0): Seed of the initialisation and the training.
    """

    vocab_size: int = 1000
    d_model: int = 32
    layers: int = 2
    heads: int = 2
    ffn_dim: int = 64
    max_positions: int = 64
    copy_steps: int = 0
    sentences: int = 3000
    seed: int = 0

    def key(self) -> str:
        import transformers

        payload = json.dumps(
            {"builder": BUILDER_VERSION, "transformers": transformers.__version__, **dataclasses.asdict(self)},
            sort_keys=True,
        )
        return hashlib.blake2b(payload.encode(), digest_size=8).hexdigest()


OPUS_MT_DIMENSIONS = {"d_model": 512, "layers": 6, "heads": 8, "ffn_dim": 2048, "max_positions": 512}
"""Sizes of the ``Helsinki-NLP/opus-mt-*`` models (the vocabulary there is ~58k pieces)."""

RANDOM = MarianSpec()
"""Random weights: fast, input-blind output that runs to its length cap."""
COPYING = MarianSpec(d_model=64, layers=1, heads=2, ffn_dim=128, copy_steps=600)
"""Trained briefly to copy: follows its input loosely and stops at EOS (~30 s to build)."""


def training_sentences(data_dir: Path, count: int) -> list[str]:
    """``count`` real sentences: SST-2 train, then TREC train."""
    sentences: list[str] = []
    for name in ("sst2/train.jsonl", "trec/train.jsonl"):
        with open(data_dir / name, encoding="utf-8") as handle:
            for line in handle:
                sentences.append(json.loads(line)["text"])
                if len(sentences) >= count:
                    return sentences
    return sentences


def build_marian(spec: MarianSpec, data_dir: Path = DEFAULT_DATA_DIR, cache_dir: Path = DEFAULT_CACHE_DIR) -> Path:
    """The directory of the model described by ``spec``, building it if it is not cached."""
    target = Path(cache_dir) / f"marian-{spec.key()}"
    if (target / "model.safetensors").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        sentences = training_sentences(Path(data_dir), spec.sentences)
        tokenizer = _build_tokenizer(sentences, spec, staging)
        model = _build_model(spec, pad_id=tokenizer.pad_token_id)
        if spec.copy_steps:
            with one_torch_thread():  # far faster than two contended threads for a model this small
                _train_copy(model, tokenizer, sentences, spec)
        model.save_pretrained(staging)
        tokenizer.save_pretrained(staging)
        try:
            os.rename(staging, target)
        except OSError:  # built meanwhile by another process
            if not (target / "model.safetensors").is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _build_tokenizer(sentences: list[str], spec: MarianSpec, folder: Path):
    import sentencepiece as spm
    from transformers import MarianTokenizer

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=buffer,
        vocab_size=spec.vocab_size,
        model_type="unigram",
        eos_id=0,
        unk_id=1,
        bos_id=-1,
        pad_id=-1,
        character_coverage=1.0,
        num_threads=2,
        minloglevel=2,
    )
    spm_file = folder / "source.spm"
    spm_file.write_bytes(buffer.getvalue())
    shutil.copyfile(spm_file, folder / "target.spm")
    processor = spm.SentencePieceProcessor(model_file=str(spm_file))
    vocab = {processor.id_to_piece(index): index for index in range(processor.get_piece_size())}
    vocab["<pad>"] = len(vocab)  # Marian keeps <pad> last; it is also the decoder start token
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return MarianTokenizer(
        source_spm=str(spm_file),
        target_spm=str(folder / "target.spm"),
        vocab=str(folder / "vocab.json"),
        model_max_length=spec.max_positions,
    )


def _build_model(spec: MarianSpec, pad_id: int):
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    config = MarianConfig(
        vocab_size=pad_id + 1,
        d_model=spec.d_model,
        encoder_layers=spec.layers,
        decoder_layers=spec.layers,
        encoder_attention_heads=spec.heads,
        decoder_attention_heads=spec.heads,
        encoder_ffn_dim=spec.ffn_dim,
        decoder_ffn_dim=spec.ffn_dim,
        max_position_embeddings=spec.max_positions,
        activation_function="swish",
        scale_embedding=True,
        pad_token_id=pad_id,
        decoder_start_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        dropout=0.0,
    )
    torch.manual_seed(spec.seed)
    model = MarianMTModel(config)
    model.generation_config = GenerationConfig(
        decoder_start_token_id=pad_id,
        pad_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        bad_words_ids=[[pad_id]],
        max_length=spec.max_positions,
        num_beams=1,
    )
    return model.eval()


def _train_copy(model, tokenizer, sentences: list[str], spec: MarianSpec, batch_size: int = 32) -> None:
    """Teach the model to reproduce its input (teacher forcing, cross-entropy)."""
    import torch

    generator = torch.Generator().manual_seed(spec.seed)
    encoded = [tokenizer(text, truncation=True, max_length=spec.max_positions // 2)["input_ids"] for text in sentences]
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(1.0, (step + 1) / 50))
    model.train()
    for _ in range(spec.copy_steps):
        picks = torch.randint(len(encoded), (batch_size,), generator=generator).tolist()
        batch = tokenizer.pad({"input_ids": [encoded[i] for i in picks]}, return_tensors="pt")
        labels = batch["input_ids"].masked_fill(batch["attention_mask"] == 0, -100)
        loss = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
    model.eval()
