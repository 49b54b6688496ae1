#!/usr/bin/env python3
"""Writes a report's text as a PDF the way reports are published: A4 pages, a CJK TrueType
font embedded (reportlab subsets it and writes a ToUnicode map), paragraphs wrapped at the
right margin with a two-character first-line indent, a running header with a rule, and a
page number footer ("— 3 —"). Test fixture maker for reportq's PDF reader.

usage: make_pdf.py TEXT_FILE OUT.pdf [--header TEXT] [--max-chars N]
                   [--user-password PW] [--owner-password PW] [--no-copy]
"""
import argparse
import os
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.lib import pdfencrypt

# WenQuanYi Zen Hei has Latin letters and digits too (Droid Sans Fallback has none).
FONTS = [("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0)]


def register_font():
    for path, index in FONTS:
        if os.path.exists(path):
            font = TTFont("CJK", path) if index is None else TTFont("CJK", path, subfontIndex=index)
            pdfmetrics.registerFont(font)
            return
    sys.exit("make_pdf.py: no CJK TrueType font found (install fonts-wqy-zenhei)")


def wrap(text, width, size, indent):
    """Greedy line breaking by glyph widths; the first line starts `indent` points in."""
    lines, line, used, limit = [], "", indent, width
    for ch in text:
        w = pdfmetrics.stringWidth(ch, "CJK", size)
        if line and used + w > limit:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line or not lines:
        lines.append(line)
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("text")
    ap.add_argument("out")
    ap.add_argument("--header", default=None)
    ap.add_argument("--max-chars", type=int, default=0)
    ap.add_argument("--user-password", default=None)
    ap.add_argument("--owner-password", default=None)
    ap.add_argument("--no-copy", action="store_true")
    a = ap.parse_args()

    register_font()
    with open(a.text, encoding="utf-8-sig") as f:
        text = f.read()
    if a.max_chars:
        text = text[: a.max_chars]
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]

    encrypt = None
    if a.user_password is not None or a.owner_password is not None or a.no_copy:
        encrypt = pdfencrypt.StandardEncryption(
            a.user_password or "", ownerPassword=a.owner_password or "owner-secret",
            canPrint=1, canModify=0, canCopy=0 if a.no_copy else 1, canAnnotate=0, strength=128)

    page_w, page_h = A4
    margin_x, top, bottom = 72.0, 80.0, 72.0
    size, leading = 12.0, 20.0
    body_w = page_w - 2 * margin_x
    header = a.header or (paragraphs[0] if paragraphs else "")
    c = canvas.Canvas(a.out, pagesize=A4, encrypt=encrypt, pageCompression=1)
    c.setTitle(header)
    page = 1
    y = page_h - top

    def furniture():
        c.setFont("CJK", 9)
        c.drawCentredString(page_w / 2, page_h - 48, header)
        c.setLineWidth(0.5)
        c.line(margin_x, page_h - 54, page_w - margin_x, page_h - 54)
        c.setFont("CJK", 10)
        c.drawCentredString(page_w / 2, 40, "— %d —" % page)

    furniture()
    for p in paragraphs:
        indent = 2 * pdfmetrics.stringWidth("中", "CJK", size)
        for i, line in enumerate(wrap(p, body_w, size, indent)):
            if y < bottom:
                c.showPage()
                page += 1
                furniture()
                y = page_h - top
            c.setFont("CJK", size)
            c.drawString(margin_x + (indent if i == 0 else 0), y, line)
            y -= leading
        y -= 4  # a little space between paragraphs
    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
