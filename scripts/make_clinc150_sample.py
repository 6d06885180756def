"""Write the small CLINC150 subset shipped in recipes/data/clinc150/ (used by `make demo`).

CLINC150 (Larson et al., 2019) is distributed under CC BY 3.0; the subset keeps the first
30 training and 10 test utterances of ten customer-support intents, unchanged.

    python scripts/make_clinc150_sample.py --source path/to/clinc150/data_full.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

INTENTS = (
    "balance", "card_declined", "freeze_account", "report_lost_card", "transfer",
    "pay_bill", "book_flight", "lost_luggage", "order_status", "cancel_reservation",
)
PER_INTENT = {"train": 30, "test": 10}
OUT = Path(__file__).resolve().parents[1] / "recipes" / "data" / "clinc150"


def subset(rows: list[list[str]], per_intent: int) -> list[dict[str, str]]:
    """The first ``per_intent`` utterances of each intent in ``INTENTS``, in file order."""
    taken = {intent: 0 for intent in INTENTS}
    kept = []
    for text, intent in rows:
        if intent in taken and taken[intent] < per_intent:
            taken[intent] += 1
            kept.append({"text": text, "intent": intent})
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, type=Path, help="CLINC150 data_full.json (clinc/oos-eval)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default: {OUT})")
    args = parser.parse_args()
    data = json.loads(args.source.read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    for split, per_intent in PER_INTENT.items():
        rows = subset(data[split], per_intent)
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        (args.out / f"{split}.jsonl").write_text(lines, encoding="utf-8")
        print(f"{args.out / f'{split}.jsonl'}: {len(rows)} rows")


if __name__ == "__main__":
    main()
