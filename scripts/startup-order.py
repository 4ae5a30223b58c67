#!/usr/bin/env python3
"""Write link/startup-order.txt: the functions the release binary runs when a student starts
it, so the linker can place them next to each other (build.rs passes the file to lld as
--symbol-ordering-file).

Why: Linux maps a program's code into memory 64 KiB around each page it first touches
("fault-around"). The few hundred functions a start runs lie scattered over 2.7 MB of code,
so without an order nearly all of it became resident: 2.1 MB of the 9.8 MB peak at 10,000
cards. Placed together, they take about 0.7 MB (docs/benchmarks.md, "Code layout").

How: the release binary runs under callgrind (valgrind) in a pseudo-terminal through each
scenario below; the functions of the binary that ran are written out, a scenario's group
after the one before it (earlier groups matter more: the first frame comes first), names
sorted within a group so that the file's diffs are readable.

    scripts/startup-order.py              # builds the release binary, rewrites the file
    scripts/startup-order.py --check      # only says how many listed names the binary has

Symbol names carry hashes that change with the compiler, the dependencies' versions, the
release profile, the linker flags (so the binary profiled is built with this file in place)
and what else cargo builds in the same invocation (an example built with the binary changes
them), not with edits to our own code. Rerun this after `cargo update`, a new
toolchain or a change to [profile.release]; bench/ttff.sh says how many names still match.
A stale name is ignored by the linker, never an error. Needs valgrind and python3.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import ttff  # noqa: E402  (the pseudo-terminal helpers of bench/ttff.py)

OUT = os.path.join(ROOT, "link", "startup-order.txt")


def say(msg):
    print(f"startup-order: {msg}", file=sys.stderr)


def defined_functions(binary):
    """Names of the functions defined in BINARY's own code."""
    out = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True,
                         check=True).stdout
    return {p[2] for p in (l.split() for l in out.splitlines())
            if len(p) == 3 and p[1] in "tTwW"}


def ran(callgrind_out, binary):
    """Functions of BINARY that callgrind saw run."""
    names, obj = set(), None
    real = os.path.realpath(binary)
    with open(callgrind_out, errors="replace") as f:
        for line in f:
            if line.startswith("ob="):
                obj = line[3:].strip()
            elif line.startswith("fn=") and obj and os.path.realpath(obj) == real:
                names.add(line[3:].strip())
    return names


