#!/bin/sh
# Installs what the test suite needs beyond Rust and Python: Debian's mecab-utils, whose
# mecab-dict-index compiles the tiny MeCab dictionary of the converter's round-trip test.
set -eu
if [ -x /usr/lib/mecab/mecab-dict-index ] || command -v mecab-dict-index >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
fi
echo "installing mecab-utils (for the dictionary round-trip test)" >&2
$SUDO apt-get install -y --no-install-recommends mecab-utils >/dev/null 2>&1 || {
    $SUDO apt-get update >/dev/null
    $SUDO apt-get install -y --no-install-recommends mecab-utils >/dev/null
}
