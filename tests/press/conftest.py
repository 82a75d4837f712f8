import pytest


@pytest.fixture(autouse=True)
def loopback_feeds_allowed(settings):
    """The test feeds live on 127.0.0.1, which core.fetch refuses unless allowlisted."""
    settings.OUTBOUND_ALLOWLIST = ["127.0.0.1"]
