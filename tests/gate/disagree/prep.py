"""How the candidate groups for the disagreement labels were cut, from the gold of the real
stories only (never from the tool's output): the claims of one measure whose dates (time_end,
else time_start) fall in the same calendar month; undated claims of a measure form a group of
their own; groups of one claim are left out. Each claim comes with its article's date and
title and ±220 characters of text around the figure (marked [[ ]]).

    python tests/gate/disagree/prep.py OUT_DIR   # one JSONL of groups a story
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "real"
CONTEXT = 220


LISTED = ("measure", "time_end", "time_start", "source", "unit", "kind")  # the first reading shown


def first(key: str, value):
    return value[0] if key in LISTED and isinstance(value, list) else value  # a gold field may list readings


def groups_of(story: Path) -> list[dict]:
    docs = {}
    for line in (story / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        docs[doc["id"]] = doc
    by_key = defaultdict(list)
    for line in (story / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = {k: first(k, v) for k, v in json.loads(line).items()}
        if g.get("measure"):
            when = g.get("time_end") or g.get("time_start")
            by_key[(g["measure"], when[:7] if when else "undated")].append(g)
    out = []
    for (measure, month), claims in sorted(by_key.items()):
        if len(claims) < 2:
            continue
        items = []
        for g in claims:
            doc = docs[g["doc"]]
            text = doc["text"]
            a = max(0, text.rfind("\n", 0, g["start"]) + 1, g["start"] - CONTEXT)
            b = text.find("\n", g["end"])
            b = len(text) if b < 0 else min(b, g["end"] + CONTEXT)
            items.append(dict(
                id=g["id"], article_date=doc.get("date"), article_title=doc.get("title"), figure=g["text"],
                value=g["value"], value_high=g["value_high"], qualifier=g["qualifier"], unit=g["unit"],
                kind=g.get("kind"), per=g.get("per"), source=g["source"], status=g["status"], hedged=g["hedged"],
                time_start=g["time_start"], time_end=g["time_end"],
                context=text[a:g["start"]] + "[[" + text[g["start"]:g["end"]] + "]]" + text[g["end"]:b]))
        out.append(dict(group=f"{story.name}/{measure}/{month}", story=story.name, measure=measure, month=month,
                        claims=items))
    return out


def main() -> None:
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for story in sorted(p for p in REAL.iterdir() if p.is_dir()):
        groups = groups_of(story)
        with open(target / f"{story.name}.jsonl", "w", encoding="utf-8") as f:
            f.writelines(json.dumps(g, ensure_ascii=False) + "\n" for g in groups)
        print(story.name, len(groups))


if __name__ == "__main__":
    main()
