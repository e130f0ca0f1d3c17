#!/usr/bin/env python3
"""Drives the real digitlab shell in a pseudo-terminal, as a learner types, and reports what
the screen shows (a VT100 emulation, pyte), so tests assert on the screen itself.

  pty_driver.py BINARY HOME COLUMNS ROWS STEPS_JSON

STEPS_JSON is a list of steps, each {"keys": "...", "until": "text", "timeout": seconds}:
keys are typed (\\r is Enter; the names <C-c>, <C-d>, <Up>, <Tab> are the keys), then the
driver reads output until `until` is on the screen (or the process has ended), or for half a
second when there is no `until`. Prints one JSON object: {"screens": [screen after each step],
"status": exit status or null if still running, "timed_out": [indices of steps that timed out]}.
Needs pexpect and pyte (run-tests installs them).
"""
import json
import os
import sys
import time

import pexpect
import pyte

KEYS = {"<C-c>": "\x03", "<C-d>": "\x04", "<Up>": "\x1b[A", "<Tab>": "\t", "<Esc>": "\x1b"}


def typed(keys):
    for name, code in KEYS.items():
        keys = keys.replace(name, code)
    return keys


def main():
    binary, home, columns, rows, steps = sys.argv[1:6]
    columns, rows = int(columns), int(rows)
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    env = dict(os.environ, DIGITLAB_HOME=home, TERM="xterm-256color", COLUMNS=str(columns), LINES=str(rows))
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(binary, [], env=env, dimensions=(rows, columns))

    def text():
        return "\n".join(line.rstrip() for line in screen.display)

    def pump(seconds):
        end = time.time() + seconds
        while time.time() < end:
            try:
                stream.feed(child.read_nonblocking(65536, timeout=0.05))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return False
        return True

    screens, timed_out = [], []
    pump(0.5)
    for index, step in enumerate(json.loads(steps)):
        child.send(typed(step.get("keys", "")))
        until, timeout = step.get("until"), float(step.get("timeout", 10))
        if until is None:
            pump(0.5)
        else:
            end = time.time() + timeout
            while until not in text() and time.time() < end:
                if not pump(0.1):
                    break
            if until not in text():
                timed_out.append(index)
        screens.append(text())
    pump(0.3)
    status = None
    if not child.isalive():
        child.close()
        status = child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)
    else:
        child.terminate(force=True)
    print(json.dumps({"screens": screens, "status": status, "timed_out": timed_out}))


if __name__ == "__main__":
    main()
