#!/usr/bin/env python3
"""The wild reports in the clothes other collections give them, checked against themselves.

Each report of ../shared/wild (Markdown as its collection publishes it) becomes plain text (one
line a paragraph) and, from that text, a set of variants: GB18030, Traditional script (OpenCC),
Traditional with pinyin after some characters (the noise some sites add), a government site's page,
the text with its paragraph breaks lost (run together with nothing, a space or an indent),
a PDF (reportlab, tests/tools/make_pdf.py: A4, indents, running header, page numbers), that PDF's
text as pdftotext writes it (reading order, and -layout), LibreOffice's .docx, .doc and PDF of the
text, and that PDF through pdftotext. `reportq extract --profile panel` reads every set; each
variant's document fields and targets are compared with the plain text's. A variant whose tool is
missing (soffice, pdftotext, reportlab, pypinyin, opencc) is skipped and said so.

usage: bench/formats_consistency.py [--reportq PATH] [--wild DIR] [--limit N] [--keep DIR]
Prints one row per variant: files, document fields that differ, targets lost / gained.
No gold here: a difference is a place where the same report reads differently in other clothes.
"""
import argparse
import collections
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ["doc_type", "title", "region", "region_level", "meeting_date", "congress", "speaker", "review_year", "plan_year"]


def paragraphs(markdown):
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    out = []
    for line in text.split("\n"):
        line = line.replace("**", "")
        line = re.sub(r"^#+", "", line).strip()
        if line:
            out.append(line)
    return out


def web_page(paras, style):
    h = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府工作报告_人民政府门户网站</title></head><body>',
         '<div class="nav"><a>首页</a><a>政务公开</a><a>政务服务</a><a>互动交流</a></div>',
         '<div class="crumb">当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>政府工作报告</a></div>']
    if style == 0:
        h.append("<h1>%s</h1>" % html.escape(paras[0]))
        h.append('<div class="info">发布时间：2024-01-30 09:30 来源：市政府办公室 字号：<a>大</a> <a>中</a> <a>小</a></div>')
    else:
        h.append('<div class="info"><span>2024-01-30</span><span>来源：本站</span><a>【打印本页】</a><a>【关闭窗口】</a></div>')
    h.append('<div class="content">')
    h += ["<p>%s</p>" % html.escape(p) for p in paras]
    h.append('</div><div class="rel">相关链接：<ul><li><a>2023年政府工作报告</a></li></ul></div>')
    h.append('<div class="foot">版权所有：某某市人民政府办公室 网站标识码：1234000001</div></body></html>')
    return "\n".join(h)


