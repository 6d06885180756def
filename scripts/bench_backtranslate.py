"""Back-translation throughput: hfaug.BackTranslate vs nlpaug's BackTranslationAug.

Both sides get the same local Marian models, the same SST-2 sentences and the same
decoding, in one run, on CPU:

* ``opus``: a model of ``opus-mt`` dimensions (d_model 512, 6+6 layers, 8 heads, FFN 2048)
  with random weights whose cross-attention is sharpened so that every sentence gets its own
  pivot text (see :func:`with_sharp_cross_attention`). A random model never says EOS, so both
  sides are made to generate exactly ``--fixed-tokens`` tokens per sentence
  (``min_new_tokens = max_new_tokens``).
* ``small``: a tiny model trained briefly to copy, which stops at EOS like a real
  translator, so output lengths follow input lengths.

The models are built by ``tests/marian_models.py`` (cached under ``.cache/test-models``).
Prints sentences/s per side, the ratio, how many outputs agree, and how many distinct pivot
texts there were and each side translated back: hfaug translates each distinct text once, so
the two sides do the same work only when the pivots are distinct.

Usage:
    python scripts/bench_backtranslate.py            # 1000 sentences, both models
    python scripts/bench_backtranslate.py --quick    # 100 sentences, a check that it runs
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "sst2" / "train.jsonl"
sys.path.insert(0, str(REPO / "tests"))

from marian_models import COPYING, OPUS_MT_DIMENSIONS, MarianSpec, build_marian  # noqa: E402

from hfaug.cli.arguments import positive_int  # noqa: E402
from hfaug.text.translation.models import DTYPES  # noqa: E402

OPUS_RANDOM = MarianSpec(vocab_size=8000, sentences=12000, **OPUS_MT_DIMENSIONS)
CROSS_ATTENTION_GAIN = 8
"""Factor on the opus-size model's cross-attention projections. With 8 each of the first 300 SST-2
sentences gets its own pivot text; with 4 they get 48 distinct ones, with 1 (random weights) 2."""


def sst2_sentences(path: Path, count: int) -> list[str]:
    """The first ``count`` SST-2 training sentences (2 to 50+ words) of the file at ``path``."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line)["text"] for _, line in zip(range(count), handle)]


def with_generation_config(model_dir: Path, **settings) -> Path:
    """A sibling directory of ``model_dir`` whose generation_config.json has ``settings``
    (other files are links), so that nlpaug, which calls ``generate()`` with the model's own
    generation config, decodes exactly as hfaug is told to."""
    config = json.loads((model_dir / "generation_config.json").read_text())
    config.update(settings)
    suffix = "-".join(f"{key}{value}" for key, value in sorted(settings.items()))
    target = model_dir.parent / f"{model_dir.name}-{suffix}"
    target.mkdir(exist_ok=True)
    for path in model_dir.iterdir():
        link = target / path.name
        if path.name != "generation_config.json" and not link.exists():
            link.symlink_to(path)
    (target / "generation_config.json").write_text(json.dumps(config, indent=2))
    return target


def with_sharp_cross_attention(model_dir: Path, gain: int = CROSS_ATTENTION_GAIN) -> Path:
    """A sibling directory of the random-weight model ``model_dir`` whose decoder follows its input.

    With random weights each decoder step attends almost evenly to all source tokens, sees only
    their mean and says the same for every sentence (300 SST-2 sentences give 2 distinct pivot
    texts), so hfaug, which translates each distinct text once, would translate 2 texts back
    where nlpaug translates 300. Multiplying the cross-attention's query, key and output
    projections by ``gain`` makes each step attend to a few source tokens and weigh them
    heavily; the cost per token is unchanged."""
    target = model_dir.parent / f"{model_dir.name}-cross-attention-x{gain}"
    if (target / "model.safetensors").is_file():
        return target
    from transformers import MarianMTModel

    model = MarianMTModel.from_pretrained(model_dir)
    for layer in model.model.decoder.layers:
        for projection in (layer.encoder_attn.q_proj, layer.encoder_attn.k_proj, layer.encoder_attn.out_proj):
            projection.weight.data.mul_(gain)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    model.save_pretrained(staging)
    for path in model_dir.iterdir():  # the tokenizer files
        if not (staging / path.name).exists():
            (staging / path.name).symlink_to(path.resolve())
    staging.rename(target)
    return target


def opus_size_model(fixed_tokens: int) -> Path:
    """The opus-size model, sharpened, that decodes greedily at least ``fixed_tokens`` tokens."""
    sharp = with_sharp_cross_attention(build_marian(OPUS_RANDOM))
    return with_generation_config(sharp, num_beams=1, min_new_tokens=fixed_tokens)


def run_nlpaug(model_dir: Path, texts: list[str], batch_size: int, max_length: int) -> tuple[float, list[str], list[str]]:
    """Seconds, outputs, and the pivot texts nlpaug translated back."""
    import nlpaug.augmenter.word as naw

    augmenter = naw.BackTranslationAug(
        from_model_name=str(model_dir),
        to_model_name=str(model_dir),
        device="cpu",
        batch_size=batch_size,
        max_length=max_length,
    )
    augmenter.augment(texts[:4])  # warm-up
    hops = record_hop_inputs(augmenter.model)
    start = time.perf_counter()
    outputs = augmenter.augment(texts)
    return time.perf_counter() - start, outputs, hops[-1]


def record_hop_inputs(translator: Any) -> list[list[str]]:
    """The texts each later call of nlpaug's one-hop translation receives, in call order."""
    hops: list[list[str]] = []
    translate_one_hop = translator.translate_one_step_batched

    def recording(data: list[str], tokenizer: Any, model: Any) -> list[str]:
        hops.append(list(data))
        return translate_one_hop(data, tokenizer, model)

    translator.translate_one_step_batched = recording
    return hops


