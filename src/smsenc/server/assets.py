"""``GET /`` and its two assets: the segment calculator page, shipped in the package.

The page is self-contained (no CDN, fonts or scripts from elsewhere), so it works
offline; the Content-Security-Policy header holds it to that: the browser loads
scripts, styles and connections from this server only.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "page.js": "text/javascript; charset=utf-8",
    "page.css": "text/css; charset=utf-8",
}

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}


@cache
def _read(name: str) -> bytes:
    return files(__package__).joinpath("page", name).read_bytes()


def _asset(name: str) -> Route:
    async def endpoint(request: Request) -> Response:
        return Response(_read(name), media_type=ASSETS[name], headers=HEADERS)

    endpoint.__doc__ = f"``GET``: the page's ``{name}``."
    path = "/" if name == "index.html" else f"/page/{name}"
    return Route(path, endpoint, methods=["GET"])


def page_routes() -> list[BaseRoute]:
    """``GET /``, ``GET /page/page.js`` and ``GET /page/page.css``."""
    return [_asset(name) for name in ASSETS]
