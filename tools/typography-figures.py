#!/usr/bin/env python3
"""Spacing figures of Chinese PDFs, read back glyph by glyph, and the same text set by Typst.

A measurement tool for issue 13 (justification), not run by the tests and not a dependency:
it needs PyMuPDF (`pip install pymupdf`) to read glyph positions and, for `typst`, the PyPI
`typst` package. The figures are those of `src/layout/audit.rs`, but measured from the PDF
alone, so that any typesetter's output can be compared on the same text:

- letter-spacing: the largest space between two Han characters beyond their advances (em);
- Han-Latin gap: the largest space between a Han character and a Latin letter or digit (em);
- largest gap: the largest space of any kind between two glyphs of a full line, word spaces
  included, beyond the glyphs' advances, full-width marks counted at a full em (em); a full
  line is one that reaches the column's right edge (the justified lines; last lines and
  ragged lines are natural); a label set apart at a line's start ("2.") is left out;
- mid-line compressions: full-width marks set narrower than their advance by more than 1/4 em
  in mid-line where no neighbouring mark calls for it;
- 1-char last lines: lines of a single Han character, alone or with punctuation.

Limits of reading a PDF: a justified line left short of the column (one with nothing that may
widen, inside a URL) does not reach the right edge, so it is not counted as full and its
shortfall is not measured (`src/layout/audit.rs` counts it as a gap); paragraph ends are not
known, so any one-character line counts as a last line.

Usage:
    tools/typography-figures.py measure A.pdf [B.pdf ...]
    tools/typography-figures.py typst examples/typography-stress.json -o out.pdf [--width 367.5]

`typst` sets the example's paragraphs (agenda annotations and their sub-paragraphs, footnotes
as Typst footnotes, URLs and e-mail addresses as links) with the project's fonts (fonts/),
10.5 pt, lang zh, justified, 2 em first-line indent, all at the body column width.
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Full-width punctuation with adjustable space on the right (closing, pause, stop) and on the
# left (opening), GB style (clreq).
CLOSING = set("，。、；：？！）》」』】〕〗〉”’")
OPENING = set("（《「『【〔〖〈“‘")
PUNCT = CLOSING | OPENING | set("·—…")


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def is_latin(c):
    return c.isascii() and c.isalnum()


def glyph_lines(pdf):
    """Every line of every page: a list of (char, x0, x1, size), sorted by x."""
    import pymupdf

    out = []
    for page in pymupdf.open(pdf):
        rows = {}
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                if abs(line["dir"][1]) > 1e-3:
                    continue
                for span in line["spans"]:
                    for ch in span["chars"]:
                        c = ch["c"]
                        if c.isspace():
                            continue
                        key = (round(ch["origin"][1] * 2) / 2, span["size"] > 8.0)
                        rows.setdefault(key, []).append((c, ch["bbox"][0], ch["bbox"][2], span["size"]))
        for key in sorted(rows):
            out.append(sorted(rows[key], key=lambda g: g[1]))
    return out


def nominal(g):
    """A glyph's box with full-width marks at their full em (a renderer may draw them with
    half-width glyphs, the `halt` feature, and the space beside them as a gap)."""
    c, x0, x1, size = g
    if c in CLOSING:
        return (c, x0, x0 + size, size)
    if c in OPENING:
        return (c, x1 - size, x1, size)
    return g


def segments(line):
    """A line split at gaps over 3 em (table cells), without a leading label ("2.", a
    footnote number) set apart from its text."""
    line = [nominal(g) for g in line]
    k = next((i for i in range(1, min(5, len(line))) if line[i][1] - line[i - 1][2] > 0.6 * line[i][3]), 0)
    if all(g[0].isascii() for g in line[:k]):
        line = line[k:]
    if not line:
        return
    seg = [line[0]]
    for g in line[1:]:
        if g[1] - seg[-1][2] > 3.0 * g[3]:
            yield seg
            seg = []
        seg.append(g)
    yield seg


def figures(pdf):
    segs = [s for line in glyph_lines(pdf) for s in segments(line)]
    # The column's right edge: the most common right end of long segments.
    ends = {}
    for s in segs:
        if len(s) >= 10:
            ends[round(s[-1][2])] = ends.get(round(s[-1][2]), 0) + 1
    right = max(ends, key=ends.get) if ends else 0
    f = {"lines": 0, "letter_spacing": 0.0, "han_latin": 0.0, "gap": 0.0, "compressed": 0, "orphans": 0}
    worst = {}
    for s in segs:
        text = "".join(g[0] for g in s)
        full = abs(s[-1][2] - right) < 0.5 * s[-1][3] and len(s) >= 10
        chars = [g[0] for g in s if g[0] not in PUNCT]
        # (A bracketed "（续）", a table's "continued", is no paragraph's end.)
        if len(chars) == 1 and is_han(chars[0]) and len(s) <= 3 and s[0][0] not in OPENING:
            f["orphans"] += 1
        if not full:
            continue
        f["lines"] += 1
        for i, (a, b) in enumerate(zip(s, s[1:])):
            em = max(a[3], b[3])
            gap = (b[1] - a[2]) / em
            ca, cb = a[0], b[0]
            if is_han(ca) and is_han(cb) and gap > f["letter_spacing"]:
                f["letter_spacing"] = gap
                worst["letter_spacing"] = text
            if ((is_han(ca) and is_latin(cb)) or (is_latin(ca) and is_han(cb))) and gap > f["han_latin"]:
                f["han_latin"] = gap
                worst["han_latin"] = text
            if gap > f["gap"]:
                f["gap"] = gap
                worst["gap"] = text
            # A mark narrower than its advance in mid-line, with no mark beside it.
            inside = 0 < i and i + 2 < len(s)
            lone = ca not in PUNCT and cb not in PUNCT
            squeezed = ((ca in CLOSING and cb not in PUNCT) or (cb in OPENING and ca not in PUNCT)) and gap < -0.25
            if inside and squeezed and not lone:
                f["compressed"] += 1
    return f, worst


def paragraphs(example):
    """The example's Chinese body paragraphs: agenda annotations and their sub-paragraphs."""
    out = []

    def walk(x, path):
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, path + [k])
        elif isinstance(x, list):
            for v in x:
                walk(v, path)
        elif isinstance(x, str) and path[-1] == "zh" and ("annotations" in path or "title_note" in path):
            out.append(x)

    walk(json.loads(Path(example).read_text()), [])
    return out