def load(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        name = r["source"]["name"].rsplit(".", 1)[0]
        if r["status"] != "ok":
            out[name] = None
            continue
        targets = collections.Counter(
            (t["indicator"], t["measure"], t["value"], t.get("value_max"), t.get("qualifier")) for t in r["targets"])
        out[name] = ({f: r["document"].get(f) for f in FIELDS}, targets)
    return out


def have(tool):
    return shutil.which(tool) is not None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reportq", default=os.path.join(HERE, "..", ".build", "release", "reportq"))
    ap.add_argument("--wild", default=os.path.join(HERE, "..", "..", "shared", "wild"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N reports")
    ap.add_argument("--keep", default=None, help="write the variants here (and keep them)")
    a = ap.parse_args()
    work = a.keep or tempfile.mkdtemp(prefix="rq-formats-")
    names = sorted(n for n in os.listdir(a.wild) if n.endswith(".md") and n != "README.md")
    if a.limit:
        names = names[: a.limit]

    def folder(kind):
        d = os.path.join(work, kind)
        os.makedirs(d, exist_ok=True)
        return d

    plain = folder("plain")
    for n in names:
        with open(os.path.join(a.wild, n), encoding="utf-8") as f:
            paras = paragraphs(f.read())
        base = n[:-3]
        with open(os.path.join(plain, base + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras) + "\n")
        with open(os.path.join(folder("gb18030"), base + ".txt"), "wb") as f:
            f.write(("\n\n".join(paras) + "\n").encode("gb18030"))
        with open(os.path.join(folder("web-page"), base + ".html"), "w", encoding="utf-8") as f:
            f.write(web_page(paras, len(base) % 2))
        # A page's text taken in one string: paragraphs run together with nothing, a space or an indent.
        with open(os.path.join(folder("run-together"), base + ".txt"), "w", encoding="utf-8") as f:
            f.write(["", " ", "\u3000\u3000"][sum(map(ord, base)) % 3].join(paras) + "\n")
    plain_files = [os.path.join(plain, n[:-3] + ".txt") for n in names]
    skipped = []

    try:
        import opencc
        conv = opencc.OpenCC("s2t")
        try:
            from pypinyin import pinyin, Style
        except ImportError:
            pinyin = None
            skipped.append("traditional+pinyin (pip install pypinyin)")
        noisy = set("協現發戰濟業質產際經環機關號樂視實據數規劃準構導礎")
        for p in plain_files:
            t = conv.convert(open(p, encoding="utf-8").read())
            open(os.path.join(folder("traditional"), os.path.basename(p)), "w", encoding="utf-8").write(t)
            if pinyin:
                t = "".join(c + ("(%s)" % pinyin(c, style=Style.TONE)[0][0] if c in noisy else "") for c in t)
                open(os.path.join(folder("traditional+pinyin"), os.path.basename(p)), "w", encoding="utf-8").write(t)
    except ImportError:
        skipped.append("traditional (pip install opencc)")

    make_pdf = os.path.join(HERE, "..", "Tests", "tools", "make_pdf.py")
    python_with_reportlab = next((py for py in ["/usr/bin/python3", sys.executable]
                                  if subprocess.run([py, "-c", "import reportlab"], capture_output=True).returncode == 0), None)
    if python_with_reportlab:
        d = folder("pdf")
        for i, p in enumerate(plain_files):
            out = os.path.join(d, os.path.basename(p)[:-4] + ".pdf")
            extra = ["--header", "人民政府文件"] if i % 2 else []
            subprocess.run([python_with_reportlab, make_pdf, p, out] + extra, capture_output=True)
        if have("pdftotext"):
            for mode, args in [("pdftotext", []), ("pdftotext-layout", ["-layout"])]:
                t = folder(mode)
                for f in os.listdir(d):
                    subprocess.run(["pdftotext", "-enc", "UTF-8"] + args + [os.path.join(d, f), os.path.join(t, f[:-4] + ".txt")])
        else:
            skipped.append("pdftotext (apt install poppler-utils)")
    else:
        skipped.append("pdf (apt install python3-reportlab fonts-wqy-zenhei)")

    if have("soffice"):
        for kind, target in [("libreoffice-docx", "docx"), ("libreoffice-doc", "doc")]:
            d = folder(kind)
            for start in range(0, len(plain_files), 50):   # soffice stops on very long argument lists
                subprocess.run(["soffice", "--headless", "--infilter=Text (encoded):UTF8", "--convert-to", target, "--outdir", d]
                               + plain_files[start:start + 50], capture_output=True)
        d = folder("libreoffice-pdf")
        docx = folder("libreoffice-docx")
        files = sorted(os.path.join(docx, f) for f in os.listdir(docx))
        for start in range(0, len(files), 50):
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", d] + files[start:start + 50], capture_output=True)
        if have("pdftotext"):
            t = folder("libreoffice-pdf-pdftotext")
            for f in os.listdir(d):
                subprocess.run(["pdftotext", "-enc", "UTF-8", os.path.join(d, f), os.path.join(t, f[:-4] + ".txt")])
    else:
        skipped.append("libreoffice docx/doc/pdf (apt install libreoffice-writer)")

    def extract(kind):
        out = os.path.join(work, kind + ".jsonl")
        if os.path.exists(out):
            os.remove(out)
        subprocess.run([a.reportq, "extract", os.path.join(work, kind), "-o", out, "--profile", "panel"], capture_output=True)
        return load(out)

    base = extract("plain")
    kinds = ["gb18030", "traditional", "traditional+pinyin", "web-page", "run-together", "pdf", "pdftotext", "pdftotext-layout",
             "libreoffice-docx", "libreoffice-doc", "libreoffice-pdf", "libreoffice-pdf-pdftotext"]
    print("| variant | files | document fields differing | targets lost / gained (of the plain text's) |")
    print("|---|---|---|---|")
    examples = []
    for kind in kinds:
        if not os.path.isdir(os.path.join(work, kind)):
            continue
        got = extract(kind)
        fields, lost, gained, total, errors = collections.Counter(), 0, 0, 0, 0
        for name, rec in got.items():
            if name not in base or base[name] is None:
                continue
            if rec is None:
                errors += 1
                continue
            (da, ta), (db, tb) = base[name], rec
            for f in FIELDS:
                if da[f] != db[f]:
                    fields[f] += 1
                    examples.append("%s %s: %s %r → %r" % (kind, name, f, da[f], db[f]))
            total += sum(ta.values())
            lost += sum((ta - tb).values())
            gained += sum((tb - ta).values())
        desc = ", ".join("%s %d" % kv for kv in sorted(fields.items())) or "none"
        if errors:
            desc += "; %d error records" % errors
        print("| %s | %d | %s | %d / %d of %d |" % (kind, len(got), desc, lost, gained, total))
    for e in examples[:30]:
        print("  ", e)
    for s in skipped:
        print("skipped:", s)
    if not a.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
