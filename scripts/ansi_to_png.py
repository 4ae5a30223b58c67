#!/usr/bin/env python3
"""Draw a terminal screen captured with `tmux capture-pane -e -p` as a PNG.

Usage: ansi_to_png.py COLS ROWS < capture.ansi > screen.png

The capture is text with SGR escape sequences (colours, bold, reverse); each character is
drawn in its cell with DejaVu Sans Mono (falling back to DejaVu Sans for a glyph the
monospace font lacks), on a dark background, like a terminal. Wide characters take two
cells. Arabic arrives already shaped and reordered by studydeck (--bidi app), so each
character is simply drawn in its cell.
"""

import sys
import unicodedata

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONTS = {
    False: [FONT_DIR + "DejaVuSansMono.ttf", FONT_DIR + "DejaVuSans.ttf"],
    True: [FONT_DIR + "DejaVuSansMono-Bold.ttf", FONT_DIR + "DejaVuSans-Bold.ttf"],
}
SIZE = 15
PAD = 10

# A dark theme (Tomorrow Night) for the 16 basic colours.
PALETTE = [
    "#1d1f21", "#cc6666", "#b5bd68", "#e6c547", "#81a2be", "#b294bb", "#8abeb7", "#c5c8c6",
    "#7c7f7d", "#ff7c7c", "#d0e07a", "#ffe36e", "#9fc3ea", "#d3a8e6", "#9ee0d5", "#f2f2f2",
]
DEFAULT_FG = "#d3d7d4"
DEFAULT_BG = "#1d1f21"


