#!/usr/bin/env bash
# Writes src/ocr/fixtures/tg-ru.png: a line of Tajik and a line of Russian for the OCR tests.
# Needs ImageMagick and fonts-dejavu (apt-get install -y imagemagick fonts-dejavu); the PNG is committed,
# so tests and CI need only tesseract.
set -euo pipefail
cd "$(dirname "$0")/.."
convert -size 900x220 xc:white -font DejaVu-Sans -pointsize 30 -fill black \
  -annotate +20+60 'Ҳукумат ҷавоб дод: қарор ғайриқонунӣ аст' \
  -annotate +20+130 'Правительство ответило: решение незаконно' \
  -annotate +20+195 'Ogoh 2026' \
  src/ocr/fixtures/tg-ru.png
