#!/usr/bin/env python3
"""Python peer for bench/pipeline.sh: for every file, decode UTF-8, OpenCC t2s (pip `opencc`),
split sentences and find numbers with units with `re`, and write one JSON line per file.
With --words (the full record's peer) also jieba's accurate cut and its 20 TF-IDF keywords.
Prints the bytes processed, the wall seconds and the CPU seconds of the processing loop
(interpreter start-up and imports excluded)."""
import json, os, re, sys, time
import opencc

SENT = re.compile(r'[^。！？；\n]*[。！？；]+[”’」』）)]*|[^。！？；\n]+')
QUANT = re.compile(r'(\d+(?:\.\d+)?)\s*(万亿|亿|万|千)?\s*(元|美元|人|人次|%|个百分点|吨|亩|个|家|公里|千瓦|平方米|辆|项|所)')
CHROME = re.compile(r'^(下载|打印|全屏|收藏|加大|还原|减小|【字号：?|】|分享：?|相关报道：?)$')

def main(paths):
    words = '--words' in paths
    paths = [p for p in paths if p != '--words']
    if words:
        import jieba, jieba.analyse
        jieba.setLogLevel(60)
        jieba.initialize()
        jieba.analyse.extract_tags('预热')
    cc = opencc.OpenCC('t2s')
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names)]
        else:
            files.append(p)
    total = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    out = open(os.devnull, 'w')
    for f in files:
        raw = open(f, 'rb').read()
        total += len(raw)
        text = cc.convert(raw.decode('utf-8', errors='replace'))
        lines = [l.strip() for l in text.split('\n')]
        lines = [l for l in lines if l and not CHROME.match(l)]
        text = '\n'.join(lines)
        sentences = [m.group(0) for m in SENT.finditer(text)]
        quantities = [(m.group(1), m.group(2), m.group(3)) for m in QUANT.finditer(text)]
        rec = {'name': os.path.basename(f), 'sentences': len(sentences), 'quantities': quantities[:5]}
        if words:
            rec['tokens'] = sum(1 for w in jieba.cut(text) if not w.isspace())
            rec['keywords'] = jieba.analyse.extract_tags(text, topK=20, withWeight=True)
        out.write(json.dumps(rec, ensure_ascii=False) + '\n')
    dt = time.perf_counter() - t0
    dc = time.process_time() - c0
    print(f'{total} {dt:.6f} {dc:.6f}')

if __name__ == '__main__':
    main(sys.argv[1:])
