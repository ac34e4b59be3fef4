"""``smsenc serve``: Infobip's ``POST /sms/1/preview``, answered locally over HTTP.

Needs the ``[server]`` extra (Starlette on uvicorn); ``import smsenc`` never imports
this package.  :func:`create_app` builds the ASGI application.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
