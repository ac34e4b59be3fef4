"""``GET /openapi.json`` against the running server: schemathesis generates requests
from the document (valid and invalid ones) and checks every answer against it."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.openapi import from_url

from smsenc.server.openapi import document

from .conftest import Server


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_answer_matches_the_document(server: Server, mode: GenerationMode) -> None:
    schema = from_url(f"{server.url}/openapi.json")
    schema.config.update(base_url=server.url)

    # A bounded run (schemathesis' own pytest loader does not work with pytest 9 yet).
    @given(st.data())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    def check(data: st.DataObject) -> None:
        case: Case = data.draw(schema.as_strategy(generation_mode=mode))
        case.call_and_validate()

    check()


def test_the_served_document_is_the_module_s(server: Server) -> None:
    assert httpx.get(f"{server.url}/openapi.json").json() == document()
