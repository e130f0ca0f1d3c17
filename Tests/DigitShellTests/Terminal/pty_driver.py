#!/usr/bin/env python3
"""Drives the real digitlab shell in a pseudo-terminal, as a learner types, and reports what
the screen shows (a VT100 emulation, pyte), so tests assert on the screen itself.

  pty_driver.py BINARY HOME COLUMNS ROWS STEPS_JSON

STEPS_JSON is a list of steps, each {"keys": "...", "until": "text", "timeout": seconds,
"settle": seconds}:
keys are typed (\\r is Enter; the names <C-c>, <C-d>, <Up>, <Tab> are the keys), then the
driver reads output until `until` is on the screen (or the process has ended), or for half a
second when there is no `until`; then for `settle` seconds more (default 0), for output that
comes in several writes after `until`. Prints one JSON object: {"screens": [screen after each step],
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


class Shell:
    """The shell in a pseudo-terminal, and the screen it draws (shared with lesson_walk.py)."""

    def __init__(self, binary, home, columns, rows):
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = []  # every byte the shell wrote, in order
        env = dict(os.environ, DIGITLAB_HOME=home, TERM="xterm-256color",
                   COLUMNS=str(columns), LINES=str(rows))
        env.pop("NO_COLOR", None)
        self.child = pexpect.spawn(binary, [], env=env, dimensions=(rows, columns))

    def text(self):
        return "\n".join(line.rstrip() for line in self.screen.display)

    def pump(self, seconds):
        """Reads output for `seconds`; False once the shell has ended."""
        end = time.time() + seconds
        while time.time() < end:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return False
            self.raw.append(data)
            self.stream.feed(data)
        return True

    def close(self):
        """The exit status, or None (and the shell is stopped) if it was still running."""
        self.pump(0.3)
        if self.child.isalive():
            self.child.terminate(force=True)
            return None
        self.child.close()
        if self.child.exitstatus is not None:
            return self.child.exitstatus
        return 128 + (self.child.signalstatus or 0)


def main():
    binary, home, columns, rows, steps = sys.argv[1:6]
    shell = Shell(binary, home, int(columns), int(rows))
    screens, timed_out = [], []
    shell.pump(0.5)
    for index, step in enumerate(json.loads(steps)):
        shell.child.send(typed(step.get("keys", "")))
        until, timeout = step.get("until"), float(step.get("timeout", 10))
        if until is None:
            shell.pump(0.5)
        else:
            end = time.time() + timeout
            while until not in shell.text() and time.time() < end:
                if not shell.pump(0.1):
                    break
            if until not in shell.text():
                timed_out.append(index)
        shell.pump(float(step.get("settle") or 0))
        screens.append(shell.text())
    status = shell.close()
    print(json.dumps({"screens": screens, "status": status, "timed_out": timed_out}))


if __name__ == "__main__":
    main()
