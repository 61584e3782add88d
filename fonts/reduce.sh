#!/usr/bin/env bash
# Regenerates the reduced Noto CJK SC fonts in this folder from Debian's
# fonts-noto-cjk .ttc collections (see README.md).
#
#   usage: fonts/reduce.sh            (needs python3 with fontTools >= 4.x)
#   env:   NOTO_CJK_DIR  folder holding the .ttc files
#                        (default /usr/share/fonts/opentype/noto)
#
# For each collection it (1) extracts face index 2 (Simplified Chinese,
# checked against the name table) to a temporary .otf with fontTools, then
# (2) reduces it with pyftsubset to the Unicode ranges and layout features
# below.  `locl` is deliberately not kept: the SC face's cmap already maps to
# the Simplified Chinese forms, and `locl` would pull in the JP/KR/TC/HK
# regional glyphs, pushing glyph ids past 32767.
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
    --no-glyph-names

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
    --no-glyph-names
  echo "$OUT_DIR/$name.ttf: $(wc -c < "$OUT_DIR/$name.ttf") bytes"
done
