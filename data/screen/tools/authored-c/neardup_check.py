"""Secondary near-duplicate audit: char 5-gram Jaccard across each output file (reports pairs >= 0.75)."""
import json, sys, itertools
def grams(t, k=5):
    t = " ".join(t.lower().split()); return {t[i:i+k] for i in range(max(1, len(t)-k+1))}
for f in sys.argv[1:]:
    rows = [json.loads(l)["text"] for l in open(f)]
    G = [grams(t) for t in rows]
    idx = {}
    for i, g in enumerate(G):
        for x in g: idx.setdefault(x, []).append(i)
    hits = 0; ex = []
    for i, g in enumerate(G):
        cnt = {}
        for x in g:
            lst = idx[x]
            if len(lst) > 300: continue
            for j in lst:
                if j > i: cnt[j] = cnt.get(j, 0) + 1
        for j, c in cnt.items():
            jac = c / (len(g) + len(G[j]) - c)
            if jac >= 0.75:
                hits += 1
                if len(ex) < 4: ex.append((round(jac, 2), rows[i][:120], rows[j][:120]))
    print(f, "pairs>=0.75:", hits)
    for e in ex: print("  ", e)
