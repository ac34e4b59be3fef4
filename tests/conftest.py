"""Shared hypothesis settings: thorough in CI, quick locally unless asked."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_configure(config: object) -> None:
    """Register the ``spark`` mark: the tests that start a local SparkSession."""
    config.addinivalue_line(  # type: ignore[attr-defined]
        "markers", "spark: starts a local[2] SparkSession (Java 17, pip install '.[spark]')"
    )
