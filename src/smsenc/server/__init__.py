"""``smsenc serve``: Infobip's ``POST /sms/1/preview``, answered locally over HTTP.

Needs the ``[server]`` extra (Starlette on uvicorn); ``import smsenc`` never imports
this package.  :func:`create_app` builds the ASGI application.
"""

from __future__ import annotations

from .app import SETTINGS_VARIABLE, create_app, create_app_from_environment

__all__ = ["SETTINGS_VARIABLE", "create_app", "create_app_from_environment"]
