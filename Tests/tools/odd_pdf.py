#!/usr/bin/env python3
"""Writes the PDFs a reader must refuse cleanly, by hand (objects, xref, trailer):
  zero-pages   a catalog whose page tree is empty
  bomb         one page whose content stream is Flate data inflating to 300 MiB of spaces
  huge-image   one page drawing an image that declares 100000 x 100000 pixels

usage: odd_pdf.py KIND OUT.pdf
"""
import sys
import zlib


def write_pdf(objects, out):
    buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(buf))
        buf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(buf)
    buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        buf += b"%010d 00000 n \n" % offset
    buf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(out, "wb") as f:
        f.write(buf)


def stream(dictionary, data):
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


def page(contents, resources=b"<< >>"):
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %s >>" % (resources, contents)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    one_page = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    if kind == "zero-pages":
        write_pdf([catalog, b"<< /Type /Pages /Kids [] /Count 0 >>"], out)
    elif kind == "bomb":
        z = zlib.compressobj(9)
        chunk = b" " * (1 << 20)
        data = b"".join(z.compress(chunk) for _ in range(300)) + z.flush()
        write_pdf([catalog, one_page, page(b"4 0 R"), stream(b"/Filter /FlateDecode", data)], out)
    elif kind == "huge-image":
        pixels = zlib.compress(b"\xff" * 1000)
        image = stream(b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray "
                       b"/BitsPerComponent 8 /Filter /FlateDecode", pixels)
        draw = stream(b"", b"q 595 0 0 842 0 0 cm /Im0 Do Q")
        write_pdf([catalog, one_page, page(b"4 0 R", b"<< /XObject << /Im0 5 0 R >> >>"), draw, image], out)
    else:
        sys.exit("odd_pdf.py: unknown kind " + kind)


if __name__ == "__main__":
    main()
