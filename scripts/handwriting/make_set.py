#!/usr/bin/env python3
"""Makes Data/drawings/handwriting/: digits unlike MNIST in the ways people's are.

A validation set for "does this net read people?" (issue 21). Never train on it.

Two kinds of hand, each drawn by many *writers* (a writer keeps their slant, width, height,
stroke weight, ink and letterforms for every digit they write):

- strokes: each digit is a few pen strokes with letterform variants (open/closed 4, 6, 9;
  flagged, based and plain 1; crossed 7 and slashed 0; looped and flat 2; flat-topped 3;
  8 as two circles or one figure-eight; 9 with a straight stem or a tail);
- fonts: digits from handwriting-style fonts in Debian packages (Humor Sans, Breip, Kristi,
  Comic Neue, Z003, femkeklaver), distorted per writer.

Then the things hands and small terminals do: drawn on a small grid (8×8 to 16×16) and kept
blocky, thick marker or faint pencil, off-centre, broken strokes, overshoot, touching the
frame. Deterministic: `python3 scripts/handwriting/make_set.py` rewrites the same files.
Needs Pillow and numpy (and the fonts: fonts-humor-sans fonts-breip fonts-kristi
fonts-comic-neue fonts-urw-base35 fonts-femkeklaver).
"""
import math
import os
import random
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFont

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Data", "drawings", "handwriting")
HI = 112  # drawing resolution before reduction to the grid

FONTS = [
    "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf",
    "/usr/share/fonts/truetype/breip/Breip.ttf",
    "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf",
    "/usr/share/fonts/opentype/comic-neue/ComicNeue-Bold.otf",
    "/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf",
    "/usr/share/fonts/truetype/andika/Andika-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/quicksand/Quicksand-Regular.ttf",
]


# ---- letterforms: strokes in a unit box (x right, y down), digit roughly in [0.25, 0.75]

def arc(cx, cy, rx, ry, a0, a1, n=24):
    """Points on an ellipse from angle a0 to a1 (degrees, 0 = right, 90 = down)."""
    return [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
             cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n))) for i in range(n + 1)]


def bez(p0, p1, p2, p3, n=20):
    pts = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        pts.append((u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1]))
    return pts


def forms(digit):
    """Every letterform of `digit`: name → list of strokes (lists of points)."""
    if digit == 0:
        return {"oval": [arc(.5, .5, .2, .38, -90, 275)],
                "slashed": [arc(.5, .5, .2, .38, -90, 275), [(.66, .2), (.34, .8)]],
                "round": [arc(.5, .5, .27, .34, -100, 265)],
                "open": [arc(.5, .5, .2, .38, -60, 240)]}
    if digit == 1:
        return {"plain": [[(.52, .12), (.5, .88)]],
                "flag": [[(.36, .3), (.53, .12)], [(.53, .12), (.5, .88)]],
                "based": [[(.38, .28), (.53, .12), (.51, .86)], [(.36, .87), (.68, .87)]],
                "long-flag": [[(.3, .38), (.54, .12), (.5, .88)]]}
    if digit == 2:
        top = arc(.5, .32, .2, .2, 190, 370)
        return {"looped": [top + bez((.7, .34), (.6, .6), (.3, .75), (.32, .86))
                           + arc(.37, .82, .06, .05, 180, 520, 10) + [(.76, .87)]],
                "flat": [top + [(.3, .86), (.75, .86)]],
                "curly-base": [top + bez((.7, .34), (.55, .62), (.25, .8), (.33, .86))
                               + bez((.33, .86), (.5, .8), (.6, .93), (.76, .84))]}
    if digit == 3:
        return {"round": [arc(.48, .3, .2, .18, 200, 450) + arc(.48, .67, .23, .21, 270, 510)],
                "flat-top": [[(.3, .14), (.7, .14), (.46, .42)] + arc(.48, .65, .23, .22, 280, 500)],
                "pointed": [arc(.48, .3, .2, .18, 200, 430) + [(.45, .48)]
                            + arc(.48, .67, .22, .2, 260, 510)]}
    if digit == 4:
        return {"closed": [[(.6, .86), (.6, .12), (.25, .64), (.78, .64)]],
                "open": [[(.32, .12), (.28, .6), (.78, .6)], [(.63, .28), (.62, .9)]],
                "open-long": [[(.35, .1), (.3, .56), (.72, .56)], [(.6, .34), (.6, .94)]]}
    if digit == 5:
        bowl = arc(.48, .64, .22, .22, 220, 500)
        return {"plain": [[(.7, .14), (.36, .14), (.33, .45)] + bowl],
                "two-strokes": [[(.36, .14), (.33, .46)] + bowl, [(.36, .14), (.72, .13)]],
                "shallow": [[(.7, .16), (.37, .16), (.34, .5)] + arc(.48, .68, .22, .18, 220, 500)]}
    if digit == 6:
        loop = arc(.49, .67, .2, .2, 180, 540)
        return {"closed": [bez((.68, .12), (.45, .15), (.3, .4), (.29, .67)) + loop],
                "open": [bez((.66, .1), (.42, .16), (.3, .45), (.3, .68))
                         + arc(.49, .68, .19, .19, 180, 470)],
                "straight": [[(.6, .1), (.3, .62)] + arc(.49, .68, .19, .18, 200, 560)]}
    if digit == 7:
        return {"plain": [[(.26, .14), (.74, .14), (.42, .88)]],
                "crossed": [[(.26, .14), (.74, .14), (.42, .88)], [(.38, .5), (.7, .5)]],
                "curved": [[(.26, .16), (.74, .13)] + bez((.74, .13), (.6, .35), (.48, .6), (.46, .9))],
                "hooked": [[(.25, .22), (.27, .14), (.74, .14), (.44, .88)]]}
    if digit == 8:
        return {"two-circles": [arc(.5, .3, .17, .17, -90, 272), arc(.5, .68, .21, .2, -90, 272)],
                "figure": [bez((.62, .18), (.2, .05), (.25, .45), (.5, .5))
                           + bez((.5, .5), (.85, .6), (.7, .95), (.45, .88))
                           + bez((.45, .88), (.2, .8), (.4, .55), (.5, .5))
                           + bez((.5, .5), (.75, .4), (.75, .1), (.55, .14))],
                "snowman": [arc(.5, .32, .14, .15, -90, 272), arc(.5, .68, .24, .2, -90, 272)]}
    if digit == 9:
        loop = arc(.5, .32, .18, .18, 0, 362)
        return {"straight": [loop + [(.68, .32), (.66, .88)]],
                "tail": [loop + bez((.68, .32), (.7, .6), (.6, .88), (.38, .84))],
                "open-top": [arc(.5, .34, .18, .17, 60, 340) + [(.68, .3), (.62, .88)]],
                "small-loop": [arc(.5, .24, .14, .1, 0, 362) + [(.64, .24), (.5, .9)]]}
    raise ValueError(digit)


