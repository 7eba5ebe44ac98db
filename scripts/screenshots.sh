#!/usr/bin/env bash
# Makes screenshots/*.png from a real run: erusim on loopback, erutop inside tmux, captures with
# colours (capture-pane -e -N) rendered to PNG by scripts/ansi2png.py.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
install_packages "${ERUTOP_PACKAGES[@]}" python3-pil fonts-unifont
export LANG=C.UTF-8
swift build --product erutop
swift build --product erusim
bin=$(swift build --show-bin-path)
out=screenshots
work=$(mktemp -d)
socket="erutop-shots-$$"

"$bin/erusim" --listen 127.0.0.1:0 --port-file "$work/port" --workloads 40 --churn 1 --seed 7 >/dev/null 2>&1 &
sim=$!
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    kill "$sim" 2>/dev/null || true
    wait "$sim" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

tmux -L "$socket" -f /dev/null new-session -d -s shots -x 120 -y 30 \
    -e LANG=C.UTF-8 -e TERM=tmux-256color \
    "$bin/erutop --eru 127.0.0.1:$port --replicas docs/examples/replicas.yaml"
shot() { # name
    sleep 1.2
    tmux -L "$socket" capture-pane -p -e -N -t shots > "$work/$1.ansi"
    /usr/bin/python3 scripts/ansi2png.py "$work/$1.ansi" "$out/$1.png" 120 30
    echo "wrote $out/$1.png"
}
key() { tmux -L "$socket" send-keys -t shots "$@"; }

sleep 2
key j j j
shot table
key Enter
shot detail
key Escape '?'
shot help
key Escape r
shot reconcile-plan
key Escape q
