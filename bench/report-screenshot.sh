#!/usr/bin/env bash
# Renders an HTML report of `gsattn enrich --html` in headless Chromium and
# checks that the screenshot is not blank: at least 2 % of its pixels differ
# from the page's white, and some are coloured (the logos and the plot).
# Needs chromium-headless-shell (or chromium): GSATTN_BENCH_DEPS=1 sh
# scripts/install-deps.sh. Not part of the test suite (Chromium is ~300 MB).
#
# usage: bench/report-screenshot.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
set -euo pipefail
REPORT=${1:?usage: bench/report-screenshot.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]}
OUT=${2:-${REPORT%.html}.png}
SIZE=${3:-1280x2800}
BROWSER=$(command -v chromium-headless-shell || command -v chromium || true)
[ -n "$BROWSER" ] || { echo "no chromium-headless-shell or chromium: GSATTN_BENCH_DEPS=1 sh scripts/install-deps.sh" >&2; exit 1; }
PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/gsattn-chromium.XXXXXX")
trap 'rm -rf "$PROFILE"' EXIT
# --no-sandbox: Chromium's sandbox refuses to run as root (CI, containers).
"$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$PROFILE" \
    --window-size="${SIZE/x/,}" --screenshot="$OUT" "file://$(realpath "$REPORT")" 2> "$PROFILE/log" ||
    { cat "$PROFILE/log" >&2; exit 1; }
python3 - "$OUT" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, header = 8, b'', None
while pos < len(data):
    length, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b'IHDR': header = struct.unpack('>IIBBBBB', body)
    if kind == b'IDAT': idat += body
    pos += 12 + length
width, height, depth, colour = header[:4]
assert depth == 8 and colour in (2, 6), f'unexpected PNG format: depth {depth}, colour type {colour}'
channels = 3 if colour == 2 else 4
raw, stride = zlib.decompress(idat), width * channels
previous, marked, coloured = bytearray(stride), 0, 0
for y in range(height):
    kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):  # PNG's five scanline filters
        a = line[i - channels] if i >= channels else 0
        b, c = previous[i], previous[i - channels] if i >= channels else 0
        if kind == 1: line[i] = (line[i] + a) & 255
        elif kind == 2: line[i] = (line[i] + b) & 255
        elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, channels):
        r, g, b = line[x:x + 3]
        if min(r, g, b) < 230: marked += 1
        if max(r, g, b) - min(r, g, b) > 80: coloured += 1
    previous = line
share = marked / (width * height)
print(f'{sys.argv[1]}: {width}x{height}, {share:.1%} of pixels marked, {coloured} coloured')
sys.exit(0 if share >= 0.02 and coloured > 1000 else 1)
PY
