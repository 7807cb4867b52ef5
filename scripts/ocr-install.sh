#!/usr/bin/env bash
# Installs OCR for Ogoh on Debian/Ubuntu: tesseract with the Tajik, Russian, Uzbek (Latin and
# Cyrillic) and Persian models. Debian ships the models as packages, so nothing is downloaded from
# anywhere but the distribution's mirrors. Installs only what is missing; needs root (or sudo).
set -euo pipefail
packages=(tesseract-ocr tesseract-ocr-tgk tesseract-ocr-rus tesseract-ocr-uzb tesseract-ocr-uzb-cyrl tesseract-ocr-fas)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "ocr: all tesseract packages present"
else
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "ocr: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
tesseract --version 2>&1 | head -1
echo "ocr: languages: $(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' ')"
