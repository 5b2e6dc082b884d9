"""Encoding the scenario into the page address, and deciding which drafts a link may carry."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from engine import FieldProblem, ScenarioError
from ui.app.state import MAX_DOCUMENT_BYTES, decode_document, editable_by_user, encode_document


def test_documents_round_trip_through_the_address(kb):
    assert decode_document(encode_document(kb.demo)) == kb.demo


def test_encoding_is_url_safe_and_compact(kb):
    encoded = encode_document(kb.demo)
    assert set(encoded) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert len(encoded) < len(json.dumps(kb.demo))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("@@@", "not valid base64"),
        (base64.urlsafe_b64encode(b"plain").decode(), "does not decompress"),
        (base64.urlsafe_b64encode(zlib.compress(b"{no")).decode(), "not valid JSON"),
        (base64.urlsafe_b64encode(zlib.compress(b"{}")[:-3]).decode(), "cut short"),
        (base64.urlsafe_b64encode(zlib.compress(b"[1, 2]")).decode(), "not a mapping"),
    ],
)
def test_damaged_links_are_refused_in_words(text, reason):
    with pytest.raises(ValueError, match=reason):
        decode_document(text)


def test_a_decompression_bomb_is_refused():
    bomb = zlib.compress(b'{"a": "' + b"x" * (MAX_DOCUMENT_BYTES * 4) + b'"}', 9)
    with pytest.raises(ValueError, match="too large"):
        decode_document(base64.urlsafe_b64encode(bomb).decode())


def test_drafts_a_user_can_type_are_kept():
    error = ScenarioError(
        "scenario",
        [
            FieldProblem("factors.partner_count", "disagrees with the 2 partners listed"),
            FieldProblem("partners[0].name", "String should have at least 1 character"),
        ],
    )
    assert editable_by_user(error)


def test_drafts_with_impossible_answers_are_not():
    error = ScenarioError("scenario", [FieldProblem("factors.trust", "Input should be 'low'")])
    assert not editable_by_user(error)
