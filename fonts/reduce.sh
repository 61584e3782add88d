#!/usr/bin/env bash
# Regenerates the reduced fonts in this folder from Debian's packages (see README.md):
# Noto Serif/Sans CJK SC from fonts-noto-cjk's .ttc collections, Noto Naskh Arabic from
# fonts-noto-core, Liberation Serif from fonts-liberation2.
#
#   usage: fonts/reduce.sh            (needs python3 with fontTools >= 4.x)
#   env:   NOTO_CJK_DIR    folder holding the .ttc files
#                          (default /usr/share/fonts/opentype/noto)
#          NOTO_NASKH_DIR  (default /usr/share/fonts/truetype/noto)
#          LIBERATION_DIR  (default /usr/share/fonts/truetype/liberation2)
#
# For each CJK collection it (1) extracts face index 2 (Simplified Chinese,
# checked against the name table) to a temporary .otf with fontTools, then
# (2) reduces it with pyftsubset to the Unicode ranges and layout features
# below.  `locl` is deliberately not kept: the SC face's cmap already maps to
# the Simplified Chinese forms, and `locl` would pull in the JP/KR/TC/HK
# regional glyphs, pushing glyph ids past 32767.
#
# Every face loses its hinting (CFF stem hints and hint masks, TrueType
# instructions, fpgm, prep, cvt): a PDF is rasterised by a viewer or a RIP that
# hints on its own or not at all, and the hints were a sixth of every embedded
# subset. Outlines, advance widths and layout tables are unchanged.
set -euo pipefail

SRC_DIR="${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}"
OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TTC_INDEX=2   # 0=JP 1=KR 2=SC 3=TC 4=HK in Debian's NotoSerifCJK/NotoSansCJK .ttc

UNICODES="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-215F,U+2190-21FF,U+22EF,U+2E3A,U+3000-303F,U+4E00-9FFF,U+FF00-FFEF"
FEATURES="ccmp,calt,liga,clig,kern,mark,mkmk,palt,halt,chws,vert,vrt2,vhal,vpal,vkrn,vchw"
NAME_IDS="0,1,2,3,4,5,6,13,14"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for pair in \
    NotoSerifCJK-Regular:NotoSerifCJKsc-Regular \
    NotoSerifCJK-Bold:NotoSerifCJKsc-Bold \
    NotoSansCJK-Regular:NotoSansCJKsc-Regular \
    NotoSansCJK-Bold:NotoSansCJKsc-Bold; do
  ttc="$SRC_DIR/${pair%%:*}.ttc"
  name="${pair##*:}"

  # 1. extract the SC face (raw tables copied as they are; timestamp kept)
  python3 - "$ttc" "$TTC_INDEX" "$name" "$tmp/$name.otf" <<'PY'
import sys
from fontTools.ttLib import TTFont
ttc, index, expected, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
font = TTFont(ttc, fontNumber=index, lazy=True, recalcTimestamp=False, recalcBBoxes=False)
ps_name = font["name"].getDebugName(6)
if ps_name != expected:
    sys.exit(f"{ttc} face {index} is {ps_name!r}, expected {expected!r}")
font.save(out)
print(f"{ttc} #{index}: {ps_name} ({font['name'].getDebugName(5)})")
PY

  # 2. reduce it
  pyftsubset "$tmp/$name.otf" \
    --output-file="$OUT_DIR/$name.otf" \
    --unicodes="$UNICODES" \
    --layout-features="$FEATURES" \
    --name-IDs="$NAME_IDS" \
    --no-glyph-names \
    --no-hinting

  python3 - "$OUT_DIR/$name.otf" <<'PY'
import os, sys
from fontTools.ttLib import TTFont
path = sys.argv[1]
n = TTFont(path)["maxp"].numGlyphs
if n > 32768:
    sys.exit(f"{path}: numGlyphs {n} > 32768 (glyph ids must stay below 32768)")
print(f"{path}: numGlyphs={n}, {os.path.getsize(path)} bytes")
PY
done

# Noto Naskh Arabic (Debian fonts-noto-core, one face per .ttf): the Arabic blocks, the
# space, digits and the punctuation an Arabic line uses, with the features that join,
# ligate and place marks (isol/init/medi/fina, rlig, liga, calt, mark, mkmk, curs, kern).
# Latin text inside Arabic lines is set in Liberation Serif, so Latin letters are dropped.
NASKH_DIR="${NOTO_NASKH_DIR:-/usr/share/fonts/truetype/noto}"
ARABIC_UNICODES="U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00BB,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+200C-200F,U+2010-2027,U+202F,U+2066-2069,U+FB50-FDFF,U+FE70-FEFF"
ARABIC_FEATURES="ccmp,locl,isol,init,medi,fina,rlig,liga,calt,mark,mkmk,curs,kern"
for name in NotoNaskhArabic-Regular NotoNaskhArabic-Bold; do
  pyftsubset "$NASKH_DIR/$name.ttf" \
    --output-file="$OUT_DIR/$name.ttf" \
    --unicodes="$ARABIC_UNICODES" \
    --layout-features="$ARABIC_FEATURES" \
    --name-IDs="$NAME_IDS" \
    --no-glyph-names \
    --no-hinting
  echo "$OUT_DIR/$name.ttf: $(wc -c < "$OUT_DIR/$name.ttf") bytes"
done

# Liberation Serif 2.1.5 (Debian fonts-liberation2): every glyph, every layout feature, the
# legacy kern table, glyph names and every name record kept; only the TrueType hinting goes
# (fpgm, prep, cvt, hdmx and the glyphs' instructions): outlines and advance widths are those
# of the package's files, and the PDF subsets no longer carry the 10 KB of hinting programs.
LIBERATION_DIR="${LIBERATION_DIR:-/usr/share/fonts/truetype/liberation2}"
for name in LiberationSerif-Regular LiberationSerif-Bold LiberationSerif-Italic; do
  pyftsubset "$LIBERATION_DIR/$name.ttf" \
    --output-file="$OUT_DIR/$name.ttf" \
    --glyphs='*' \
    --unicodes='*' \
    --layout-features='*' \
    --legacy-kern \
    --name-IDs='*' \
    --name-languages='*' \
    --name-legacy \
    --notdef-outline \
    --glyph-names \
    --no-hinting
  echo "$OUT_DIR/$name.ttf: $(wc -c < "$OUT_DIR/$name.ttf") bytes"
done
