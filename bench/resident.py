#!/usr/bin/env python3
"""Which pages of a program's own binary are resident once its first frame is drawn, by ELF
section: where the file-backed part of its peak RSS comes from. Linux only (reads
/proc/PID/pagemap, which needs root for the page bits, and `readelf`).

    bench/resident.py target/release/studydeck --decks DIR --data-dir DIR
    MARKER="Use: q" bench/resident.py vocage cards.tsv

Runs the program in an 80x24 pseudo-terminal (bench/ttff.py's helpers), waits for MARKER
(default "help", studydeck's key bar) and a quiet 300 ms, then prints VmHWM, the resident
anonymous and file memory, and the binary's resident kilobytes per section (a page shared by
sections is counted under all of them, joined by commas). docs/benchmarks.md, "Code layout",
shows what this found.
"""

import collections
import os
import signal
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ttff  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def sections(binary):
    """(name, file offset, size) of each section that is loaded, from `readelf -SW`."""
    out = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True,
                         check=True).stdout
    found = []
    for line in out.splitlines():
        parts = line.replace("[ ", "[").split()
        if len(parts) > 6 and parts[0].startswith("[") and parts[0] != "[Nr]":
            try:
                name, off, size = parts[1], int(parts[4], 16), int(parts[5], 16)
            except ValueError:
                continue
            if not name.startswith(".debug") and size:
                found.append((name, off, size))
    return found


def resident_offsets(pid, binary):
    """File offsets of the binary's pages that are mapped and present in PID."""
    real = os.path.realpath(binary)
    offsets = []
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for line in maps:
            fields = line.split()
            if len(fields) < 6 or fields[5] != real:
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            n = (end - start) // PAGE
            pagemap.seek(start // PAGE * 8)
            entries = pagemap.read(n * 8)
            for i in range(len(entries) // 8):
                (entry,) = struct.unpack_from("<Q", entries, i * 8)
                if entry >> 63:  # present
                    offsets.append(int(fields[2], 16) + i * PAGE)
    return offsets


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    argv = sys.argv[1:]
    binary = subprocess.run(["sh", "-c", 'command -v "$1"', "sh", argv[0]],
                            capture_output=True, text=True).stdout.strip() or argv[0]
    marker = os.environ.get("MARKER", "help").encode()
    env = dict(os.environ, TERM=os.environ.get("TERM_FOR_BENCH", "xterm-256color"))
    pid, master, _ = ttff.spawn(argv, env, 80, 24)
    try:
        _, last, timed_out = ttff.read_burst(master, 0.3, 60, marker)
        if timed_out or last is None:
            sys.exit(f"resident: no first frame with {marker!r}")
        status = {k: ttff.status_kb(pid, k) for k in ("VmHWM", "RssAnon", "RssFile")}
        offsets = resident_offsets(pid, binary)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(master)
    print("  ".join(f"{k} {v} KB" for k, v in status.items()))
    by_section = collections.Counter()
    secs = sections(binary)
    for off in offsets:
        names = [n for n, s, size in secs if s < off + PAGE and off < s + size]
        by_section[",".join(names) or "(no section)"] += PAGE // 1024
    for name, kb in by_section.most_common():
        print(f"{kb:8} KB  {name}")
    print(f"{len(offsets) * PAGE // 1024:8} KB  resident of {os.path.basename(binary)}")


if __name__ == "__main__":
    main()
