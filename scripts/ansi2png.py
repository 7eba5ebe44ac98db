#!/usr/bin/python3
"""Renders a `tmux capture-pane -p -e -N` capture (text with SGR colour codes) to a PNG.

Usage: ansi2png.py CAPTURE.ansi OUT.png [COLUMNS ROWS]

Unifont's cells are 8x16 (16x16 for wide glyphs), so double-width characters land exactly on
two cells, as in the terminal.
"""
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/unifont/unifont.otf"
CELL_W, CELL_H = 8, 16
PALETTE = [
    (30, 30, 30), (205, 49, 49), (13, 188, 121), (229, 229, 16),
    (36, 114, 200), (188, 63, 188), (17, 168, 205), (229, 229, 229),
    (102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67),
    (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255),
]
DEFAULT_FG, DEFAULT_BG = (220, 220, 220), (24, 24, 28)
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def color256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return (level, level, level)


def apply_sgr(params, state):
    codes = [int(p) if p else 0 for p in re.split(r"[;:]", params)] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.update(fg=None, bg=None, bold=False, dim=False, reverse=False, underline=False)
        elif c == 1:
            state["bold"] = True
        elif c == 2:
            state["dim"] = True
        elif c == 4:
            state["underline"] = True
        elif c == 7:
            state["reverse"] = True
        elif c == 22:
            state["bold"] = state["dim"] = False
        elif c == 24:
            state["underline"] = False
        elif c == 27:
            state["reverse"] = False
        elif 30 <= c <= 37:
            state["fg"] = PALETTE[c - 30]
        elif c == 39:
            state["fg"] = None
        elif 40 <= c <= 47:
            state["bg"] = PALETTE[c - 40]
        elif c == 49:
            state["bg"] = None
        elif 90 <= c <= 97:
            state["fg"] = PALETTE[c - 90 + 8]
        elif 100 <= c <= 107:
            state["bg"] = PALETTE[c - 100 + 8]
        elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
            state["fg" if c == 38 else "bg"] = color256(codes[i + 2])
            i += 2
        elif c in (38, 48) and i + 4 < len(codes) and codes[i + 1] == 2:
            state["fg" if c == 38 else "bg"] = tuple(codes[i + 2:i + 5])
            i += 4
        i += 1


def width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def main():
    source, target = sys.argv[1], sys.argv[2]
    lines = open(source, encoding="utf-8", errors="replace").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    cols = int(sys.argv[3]) if len(sys.argv) > 3 else 120
    rows = int(sys.argv[4]) if len(sys.argv) > 4 else len(lines)
    font = ImageFont.truetype(FONT, 16)
    image = Image.new("RGB", (cols * CELL_W, rows * CELL_H), DEFAULT_BG)
    draw = ImageDraw.Draw(image)
    state = dict(fg=None, bg=None, bold=False, dim=False, reverse=False, underline=False)
    for y, line in enumerate(lines[:rows]):
        x = 0
        pos = 0
        while pos < len(line) and x < cols:
            match = SGR.match(line, pos)
            if match:
                apply_sgr(match.group(1), state)
                pos = match.end()
                continue
            if line[pos] == "\x1b":  # another sequence tmux kept: skip it
                end = re.match(r"\x1b[\[\]][^a-zA-Z\x07]*[a-zA-Z\x07]?", line[pos:])
                pos += end.end() if end else 1
                continue
            ch = line[pos]
            pos += 1
            w = width(ch)
            if w == 0:
                continue
            fg = state["fg"] or DEFAULT_FG
            bg = state["bg"] or DEFAULT_BG
            if state["reverse"]:
                fg, bg = bg, fg
            if state["dim"]:
                fg = tuple(c * 6 // 10 for c in fg)
            box = (x * CELL_W, y * CELL_H, (x + w) * CELL_W - 1, (y + 1) * CELL_H - 1)
            draw.rectangle(box, fill=bg)
            draw.text((x * CELL_W, y * CELL_H), ch, font=font, fill=fg)
            if state["bold"]:
                draw.text((x * CELL_W + 1, y * CELL_H), ch, font=font, fill=fg)
            if state["underline"]:
                draw.line((box[0], box[3], box[2], box[3]), fill=fg)
            x += w
    image.save(target)


if __name__ == "__main__":
    main()