def color_256(n):
    """An xterm 256-colour index as #rrggbb."""
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        r, g, b = levels[n // 36], levels[(n // 6) % 6], levels[n % 6]
        return "#%02x%02x%02x" % (r, g, b)
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None
        self.bg = None
        self.bold = False
        self.dim = False
        self.reverse = False
        self.underline = False

    def copy(self):
        s = Style()
        s.__dict__.update(self.__dict__)
        return s

    def apply(self, params):
        """Apply one SGR sequence's parameters."""
        ps = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else [0]
        i = 0
        while i < len(ps):
            p = ps[i]
            if p == 0:
                self.reset()
            elif p == 1:
                self.bold = True
            elif p == 2:
                self.dim = True
            elif p == 4:
                self.underline = True
            elif p == 7:
                self.reverse = True
            elif p == 22:
                self.bold = self.dim = False
            elif p == 24:
                self.underline = False
            elif p == 27:
                self.reverse = False
            elif 30 <= p <= 37:
                self.fg = PALETTE[p - 30]
            elif 90 <= p <= 97:
                self.fg = PALETTE[p - 90 + 8]
            elif p == 39:
                self.fg = None
            elif 40 <= p <= 47:
                self.bg = PALETTE[p - 40]
            elif 100 <= p <= 107:
                self.bg = PALETTE[p - 100 + 8]
            elif p == 49:
                self.bg = None
            elif p in (38, 48) and i + 1 < len(ps):
                if ps[i + 1] == 5 and i + 2 < len(ps):
                    c = color_256(ps[i + 2] % 256)
                    i += 2
                elif ps[i + 1] == 2 and i + 4 < len(ps):
                    c = "#%02x%02x%02x" % tuple(v % 256 for v in ps[i + 2 : i + 5])
                    i += 4
                else:
                    c = None
                if p == 38:
                    self.fg = c
                else:
                    self.bg = c
            i += 1


def parse(text, cols, rows):
    """The screen as rows of cells: (char, style) or None for the right half of a wide char."""
    grid = [[(" ", Style()) for _ in range(cols)] for _ in range(rows)]
    style = Style()
    for y, line in enumerate(text.split("\n")[:rows]):
        x = 0
        i = 0
        while i < len(line):
            c = line[i]
            if c == "\x1b" and i + 1 < len(line) and line[i + 1] == "[":
                j = i + 2
                while j < len(line) and not ("@" <= line[j] <= "~"):
                    j += 1
                if j < len(line) and line[j] == "m":
                    style.apply(line[i + 2 : j])
                i = j + 1
                continue
            i += 1
            if unicodedata.combining(c) and x > 0:
                prev, st = grid[y][x - 1]
                grid[y][x - 1] = (prev + c, st)
                continue
            width = 2 if unicodedata.east_asian_width(c) in "WF" else 1
            if x + width > cols:
                break
            grid[y][x] = (c, style.copy())
            if width == 2:
                grid[y][x + 1] = None
            x += width
    return grid


class Fonts:
    def __init__(self):
        self.fonts = {}
        for bold, paths in FONTS.items():
            self.fonts[bold] = [(ImageFont.truetype(p, SIZE), TTFont(p).getBestCmap()) for p in paths]

    def font_for(self, text, bold):
        for font, cmap in self.fonts[bold]:
            if all(ord(ch) in cmap for ch in text):
                return font
        return self.fonts[bold][0][0]


def render(grid, cols, rows):
    fonts = Fonts()
    mono = fonts.fonts[False][0][0]
    ascent, descent = mono.getmetrics()
    cw = round(mono.getlength("M"))
    ch = ascent + descent + 2
    img = Image.new("RGB", (cols * cw + 2 * PAD, rows * ch + 2 * PAD), DEFAULT_BG)
    draw = ImageDraw.Draw(img)
    for y, row in enumerate(grid):
        for x, cell in enumerate(row):
            if cell is None:
                continue
            text, st = cell
            fg = st.fg or DEFAULT_FG
            bg = st.bg or DEFAULT_BG
            if st.reverse:
                fg, bg = (st.bg or DEFAULT_BG), (st.fg or DEFAULT_FG)
            if st.dim:
                fg = blend(fg, bg)
            width = 2 if x + 1 < cols and row[x + 1] is None else 1
            left, top = PAD + x * cw, PAD + y * ch
            if bg != DEFAULT_BG:
                draw.rectangle([left, top, left + width * cw - 1, top + ch - 1], fill=bg)
            if text.strip():
                draw_glyph(draw, img, fonts, text, st.bold, fg, left, top, width * cw, ch, ascent)
            if st.underline:
                draw.line([left, top + ch - 2, left + width * cw - 1, top + ch - 2], fill=fg)
    return img


def draw_glyph(draw, img, fonts, text, bold, fg, left, top, cell_w, cell_h, ascent):
    """Draw a character in its cell; block and box characters fill the cell exactly."""
    c = text[0]
    if c in SHADES:
        # Light, medium and dark shade: a dot pattern, as terminal fonts draw them.
        dot = SHADES[c]
        for py in range(top, top + cell_h):
            for px in range(left, left + cell_w):
                if dot(px, py):
                    draw.point((px, py), fill=fg)
        return
    if c in BLOCKS:
        x0, y0, x1, y1 = BLOCKS[c]
        draw.rectangle(
            [left + x0 * cell_w, top + y0 * cell_h, left + x1 * cell_w - 1, top + y1 * cell_h - 1],
            fill=fg,
        )
        return
    font = fonts.font_for(text, bold)
    w = font.getlength(text)
    if w > cell_w:  # a fallback glyph wider than its cell: shrink it to fit
        font = font.font_variant(size=max(6, int(SIZE * cell_w / w)))
        w = font.getlength(text)
    offset = (cell_w - w) / 2 if font is not fonts.fonts[bold][0][0] else 0
    draw.text((left + offset, top + 1 + ascent), text, font=font, fill=fg, anchor="ls")


# Block elements drawn as rectangles (x0, y0, x1, y1 as fractions of the cell), so bars
# join up without gaps.
BLOCKS = {"█": (0, 0, 1, 1)}
for i, c in enumerate("▁▂▃▄▅▆▇"):
    BLOCKS[c] = (0, 1 - (i + 1) / 8, 1, 1)
for i, c in enumerate("▏▎▍▌▋▊▉"):
    BLOCKS[c] = (0, 0, (i + 1) / 8, 1)
# Shades: which pixels are drawn (a quarter, half, three quarters).
SHADES = {
    "░": lambda x, y: x % 2 == 0 and y % 2 == 0,
    "▒": lambda x, y: (x + y) % 2 == 0,
    "▓": lambda x, y: not (x % 2 == 0 and y % 2 == 0),
}


def blend(fg, bg, share=0.6):
    f = [int(fg[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(bg[i : i + 2], 16) for i in (1, 3, 5)]
    return "#%02x%02x%02x" % tuple(round(b[k] + (f[k] - b[k]) * share) for k in range(3))


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    text = sys.stdin.buffer.read().decode("utf-8", "replace")
    img = render(parse(text, cols, rows), cols, rows)
    img = img.convert("P", palette=Image.ADAPTIVE, colors=64)
    img.save(sys.stdout.buffer, format="PNG", optimize=True)


if __name__ == "__main__":
    main()
