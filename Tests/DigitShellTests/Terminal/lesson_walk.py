#!/usr/bin/env python3
"""Walks lessons in the real digitlab shell in a pseudo-terminal, as a learner types.

  lesson_walk.py BINARY HOME COLUMNS ROWS PLAN_JSON

PLAN_JSON: {"shells": [[word, ...], ...], "answers": {"marker": "keys", ...}}. Each inner list
is one run of the shell: every word is typed and followed by Enter ("" is a bare Enter), then
the driver waits until the prompt is back. The word "<C-d>" presses Ctrl-D (the shell ends);
"<C-c> after TEXT" presses Ctrl-C once TEXT is on the screen (the word before it does not
wait for the prompt). While waiting, a pager's ":" or
"(END)" gets q, and a screen showing one of the "answers" markers (the drawing editor) gets
its keys. Prints one JSON object: {"shells": [{"transcript": all output as plain text,
"screen": the last screen, "status": exit status or null, "stuck": [words that never got the
prompt back]}]}. Needs pexpect and pyte (run-tests installs them).
"""
import json
import re
import sys
import time

from pty_driver import Shell

PROMPT = re.compile(r"^digitlab( \[lesson [^\]]+\])?> $")
ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|[=>78cDEHM])")


def run_shell(binary, home, columns, rows, words, answers):
    shell = Shell(binary, home, columns, rows)
    screen, child, pump, text = shell.screen, shell.child, shell.pump, shell.text

    def cursor_line():
        return screen.display[screen.cursor.y][: screen.cursor.x]

    def wait_for_prompt(timeout):
        end = time.time() + timeout
        answered = set()  # each marker once per word: the screen may still show it after
        while time.time() < end:
            if not pump(0.1):
                return True
            line = cursor_line()
            if PROMPT.match(line):
                # The prompt stays put: nothing more is coming.
                if pump(0.2) and PROMPT.match(cursor_line()):
                    return True
                continue
            if line.strip() == ":" or "(END)" in line:
                child.send("q")
                continue
            for marker, keys in answers.items():
                if marker in text() and marker not in answered:
                    answered.add(marker)
                    pump(0.3)
                    child.send(keys)
                    pump(0.5)
                    break
        return False

    stuck = []
    wait_for_prompt(30)
    for index, word in enumerate(words):
        if word == "<C-d>":
            child.send("\x04")
            pump(3)
            break
        if word.startswith("<C-c> after "):
            marker = word[len("<C-c> after "):]
            end = time.time() + 300
            while marker not in text() and time.time() < end and pump(0.1):
                pass
            child.send("\x03")
        else:
            child.send(word + "\r")
            if index + 1 < len(words) and words[index + 1].startswith("<C-c> after "):
                continue  # the next word interrupts this one
        if not wait_for_prompt(600):
            stuck.append(index)
    status = shell.close()
    transcript = ANSI.sub("", b"".join(shell.raw).decode("utf-8", "replace")).replace("\r", "")
    return {"transcript": transcript, "screen": text(), "status": status, "stuck": stuck}


def main():
    binary, home, columns, rows, plan = sys.argv[1:6]
    plan = json.loads(plan)
    results = [run_shell(binary, home, int(columns), int(rows), words, plan.get("answers", {}))
               for words in plan["shells"]]
    print(json.dumps({"shells": results}))


if __name__ == "__main__":
    main()
