"""Temporary shim until the vocabulary moves into rules/ (issue 8)."""
from engine.vocabulary import *  # noqa: F403
from engine.vocabulary import FORM_IDS, FormId  # noqa: F401
