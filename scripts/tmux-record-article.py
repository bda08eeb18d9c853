# ruff: noqa
"""Record part of the sample article through the TUI in a real terminal (tmux), counting keystrokes.

Run: python3 scripts/tmux-record-article.py  (needs tmux and .venv; writes /tmp/tuifix-rec/screens.txt)
"""

import subprocess, time, sys, os

S = "tfix"
os.makedirs("/tmp/tuifix-rec", exist_ok=True)
DB = "/tmp/tuifix-rec/x.db"
KEYS = 0
LOG = open("/tmp/tuifix-rec/screens.txt", "w")


def tm(*a):
    return subprocess.run(["tmux", *a], capture_output=True, text=True).stdout


def cap():
    return tm("capture-pane", "-p", "-t", S)


def wait_for(text, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        screen = cap()
        if text in screen:
            return screen
        time.sleep(0.3)
    LOG.write(f"\n=== TIMEOUT waiting for {text!r}\n{cap()}\n")
    LOG.flush()
    raise SystemExit(f"timeout waiting for {text!r}")


def typ(text):
    """Type text literally: one keystroke per character."""
    global KEYS
    KEYS += len(text)
    tm("send-keys", "-t", S, "-l", text)


def key(*names):
    global KEYS
    KEYS += len(names)
    for n in names:
        tm("send-keys", "-t", S, n)


def shot(title):
    LOG.write(f"\n=== {title} (keys so far {KEYS})\n{cap()}\n")
    LOG.flush()


for f in (DB,):
    if os.path.exists(f):
        os.remove(f)
tm("kill-session", "-t", S)
tm(
    "new-session",
    "-d",
    "-s",
    S,
    "-x",
    "140",
    "-y",
    "40",
    f"{os.path.abspath('.venv/bin/casefile')} --db {DB}",
)
wait_for("Search names")
time.sleep(1)

COUNT = {}
PREFIX = {"s": "S", "e": "E", "p": "P", "o": "O", "l": "PL"}


def new(kind_key, name, *, tabs_then=None):
    COUNT[kind_key] = COUNT.get(kind_key, 0) + 1
    handle = f"{PREFIX[kind_key]}{COUNT[kind_key]}"
    key("n")
    key(kind_key)
    typ(name)
    if tabs_then:
        for tabs, text in tabs_then:
            key(*["Tab"] * tabs)
            typ(text)
    key("C-s")
    wait_for(f"Saved {handle}.")


ART = "Belarus Under Pressure from the U.S. Releases Another 13 Political Prisoners"
# source: name, aliases, type, url, publisher, author, published, accessed, reliability
new("s", ART, tabs_then=[(2, "article"), (2, "European Pravda"), (2, "2025-06-21"), (2, "B")])
shot("source saved")
new("e", "Release of 14 political prisoners", tabs_then=[(2, "release"), (1, "2025-06-21")])
people = [
    ("Sviatlana Tikhanovskaya", "released"),
    ("Natalya Dulina", "released"),
    ("Ihor Korney", "released"),
    ("Halina Krasnyanskaya", "released"),
    ("Akihiro Gayeu-Hanada", "released"),
    ("Kyrylo Balakhonov", "released"),
    ("Sergei Tikhanovsky", ""),
    ("Keith Kellogg", ""),
    ("John Coul", ""),
]
for name, status in people:
    new("p", name, tabs_then=[(3, status)] if status else None)
new("o", "Viasna")
new("l", "Lithuania")
shot("entities saved")

# Links: from the event to each released person, citing the article. Open the event by search.
key("/")
typ("Release of")
key("Enter")
wait_for("— E1 Release")
time.sleep(1)
shot("links saved")
# A citation on the event with a locator.
key("c")
wait_for("Cite a source")
typ("Belarus Under")
time.sleep(1.2)
key("Enter")
key("Tab")
typ("paragraph 1")
key("C-s")
wait_for("Saved citation CI1.")
shot("citation saved")
# Edit: Coul's status typed, then Esc asks before discarding.
key("/")
typ("Coul")
key("Enter")
wait_for("— P9 John Coul")
time.sleep(1)
key("e")
wait_for("Edit person")
key("Tab", "Tab", "Tab")
typ("deputy press secretary")
key("Escape")
wait_for("Discard what you typed")
shot("discard asked")
key("k")
time.sleep(0.5)
key("C-s")
wait_for("Saved P9.")
shot("final")
key("C-q")
time.sleep(1)
print("keystrokes", KEYS)
LOG.write(f"\nTOTAL KEYSTROKES {KEYS}\n")
LOG.close()
