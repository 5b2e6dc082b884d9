"""The reference corpus: documented alliances with the structure their parties chose.

Each case holds the pre-deal situation as a scenario, the form chosen, the forms an
experienced alliance executive would also accept, and whether the choice is clear or
debatable. The corpus is split once, by a stable hash of each case id, into a
development half (used to fit the weights) and a validation half (used only to report).
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.errors import KnowledgeBaseError, KnowledgeBaseProblem
from rules.vocabulary import FormId

Half = Literal["development", "validation"]
HALVES: tuple[Half, ...] = ("development", "validation")


class CorpusSource(BaseModel):
    """Where the facts of a case were read."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    publisher: str | None = None
    date: datetime.date | int | str | None = None
    url: str | None = None
    kind: Literal["press_release", "filing", "peer_reviewed", "news", "other"]


class CorpusCase(BaseModel):
    """One documented alliance."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    year: int = Field(ge=2000, le=2025)
    chosen: FormId
    acceptable: tuple[FormId, ...] = ()
    clarity: Literal["clear", "debatable"]
    rationale: str
    sources: tuple[CorpusSource, ...] = Field(min_length=1)
    encoding_notes: str | None = None
    scenario: dict[str, Any]

    @property
    def half(self) -> Half:
        """The half this case belongs to, fixed by a hash of its id."""
        return half_of(self.id)

    def accepts(self, form: str) -> bool:
        """Whether ``form`` is the chosen form or one an expert would also accept."""
        return form == self.chosen or form in self.acceptable


def half_of(case_id: str) -> Half:
    """The corpus half of a case id: the first byte of its SHA-256, even or odd.

    >>> half_of("lilly-boehringer-diabetes-alliance") in HALVES
    True
    """
    return HALVES[hashlib.sha256(case_id.encode("utf-8")).digest()[0] % 2]


def corpus_dir() -> Path:
    """The shipped corpus folder."""
    return Path(__file__).resolve().parent.parent / "knowledge_base" / "corpus"


def load_corpus(folder: Path | None = None) -> list[CorpusCase]:
    """Every case of the corpus, sorted by id.

    Raises:
        KnowledgeBaseError: a file is not a valid case, or its id differs from its name.
    """
    problems: list[KnowledgeBaseProblem] = []
    cases: list[CorpusCase] = []
    for path in sorted((folder or corpus_dir()).glob("*.yaml")):
        try:
            case = CorpusCase.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (ValidationError, yaml.YAMLError) as exc:
            problems.append(KnowledgeBaseProblem(f"corpus/{path.name}", str(exc)))
            continue
        if case.id != path.stem:
            problems.append(
                KnowledgeBaseProblem(
                    f"corpus/{path.name}", f"id {case.id!r} differs from the file name"
                )
            )
        cases.append(case)
    if problems:
        raise KnowledgeBaseError(problems)
    return cases


__all__ = ["HALVES", "CorpusCase", "CorpusSource", "Half", "corpus_dir", "half_of", "load_corpus"]
