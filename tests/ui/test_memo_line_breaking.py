"""Breaking styled runs into lines: one width unit per character, so widths are lengths."""

from __future__ import annotations

from ui.memo.line_breaking import Measure, Run, wrap

ACCENT = (1, 2, 3)
CHARS = " abcdefghijklmnopqrstuvwxyz"
MONO = Measure({bold: {ord(c): 1000.0 for c in CHARS} for bold in (False, True)}, 1.0)


def texts(runs: list[Run], width: float) -> list[list[str]]:
    return [[run.text for run in line] for line in wrap(MONO, runs, width, 1.0)]


def test_width_is_the_sum_of_character_widths_scaled_by_size():
    assert MONO.width("abc", False, 2.0) == 6.0


def test_words_fill_a_line_up_to_the_width():
    assert texts([Run("ab cd ef")], 5) == [["ab cd"], ["ef"]]


def test_a_space_is_dropped_at_a_line_break():
    assert texts([Run("abc def")], 3) == [["abc"], ["def"]]


def test_repeated_spaces_count_once():
    assert texts([Run("ab   cd")], 10) == [["ab cd"]]


def test_a_word_longer_than_the_line_is_split_between_characters():
    assert texts([Run("abcdefgh")], 3) == [["abc"], ["def"], ["gh"]]


def test_a_word_too_long_for_the_rest_of_the_line_starts_a_new_one_before_splitting():
    assert texts([Run("ab cdefgh")], 4) == [["ab"], ["cdef"], ["gh"]]


def test_runs_of_one_style_are_merged_and_other_styles_kept_apart():
    lines = wrap(MONO, [Run("ab "), Run("cd"), Run(" ef", bold=True, colour=ACCENT)], 20, 1.0)
    assert lines == [[Run("ab cd"), Run(" ef", bold=True, colour=ACCENT)]]


def test_empty_text_gives_one_empty_line():
    assert wrap(MONO, [Run("")], 10, 1.0) == [[]]


def test_a_character_wider_than_the_line_is_placed_anyway():
    assert texts([Run("ab")], 0.5) == [["a"], ["b"]]


def test_runs_with_no_space_between_stay_together_as_one_word():
    # A citation is "(", the number as a link, ")" in separate runs: breaking between them
    # left "(" at a line's end and "5)" on the next (seen in the demo memo's PDF).
    runs = [Run("abc de"), Run(" x"), Run("f", colour=ACCENT), Run("y")]
    assert texts(runs, 8) == [["abc de"], ["x", "f", "y"]]


def test_a_joined_word_longer_than_a_line_is_still_split():
    runs = [Run("abcdef", colour=ACCENT), Run("ghijkl")]
    assert [len("".join(line)) for line in texts(runs, 5)] == [5, 5, 2]
