#!/usr/bin/env bash
# Regenerate what the Debian package installs besides the binary, into packaging/: a man page
# per command, the bash/zsh/fish completions and the two blank templates, all written by the
# binary from its own definitions. tests/package.rs fails when packaging/ is not what the current
# binary writes (and says to run this).
#   bash tools/packaging.sh            # then: cargo deb
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
A=target/debug/anjuan
rm -rf packaging/man packaging/completions packaging/templates
mkdir -p packaging/man packaging/completions packaging/templates
"$A" manual --out packaging/man >/dev/null
"$A" completions bash > packaging/completions/anjuan.bash
"$A" completions zsh > packaging/completions/_anjuan
"$A" completions fish > packaging/completions/anjuan.fish
"$A" template register --out packaging/templates/案卷目录模板.xlsx >/dev/null
"$A" template roster --out packaging/templates/评查人员名单模板.xlsx >/dev/null
