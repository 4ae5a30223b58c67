#!/usr/bin/env bash
# Screenshots of the main screens for the README, from the real binary in a real terminal.
#
#   scripts/screenshots.sh [OUT_DIR]      (default: docs/screenshots)
#
# Builds the release binary, runs it in tmux at 80×24 on the bundled decks with a fresh
# data folder and no settings file, answers a few cards so the statistics have something
# to show, drives it to each main screen, and draws each captured screen (text and its
# colours, from `tmux capture-pane -e`) as a PNG with scripts/ansi_to_png.py.
#
# Needs tmux, python3 with Pillow and fontTools, and the DejaVu fonts; it installs what is
# missing (apt-get and pip). Not part of `cargo test`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
out="${1:-$repo/docs/screenshots}"
cols=80
rows=24

need_apt=()
command -v tmux >/dev/null || need_apt+=(tmux)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || need_apt+=(fonts-dejavu-core)
command -v python3 >/dev/null || need_apt+=(python3 python3-pip)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "installing ${need_apt[*]}" >&2
    sudo_=""
    [ "$(id -u)" -eq 0 ] || sudo_="sudo"
    $sudo_ apt-get update -qq
    $sudo_ apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! python3 -c 'import PIL, fontTools' 2>/dev/null; then
    echo "installing Pillow and fontTools" >&2
    python3 -m pip install --quiet pillow fonttools
fi

echo "building the release binary" >&2
(cd "$repo" && cargo build --release --quiet)
bin="${CARGO_TARGET_DIR:-$repo/target}/release/studydeck"

work="$(mktemp -d)"
socket="studydeck-shots-$$"
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/data" "$work/config" "$out"

# The app in a fresh terminal, with its own data and no settings file; Arabic shaped and
# reordered by studydeck (as on most terminals over SSH), English interface.
start() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    tmux -L "$socket" -f /dev/null new-session -d -x "$cols" -y "$rows" -s shot \
        "env -u NO_COLOR -u STUDYDECK_DECKS -u STUDYDECK_CONFIG -u STUDYDECK_UI_LANG \
         TERM=xterm-256color LANG=C.UTF-8 XDG_CONFIG_HOME='$work/config' \
         '$bin' --data-dir '$work/data' --bidi app $*; sleep 60"
}

keys() { tmux -L "$socket" send-keys -t shot "$@"; }

screen() { tmux -L "$socket" capture-pane -p -t shot; }

# Waits until the screen shows TEXT (10 s at most).
wait_for() {
    for _ in $(seq 100); do
        if screen | grep -qF -- "$1"; then
            sleep 0.2 # let the frame finish drawing
            return 0
        fi
        sleep 0.1
    done
    echo "screenshots: the screen never showed \`$1\`:" >&2
    screen >&2
    exit 1
}

# Saves the screen as OUT/NAME.png.
shoot() {
    tmux -L "$socket" capture-pane -e -p -t shot >"$work/$1.ansi"
    python3 "$here/ansi_to_png.py" "$cols" "$rows" <"$work/$1.ansi" >"$out/$1.png"
    echo "wrote $out/$1.png" >&2
}

# Reviews: the first card's front and back, then a short session with mixed answers.
start
wait_for "All decks"
keys r
wait_for "show answer"
shoot review-front
keys Space
wait_for "Again"
shoot review-back
keys 3
for rating in 3 1 3 4 3 3 1 2 3 4 3 3 1 3; do
    wait_for "show answer"
    keys Space
    wait_for "Again"
    keys "$rating"
    sleep 0.1
done
keys q
wait_for "Session summary"
keys q
wait_for "All decks"
shoot home

keys s
wait_for "Mastery per topic"
shoot stats
keys q
wait_for "All decks"

keys g
wait_for "Study guide"
shoot guide
keys Enter
wait_for "q outline"
shoot guide-topic
keys q
wait_for "Study guide"
keys q
wait_for "All decks"
keys q

# A quiz made reproducible by its seed (its answers left out of the schedule).
start quiz --seed 5 --no-srs
wait_for "question 1 of"
shoot quiz

ls -l "$out"/*.png >&2
