"""Candidate groups for the disagreement labels, from the gold of the real stories only:
claims of one measure whose statement dates (time_end, else time_start) fall in the same
calendar month; undated claims of a measure form a group of their own."""
import json, sys, collections, pathlib
root = pathlib.Path("/work/main/tests/gate/real")
out = pathlib.Path("/work/disagree/groups"); out.mkdir(exist_ok=True)
tot = 0
for story in sorted(p.name for p in root.iterdir() if p.is_dir()):
    docs = {json.loads(l)["id"]: json.loads(l) for l in open(root / story / "docs.jsonl")}
    gold = [json.loads(l) for l in open(root / story / "gold.jsonl")]
    by = collections.defaultdict(list)
    for g in gold:
        if not g.get("measure"):
            continue
        for k in ("measure", "time_end", "time_start", "source", "unit", "kind"):
            if isinstance(g.get(k), list):
                g[k] = g[k][0]
        d = g.get("time_end") or g.get("time_start")
        by[(g["measure"], d[:7] if d else "undated")].append(g)
    groups = []
    for (m, month), cl in sorted(by.items()):
        if len(cl) < 2:
            continue
        items = []
        for g in cl:
            doc = docs[g["doc"]]; t = doc["text"]
            a = max(0, t.rfind("\n", 0, g["start"]) + 1, g["start"] - 220)
            b = t.find("\n", g["end"]); b = len(t) if b < 0 else min(b, g["end"] + 220)
            items.append(dict(id=g["id"], article_date=doc.get("date"), article_title=doc.get("title"),
                              figure=g["text"], value=g["value"], value_high=g["value_high"], qualifier=g["qualifier"],
                              unit=g["unit"], kind=g.get("kind"), per=g.get("per"), source=g["source"], status=g["status"],
                              hedged=g["hedged"], time_start=g["time_start"], time_end=g["time_end"],
                              context=t[a:g["start"]] + "[[" + t[g["start"]:g["end"]] + "]]" + t[g["end"]:b]))
        groups.append(dict(group=f"{story}/{m}/{month}", story=story, measure=m, month=month, claims=items))
    tot += len(groups)
    with open(out / f"{story}.jsonl", "w") as f:
        for g in groups:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    print(story, len(groups), sum(len(g["claims"]) for g in groups))
print("total", tot)