def drive(cmd, env, keys, marker):
    """Run CMD in an 80x24 pty: wait for MARKER, send each key after the screen settles,
    then end it with SIGTERM (as a closed terminal would) if it has not quit."""
    pid, master, _ = ttff.spawn(cmd, env, 80, 24)
    try:
        _, last, timed_out = ttff.read_burst(master, 1.0, 120, marker.encode())
        if timed_out or last is None:
            raise RuntimeError(f"no first frame from {' '.join(cmd[-6:])}")
        for key in keys:
            try:
                os.write(master, key.encode())
            except OSError:  # it has quit
                break
            ttff.read_burst(master, 1.0, 60)
    finally:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        for _ in range(100):
            if os.waitpid(pid, os.WNOHANG)[0]:
                break
            time.sleep(0.1)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(master)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--check", action="store_true", help="only count the listed names found")
    p.add_argument("--binary", help="a release binary already built (default: build one)")
    args = p.parse_args()

    if not args.binary:
        # The binary profiled must be linked with the same flags as the one the list is for:
        # the flags (not the file's content) change some symbols' hashes. So the file must
        # exist, whatever it holds, when this build runs.
        if not os.path.exists(OUT):
            os.makedirs(os.path.dirname(OUT), exist_ok=True)
            with open(OUT, "w") as f:
                f.write("# placeholder: scripts/startup-order.py rewrites this file\n")
        say("building the release binary and the input generator")
        # As `cargo run --release` builds it. Not in one invocation with the example: then
        # cargo compiles the library for both, and the binary's symbols get other names.
        for target_args in (["--bin", "studydeck"], ["--example", "bench_inputs"]):
            subprocess.run(["cargo", "build", "--release", "--quiet", *target_args], cwd=ROOT,
                           check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    binary = args.binary or os.path.join(target, "release", "studydeck")
    have = defined_functions(binary)

    if args.check:
        listed = [l.strip() for l in open(OUT) if l.strip() and not l.startswith("#")]
        found = sum(1 for n in listed if n in have)
        print(f"{found} of {len(listed)} names in {os.path.relpath(OUT, ROOT)} are "
              f"functions of {binary}")
        return
    if not shutil.which("valgrind"):
        sys.exit("startup-order: valgrind is needed (apt-get install valgrind)")

    work = tempfile.mkdtemp(prefix="studydeck-order.")
    gen = os.path.join(target, "release", "examples", "bench_inputs")
    subprocess.run([gen, "synthetic", "10000", "10000", f"{work}/s10k"], check=True)
    env = dict(os.environ, TERM="xterm-256color", XDG_CONFIG_HOME=f"{work}/config",
               XDG_CACHE_HOME=f"{work}/cache")
    for var in ("STUDYDECK_DECKS", "STUDYDECK_DATA_DIR", "STUDYDECK_NO_CACHE",
                "STUDYDECK_TRACE", "NO_COLOR"):
        env.pop(var, None)
    s10k = ["--decks", f"{work}/s10k/decks", "--data-dir", f"{work}/s10k/data"]
    bundled = ["--data-dir", f"{work}/bundled-data"]
    os.makedirs(f"{work}/bundled-data")
    no_cache = dict(env, STUDYDECK_NO_CACHE="1")
    # (name, arguments, environment, keys after the first frame). Earlier groups first.
    # Review keys: Enter or r starts, space shows the answer, 3 rates Good, q goes home; then
    # the guide (g, a topic, back), a quiz question (t, 1), the statistics (s) and quit.
    scenarios = [
        ("warm start, 10,000 cards", s10k, env, ["q"]),
        ("warm start, bundled decks", bundled, env, ["q"]),
        ("a 20-card session, 10,000 cards", s10k, env, ["r"] + [" ", "3"] * 20 + ["q", "q"]),
        ("a first session, bundled decks", bundled, env,
         ["\r", " ", "3", " ", "3", "q", "g", "\r", "q", "q", "t", "1", "q", "q", "s", "q", "q"]),
        ("cold start (TOML parsed), bundled decks", bundled, no_cache, ["q"]),
    ]
    # Warm the deck cache and the snapshot without valgrind, then let the deck files age
    # past the cache's 2-second "racy" rule so that warm starts find them by stat.
    for _, argv, e, _ in scenarios[:2]:
        drive([binary, *argv], e, ["q"], "help")
    time.sleep(2.5)

    seen, groups = set(), []
    for i, (name, argv, e, keys) in enumerate(scenarios):
        say(f"{name} (under callgrind)")
        out = f"{work}/callgrind.{i}"
        drive(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--dump-instr=no",
               "--compress-strings=no", "--demangle=no", binary, *argv], e, keys, "help")
        names = sorted((ran(out, binary) & have) - seen)
        seen.update(names)
        groups.append((name, names))
        say(f"  {len(names)} more functions")
    shutil.rmtree(work, ignore_errors=True)

    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    with open(OUT + ".tmp", "w") as f:
        f.write("# Functions a start of studydeck runs, for lld's --symbol-ordering-file (build.rs).\n"
                "# Generated by scripts/startup-order.py; do not edit by hand. Why: that script's\n"
                f"# documentation. Made with {rustc}, {sum(len(n) for _, n in groups)} names.\n")
        for name, names in groups:
            f.write(f"# {name}\n")
            f.writelines(n + "\n" for n in names)
    os.replace(OUT + ".tmp", OUT)
    say(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, subprocess.CalledProcessError) as e:
        sys.exit(f"startup-order: {e}")
