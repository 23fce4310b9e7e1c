"""Property-based API tests from the OpenAPI description (schemathesis): no 500 ever.

Generated GET requests go to every described operation of the app (over a fixture store);
the POST endpoints that start analysis jobs are left out so fuzzing does not queue work.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402 - imported after the importorskip above
from schemathesis.checks import not_a_server_error  # noqa: E402 - imported after the importorskip above

from lagebild.web.app import create_app  # noqa: E402 - imported after the importorskip above
from tests.webfixtures import FixtureStore, make_dossier, make_xss_dossier, paging_dossiers  # noqa: E402 - imported after the importorskip above

MAX_EXAMPLES = 10  # per operation: ~10 operations, keeps the run to seconds


def _app():
    import tempfile
    from pathlib import Path

    tmp = Path(tempfile.mkdtemp(prefix="lagebild-schema-"))
    store = FixtureStore([make_dossier(), make_xss_dossier(), *paging_dossiers(5)])
    return create_app(tmp / "x.db", open_reader=lambda: store, data_dir=tmp / "data")


schema = schemathesis.openapi.from_asgi("/openapi.json", _app()).include(method="GET")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None,
          suppress_health_check=list(HealthCheck), database=None)
def test_no_server_error(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500
    if response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
        body = response.json()
        assert set(body) == {"error"} and body["error"]["status"] == response.status_code