# ---- writers

class Writer:
    def __init__(self, rng, index):
        self.index = index
        self.slant = rng.uniform(-0.35, 0.4)
        self.width = rng.uniform(0.6, 1.25)
        self.height = rng.uniform(0.55, 1.0)
        self.rotation = rng.uniform(-10, 10)
        self.weight = rng.choice([4, 4, 5, 6, 9, 12])  # pen width at HI resolution (4 = 1 cell)
        self.ink = rng.choice([1.0, 0.8, 0.55, 0.55, 0.4])  # faint pencil below 0.6
        self.wobble = rng.uniform(0.0, 0.025)
        # Small canvases are drawn with the pen; font writers write at 28 or 20.
        self.grid = rng.choice([28, 28, 28, 20, 16, 12, 10, 8]) if index % 7 not in (1, 3, 5) \
            else rng.choice([28, 28, 20])
        if self.grid < 28:
            # On a small canvas a learner draws one cell wide and fills the grid.
            self.weight = HI / self.grid * rng.uniform(0.9, 1.4)
            self.height = rng.uniform(1.0, 1.15)
            self.width = max(self.width * 1.2, 1.0)
        self.forms = {d: rng.choice(sorted(forms(d))) for d in range(10)}
        self.font = rng.choice(FONTS)
        self.defects = rng.uniform(0, 1)  # how careless: broken strokes, overshoot, off-centre


def transform(writer, rng, pts):
    """Writer's slant, width, height and rotation, plus a smooth wobble, about the centre."""
    a = math.radians(writer.rotation + rng.uniform(-4, 4))
    out = []
    phase = rng.uniform(0, 6.28)
    for i, (x, y) in enumerate(pts):
        x, y = x - 0.5, y - 0.5
        x *= writer.width
        y *= writer.height
        x -= writer.slant * y
        x, y = x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)
        w = writer.wobble
        out.append((x + 0.5 + w * math.sin(phase + i * 0.4), y + 0.5 + w * math.cos(phase + i * 0.3)))
    return out


