"""Browser-test fixtures: Debian Chromium through Playwright, pages that cannot reach the network."""

from __future__ import annotations

import pytest


@pytest.fixture()
def offline_page(browser):
    """A page whose requests may only go to loopback; other requests are aborted and recorded."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    external: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            external.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.external_requests = external
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


