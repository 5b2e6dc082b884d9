"""Probabilities and leads in words, the same on the page and in the memo."""

from __future__ import annotations

# The memo spells the unit out; the page, short of space, says "points".
PERCENTAGE_POINTS = "percentage points"


def percent(probability: float) -> str:
    """A probability as a whole percentage.

    >>> percent(0.6237)
    '62%'
    """
    return f"{probability:.0%}"


def lead_text(margin: float, unit: str = "points") -> str:
    """How far one form is ahead of another (an excluded form counts as -1), in words.

    >>> lead_text(0.16), lead_text(0.16, "percentage points"), lead_text(1.4)
    ('16 points', '16 percentage points', 'every other form ruled out')
    >>> lead_text(0.01), lead_text(0.012, "percentage points")
    ('1 point', '1 percentage point')
    """
    if margin > 1.0:
        return "every other form ruled out"
    points = round(margin * 100)
    return f"{points} {unit.removesuffix('s') if points == 1 else unit}"


def signed(push: float) -> str:
    """A push on the decision's log-odds, with its sign and one decimal.

    >>> signed(1.2345), signed(-0.04), signed(-0.5)
    ('+1.2', '0.0', '-0.5')
    """
    if round(push, 1) == 0:
        return "0.0"
    return f"{push:+.1f}"