def run_hfaug(model_dir: Path, texts: list[str], **decoding) -> tuple[float, list[str], int]:
    """Seconds, outputs, and how many pivot texts hfaug translated back."""
    from datasets import Dataset

    import hfaug

    bt = hfaug.BackTranslate(models={"en-de": str(model_dir), "de-en": str(model_dir)}, **decoding)
    bt({"text": texts[:4]})  # warm-up: loads the models
    back = bt._translator("de-en").stats
    translated_back_before = back.generated_rows
    data = Dataset.from_dict({"text": texts})
    start = time.perf_counter()
    out = data.map(bt, batched=True, batch_size=1000, load_from_cache_file=False)
    elapsed = time.perf_counter() - start
    # a variant identical to its source keeps the source text
    return elapsed, out["text"], back.generated_rows - translated_back_before


def compare(name: str, model_dir: Path, texts: list[str], hfaug_decoding: dict, nlpaug_options: dict, dtypes: list[str]) -> list[dict]:
    """nlpaug once, then hfaug with each weights dtype; one result row per hfaug dtype."""
    nlpaug_seconds, nlpaug_out, pivots = run_nlpaug(model_dir, texts, **nlpaug_options)
    rows = []
    for dtype in dtypes:
        hfaug_seconds, hfaug_out, hfaug_translated_back = run_hfaug(model_dir, texts, dtype=dtype, **hfaug_decoding)
        same = sum(a.strip() == b.strip() for a, b in zip(nlpaug_out, hfaug_out)) / len(texts)
        row = {
            "model": name,
            "hfaug_dtype": dtype,
            "sentences": len(texts),
            "nlpaug_s": round(nlpaug_seconds, 2),
            "hfaug_s": round(hfaug_seconds, 2),
            "nlpaug_sent_per_s": round(len(texts) / nlpaug_seconds, 1),
            "hfaug_sent_per_s": round(len(texts) / hfaug_seconds, 1),
            "ratio": round(nlpaug_seconds / hfaug_seconds, 2),
            "same_output": round(same, 3),
            "distinct_pivots": len(set(pivots)),
            "nlpaug_translated_back": len(pivots),
            "hfaug_translated_back": hfaug_translated_back,
        }
        print(json.dumps(row), flush=True)
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100 sentences: check that the benchmark runs")
    parser.add_argument("--sentences", type=positive_int, default=1000, help="SST-2 sentences to back-translate")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="SST-2 train.jsonl")
    parser.add_argument("--models", choices=["opus", "small", "both"], default="both")
    parser.add_argument(
        "--fixed-tokens", type=positive_int, default=24, help="tokens generated per sentence by the opus-size model (at least 2)"
    )
    parser.add_argument("--batch-size", type=positive_int, default=32, help="nlpaug's batch size (its default is 32)")
    parser.add_argument("--threads", type=positive_int, default=None, help="torch threads for both sides (default: torch's)")
    parser.add_argument(
        "--dtypes",
        default="float32,bfloat16",
        help="hfaug weight dtypes to time (nlpaug runs float32); bfloat16 pays off on CPUs with AMX/AVX512-BF16",
    )
    args = parser.parse_args()
    if not args.data.is_file():
        parser.error(f"--data {str(args.data)!r}: no such file; pass SST-2's train.jsonl")
    dtypes = args.dtypes.split(",")
    unknown = [dtype for dtype in dtypes if dtype not in DTYPES]
    if unknown:
        parser.error(f"--dtypes {args.dtypes!r}: {', '.join(map(repr, unknown))} is none of {', '.join(DTYPES)}")
    if args.fixed_tokens < 2:
        parser.error("--fixed-tokens 1: hfaug generates all but the last token, which is its end of sentence; pass 2 or more")
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    texts = sst2_sentences(args.data, 100 if args.quick else args.sentences)
    print(f"# CPU, torch threads {torch.get_num_threads()}, greedy decoding, {len(texts)} SST-2 sentences", flush=True)
    rows = []
    if args.models in ("small", "both"):
        small = with_generation_config(build_marian(COPYING), num_beams=1)
        nlpaug_options = {"batch_size": args.batch_size, "max_length": COPYING.max_positions}
        rows += compare("small (d64, 1+1 layers, copy-trained)", small, texts, {}, nlpaug_options, ["float32"])
    if args.models in ("opus", "both"):
        fixed = args.fixed_tokens
        opus = opus_size_model(fixed)
        # Both produce `fixed` tokens per sentence: hfaug `fixed - 1` then EOS, nlpaug stops at
        # max_length (decoder start + `fixed`) without EOS.
        nlpaug_options = {"batch_size": args.batch_size, "max_length": fixed + 1}
        hfaug_decoding = {"max_new_tokens": fixed - 1}
        rows += compare(f"opus-mt size (random, sharp cross-attention, {fixed} tokens)", opus, texts, hfaug_decoding, nlpaug_options, dtypes)
    print(
        "\n| model | hfaug weights | sentences | distinct pivots | translated back nlpaug / hfaug "
        "| nlpaug sent/s (fp32) | hfaug sent/s | ratio | same output |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['model']} | {row['hfaug_dtype']} | {row['sentences']} | {row['distinct_pivots']} "
            f"| {row['nlpaug_translated_back']} / {row['hfaug_translated_back']} | {row['nlpaug_sent_per_s']} "
            f"| {row['hfaug_sent_per_s']} | {row['ratio']}x | {row['same_output']:.1%} |"
        )


if __name__ == "__main__":
    main()