URL = re.compile(r"(https?://[^\s，。；、（）“”]+|www\.[^\s，。；、（）“”]+|[A-Za-z0-9._-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,})")


def typst_inline(text):
    """Text as Typst markup: string literals, URLs and e-mail addresses as links."""
    lit = lambda s: '#"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = []
    for i, part in enumerate(URL.split(text)):
        if not part:
            continue
        if i % 2 == 0:
            out.append(lit(part))
        else:
            # A trailing full stop belongs to the sentence.
            target = part if "@" not in part else "mailto:" + part
            target = target if target.startswith(("http", "mailto")) else "https://" + target
            out.append('#link("' + target + '")[' + lit(part) + "]")
    return "".join(out)


def typst_source(example, width):
    body = []
    for p in paragraphs(example):
        parts = re.split(r"\^\[(.*?)\]", p)
        markup = "".join(typst_inline(s) if i % 2 == 0 else "#footnote[" + typst_inline(s) + "]" for i, s in enumerate(parts))
        body.append(markup)
    head = f"""#set page(width: {width}pt + 144pt, height: 297mm, margin: 72pt)
#set text(font: ((name: "Liberation Serif", covers: "latin-in-cjk"), "Noto Serif CJK SC"), size: 10.5pt, lang: "zh", region: "cn")
#set par(justify: true, first-line-indent: (amount: 2em, all: true))
"""
    return head + "\n\n".join(body) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("measure")
    m.add_argument("pdfs", nargs="+")
    m.add_argument("--worst", action="store_true", help="print the line of each largest figure")
    t = sub.add_parser("typst")
    t.add_argument("example")
    t.add_argument("-o", "--output", required=True)
    t.add_argument("--width", type=float, default=367.5, help="column width in points")
    a = ap.parse_args()
    if a.cmd == "measure":
        print(f"{'pdf':44} {'lines':>5} {'letter':>7} {'han-lat':>7} {'gap':>6} {'compr':>5} {'orph':>4}")
        for pdf in a.pdfs:
            f, worst = figures(pdf)
            print(f"{pdf[-44:]:44} {f['lines']:5} {f['letter_spacing']:7.3f} {f['han_latin']:7.3f} {f['gap']:6.3f} {f['compressed']:5} {f['orphans']:4}")
            if a.worst:
                for k, v in worst.items():
                    print(f"    {k}: {v}")
    else:
        import typst

        src = Path(a.output).with_suffix(".typ")
        src.write_text(typst_source(a.example, a.width))
        typst.compile(str(src), output=a.output, font_paths=[str(ROOT / "fonts")], ignore_system_fonts=True)
        print(f"{a.output} ({src})")


if __name__ == "__main__":
    sys.exit(main())
