"""Breaking styled text into lines of a given width, for the PDF memo.

Each word is measured once with the font's own width table (the same numbers fpdf2 uses);
a word too long for its line is split between characters, so long text wraps inside the
page or its table cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BLACK = (0, 0, 0)


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    colour: tuple[int, int, int] = BLACK
    link: str | None = None
    """What the text links to: a web address, or ``#name`` for a named place in the PDF."""


Line = list[Run]


class Measure:
    """Text widths from a font's width tables, as fpdf2 computes them."""

    def __init__(self, char_widths: Mapping[bool, Mapping[int, float]], k: float) -> None:
        """Measure with per-character widths (regular and bold) in thousandths of the size.

        Args:
            char_widths: the widths of each code point, by whether the font is bold.
            k: points per page unit (fpdf2's ``FPDF.k``).
        """
        self.char_widths = char_widths
        self.k = k

    def width(self, text: str, bold: bool, size: float) -> float:
        """Width of ``text`` in page units."""
        widths = self.char_widths[bold]
        return sum(widths[ord(ch)] for ch in text) * size * 0.001 / self.k

    def split_word(self, word: str, bold: bool, size: float, room: float) -> tuple[str, str]:
        """The longest head of ``word`` that fits in ``room``, and the rest."""
        widths = self.char_widths[bold]
        scale = size * 0.001 / self.k
        total = 0.0
        for index, ch in enumerate(word):
            total += widths[ord(ch)] * scale
            if total > room:
                return word[:index], word[index:]
        return word, ""


class _Breaker:
    """The lines so far, the line being filled and the space waiting before the next word."""

    def __init__(self, measure: Measure, max_width: float, size: float) -> None:
        self.measure = measure
        self.max_width = max_width
        self.size = size
        self.lines: list[Line] = []
        self.line: Line = []
        self.used = 0.0
        self.pending_space: Run | None = None
        self.word: list[tuple[str, Run]] = []

    def add(self, run: Run, run_width: float) -> None:
        line = self.line
        last = line[-1] if line else None
        if last and (last.bold, last.colour, last.link) == (run.bold, run.colour, run.link):
            line[-1] = Run(last.text + run.text, run.bold, run.colour, run.link)
        else:
            line.append(run)
        self.used += run_width

    def flush(self) -> None:
        self.lines.append(self.line)
        self.line, self.used = [], 0.0

    def feed(self, run: Run) -> None:
        for index, piece in enumerate(run.text.split(" ")):
            if index > 0:
                self.end_word()
                self.pending_space = Run(" ", run.bold, run.colour, run.link)
            if piece:
                self.word.append((piece, run))

    def end_word(self) -> None:
        """Place the word gathered so far; pieces of runs with no space between are one word.

        A citation's "[", number and "]" are separate runs, so placing each piece alone
        could leave "[" at the end of one line and "5]" on the next.
        """
        pieces, self.word = self.word, []
        if len(pieces) <= 1:
            if pieces:
                self.place(*pieces[0])
            return
        widths = [self.measure.width(text, run.bold, self.size) for text, run in pieces]
        if sum(widths) > self.max_width:  # longer than a line: split it as single words are
            self.place(*pieces[0])
            for text, run in pieces[1:]:
                self.fill(text, run)
            return
        self.make_room(sum(widths))
        for (text, run), width in zip(pieces, widths, strict=True):
            self.add(Run(text, run.bold, run.colour, run.link), width)

    def place(self, word: str, run: Run) -> None:
        self.make_room(self.measure.width(word, run.bold, self.size))
        self.fill(word, run)

    def make_room(self, word_width: float) -> None:
        """Put the waiting space before a word that fits on this line, or start a new line."""
        space = self.pending_space if self.line else None
        space_width = self.measure.width(" ", space.bold, self.size) if space else 0.0
        if self.used + space_width + word_width <= self.max_width:
            if space_width and space:
                self.add(space, space_width)
        elif self.line:
            self.flush()
        self.pending_space = None

    def fill(self, word: str, run: Run) -> None:
        """Add ``word`` where the line stands, carrying what does not fit to new lines."""
        measure, size, max_width = self.measure, self.size, self.max_width
        word_width = measure.width(word, run.bold, size)
        while word_width > max_width - self.used:
            head, word = measure.split_word(word, run.bold, size, max_width - self.used)
            if not head and not self.line:  # not even one character fits: place it anyway
                head, word = word[:1], word[1:]
            if head:
                piece = Run(head, run.bold, run.colour, run.link)
                self.add(piece, measure.width(head, run.bold, size))
            self.flush()
            word_width = measure.width(word, run.bold, size)
        if word:
            self.add(Run(word, run.bold, run.colour, run.link), word_width)

    def finish(self) -> list[Line]:
        self.end_word()
        if self.line or not self.lines:
            self.lines.append(self.line)
        return self.lines


def wrap(measure: Measure, runs: Sequence[Run], max_width: float, size: float) -> list[Line]:
    """Break styled runs into lines no wider than ``max_width``.

    Spaces separate words; a space is kept only between words on one line, and runs of the
    same style on a line are merged. An empty text gives one empty line.

    Examples:
        >>> mono = Measure({False: {ord(c): 1000.0 for c in " abcdef"}}, 1.0)
        >>> [[r.text for r in line] for line in wrap(mono, [Run("abc de abcdef")], 6, 1)]
        [['abc de'], ['abcdef']]
    """
    breaker = _Breaker(measure, max_width, size)
    for run in runs:
        breaker.feed(run)
    return breaker.finish()


__all__ = ["BLACK", "Line", "Measure", "Run", "wrap"]
