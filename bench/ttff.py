#!/usr/bin/env python3
"""Time to first frame, peak RSS, idle CPU and keystroke-to-frame of a terminal program,
measured in a pseudo-terminal. Used by bench/ttff.sh; standard library only.

Definitions (the same for every program measured):
  first frame  time from just before fork() to the last byte of the first burst of output
               that contains MARKER, the burst being over when the program has written
               nothing for --quiet-ms (it is waiting for a key). The quiet wait itself is
               not counted.
  peak RSS     VmHWM of the program's process (/proc/PID/status) once the first frame is
               drawn: the high-water mark of its resident memory since exec().
  key->frame   after the first frame, time from writing KEY to the pty to the last byte
               of the redraw it causes.
  idle CPU     CPU time (user + system) the program uses in 1 s of waiting for a key.
  session RSS  with --session KEYS: VmHWM after KEYS are then typed one at a time, each
               after the redraw the one before caused (a study session: what memory a
               program needs once it is used, not only to start). Last run only.

Prints one JSON object: the medians over --runs runs, and every run's figures.
"""

import argparse
import fcntl
import json
import os
import select
import signal
import statistics
import struct
import sys
import termios
import time


def spawn(argv, env, cols, rows):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(master)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            if slave > 2:
                os.close(slave)
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    os.close(slave)
    return pid, master, start


def read_burst(master, quiet, timeout, marker=None, seen=b""):
    """Read until MARKER has been seen (if given) and then nothing came for QUIET seconds.
    Returns (bytes, time of the last byte or None, timed out?)."""
    out = bytearray(seen)
    last = None
    deadline = time.perf_counter() + timeout
    while True:
        now = time.perf_counter()
        if now > deadline:
            return bytes(out), last, True
        found = marker is None or marker in out
        wait = quiet if found and last is not None else min(0.05, deadline - now)
        r, _, _ = select.select([master], [], [], max(wait, 0))
        if not r:
            if found and last is not None:
                return bytes(out), last, False
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the program exited: EIO on the master
            return bytes(out), last, True
        if not chunk:
            return bytes(out), last, True
        last = time.perf_counter()
        out += chunk


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime (fields 14, 15)


def one_run(args, env, measure_idle):
    pid, master, start = spawn(args.cmd, env, args.cols, args.rows)
    result = {}
    try:
        out, last, timed_out = read_burst(
            master, args.quiet_ms / 1000, args.timeout, args.marker.encode()
        )
        if timed_out or last is None:
            tail = out[-400:].decode("utf-8", "replace")
            raise RuntimeError(f"no first frame with {args.marker!r} within {args.timeout} s; "
                               f"last output: {tail!r}")
        result["first_frame_ms"] = (last - start) * 1000
        result["peak_rss_kb"] = status_kb(pid, "VmHWM")
        if measure_idle:
            before = cpu_ticks(pid)
            time.sleep(1.0)
            ticks = cpu_ticks(pid) - before
            result["idle_cpu_ms_per_s"] = ticks * 1000 / os.sysconf("SC_CLK_TCK")
        if args.key:
            sent = time.perf_counter()
            os.write(master, args.key.encode())
            _, last, _ = read_burst(master, args.quiet_ms / 1000, 5.0)
            result["key_to_frame_ms"] = None if last is None else (last - sent) * 1000
        if measure_idle and args.session:
            for key in args.session:
                os.write(master, key.encode())
                read_burst(master, 0.05, 5.0)
            result["session_rss_kb"] = status_kb(pid, "VmHWM")
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(master)
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--cols", type=int, default=80)
    p.add_argument("--rows", type=int, default=24)
    p.add_argument("--marker", required=True, help="text the first frame contains")
    p.add_argument("--key", help="a key to send after the first frame (key->frame)")
    p.add_argument("--session", help="keys typed after KEY, one redraw each (session RSS)")
    p.add_argument("--quiet-ms", type=float, default=300)
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--warmup", type=int, default=1, help="runs not counted (page cache, deck cache)")
    p.add_argument("cmd", nargs="+")
    args = p.parse_args()
    env = dict(os.environ, TERM=os.environ.get("TERM_FOR_BENCH", "xterm-256color"))
    warm = [one_run(args, env, False) for _ in range(args.warmup)]
    runs = [one_run(args, env, i == args.runs - 1) for i in range(args.runs)]

    def median(key):
        vals = [r[key] for r in runs if r.get(key) is not None]
        return statistics.median(vals) if vals else None

    print(json.dumps({
        "first_frame_ms": median("first_frame_ms"),
        "peak_rss_kb": median("peak_rss_kb"),
        "key_to_frame_ms": median("key_to_frame_ms"),
        "idle_cpu_ms_per_s": runs[-1].get("idle_cpu_ms_per_s"),
        "session_rss_kb": runs[-1].get("session_rss_kb"),
        "first_run": warm[0] if warm else None,
        "runs": runs,
    }))


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as e:
        print(f"ttff.py: {e}", file=sys.stderr)
        sys.exit(1)
