#!/bin/sh
# Installs what the test suite needs beyond Rust and Python, from Debian's packages:
# - mecab-utils: mecab-dict-index compiles the tiny MeCab dictionary of the converter's
#   round-trip test;
# - chromium and fonts-nanum: the HTML digest is rendered in a real headless browser and
#   its Korean text must come out as glyphs;
# - chromium-driver: the `gisa serve` page is driven through WebDriver (type, filter, open,
#   go back; hostile articles stay inert).
set -eu
need=""
[ -x /usr/lib/mecab/mecab-dict-index ] || command -v mecab-dict-index >/dev/null 2>&1 || need="$need mecab-utils"
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need="$need chromium"
command -v chromedriver >/dev/null 2>&1 || [ -x /usr/bin/chromedriver ] || need="$need chromium-driver"
fc-list :lang=ko 2>/dev/null | grep -q . || need="$need fonts-nanum"
[ -n "$need" ] || exit 0
SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
fi
echo "installing$need (test prerequisites)" >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y --no-install-recommends $need >/dev/null 2>&1 || {
    $SUDO apt-get update >/dev/null
    # shellcheck disable=SC2086
    $SUDO apt-get install -y --no-install-recommends $need >/dev/null
}