def careless(writer, rng, strokes):
    """Broken strokes and overshoot, more often for careless writers."""
    result = []
    for s in strokes:
        if len(s) > 6 and rng.random() < 0.5 * writer.defects:
            cut = rng.randrange(2, len(s) - 2)
            result.append(s[:cut])
            result.append(s[cut + 1:])
        else:
            result.append(s)
    if rng.random() < 0.5 * writer.defects:
        s = result[-1]
        if len(s) >= 2:
            (x0, y0), (x1, y1) = s[-2], s[-1]
            step = math.hypot(x1 - x0, y1 - y0) or 1
            reach = rng.uniform(0.03, 0.08)  # a pen that does not stop in time
            result[-1] = s + [(x1 + reach * (x1 - x0) / step, y1 + reach * (y1 - y0) / step)]
    return result


def draw_strokes(writer, rng, digit):
    img = Image.new("L", (HI, HI), 0)
    d = ImageDraw.Draw(img)
    strokes = [transform(writer, rng, s) for s in forms(digit)[writer.forms[digit]]]
    strokes = careless(writer, rng, strokes)
    w = max(1, int(round(writer.weight * rng.uniform(0.85, 1.15))))
    for s in strokes:
        pts = [(x * HI, y * HI) for x, y in s]
        d.line(pts, fill=255, width=w, joint="curve")
        r = w / 2
        for x, y in (pts[0], pts[-1]):
            d.ellipse((x - r, y - r, x + r, y + r), fill=255)
    return img


def draw_font(writer, rng, digit):
    font = ImageFont.truetype(writer.font, int(HI * 0.8))
    img = Image.new("L", (HI, HI), 0)
    d = ImageDraw.Draw(img)
    box = d.textbbox((0, 0), str(digit), font=font)
    x = (HI - (box[2] - box[0])) / 2 - box[0]
    y = (HI - (box[3] - box[1])) / 2 - box[1]
    # Thin fonts are written with the writer's pen: at least 3 pixels of 112.
    stroke = max(2, int(writer.weight // 3))
    d.text((x, y), str(digit), fill=255, font=font, stroke_width=stroke, stroke_fill=255)
    # the writer's slant, width and height as an affine map about the centre
    sx, sy = writer.width, writer.height
    a = math.radians(writer.rotation)
    m = np.array([[sx * math.cos(a), -writer.slant * sy - math.sin(a) * sy, 0],
                  [sx * math.sin(a), sy * math.cos(a), 0]])
    inv = np.linalg.inv(np.vstack([m, [0, 0, 1]]))[:2]
    c = HI / 2
    off = np.array([c, c]) - inv[:, :2] @ np.array([c, c])
    coeffs = (inv[0, 0], inv[0, 1], off[0], inv[1, 0], inv[1, 1], off[1])
    return img.transform((HI, HI), Image.AFFINE, coeffs, resample=Image.BILINEAR)


def place(writer, rng, img):
    """Off-centre or touching the frame, for careless writers."""
    arr = np.asarray(img, dtype=np.float32) / 255
    ys, xs = np.nonzero(arr > 0.1)
    if len(xs) == 0:
        return arr
    if rng.random() < 0.6 * writer.defects:
        dx = rng.randint(-int(xs.min()), HI - 1 - int(xs.max()))
        dy = rng.randint(-int(ys.min()), HI - 1 - int(ys.max()))
        arr = np.roll(np.roll(arr, dy, axis=0), dx, axis=1)
    return arr


def reduce(writer, arr):
    """Down to the writer's grid: area average; a small grid is kept blocky (ink or not),
    as a learner fills whole cells of a small canvas."""
    g = writer.grid
    img = Image.fromarray((arr * 255).astype(np.uint8)).resize((g, g), Image.BOX)
    small = np.asarray(img, dtype=np.float32) / 255
    if g < 28:
        small = (small > 0.3).astype(np.float32)
    else:
        small = np.clip(small * 1.6, 0, 1)
    return small * writer.ink


def text(small):
    rows = []
    for row in small:
        line = ""
        for v in row:
            level = int(round(v * 9))
            line += "." if level <= 0 else ("#" if level >= 9 else str(level))
        rows.append(line)
    return "\n".join(rows) + "\n"


def main():
    rng = random.Random(21)
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        if name.endswith(".txt"):
            os.remove(os.path.join(OUT, name))
    writers = [Writer(rng, i) for i in range(84)]
    count = 0
    for w in writers:
        kind = "font" if w.index % 7 in (1, 3, 5) else "pen"
        for digit in range(10):
            img = draw_font(w, rng, digit) if kind == "font" else draw_strokes(w, rng, digit)
            small = reduce(w, place(w, rng, img))
            if small.max() <= 0:
                continue
            style = os.path.splitext(os.path.basename(w.font))[0].lower() if kind == "font" \
                else w.forms[digit]
            name = f"{digit}-w{w.index:02d}-{kind}-{style}-{w.grid}px.txt"
            with open(os.path.join(OUT, name), "w") as f:
                f.write(text(small))
            count += 1
    print(f"{count} drawings in {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
