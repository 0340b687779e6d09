"""HTTPS and headers by configuration (issue 16, defect 7): the real server (`chanye serve`, gunicorn) with
CHANYE_HTTPS=1 redirects plain HTTP, sends HSTS, secure cookies and the Content-Security-Policy, and no
`Server` banner; `chanye check --deploy` finds nothing to warn about in that configuration."""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time

import pytest
from django.db import connection

from chanye.core.tests.test_backup import database_url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(**extra) -> dict:
    return {
        **os.environ,
        "CHANYE_HTTPS": "1",
        "CHANYE_DEBUG": "0",
        "CHANYE_SECRET_KEY": secrets.token_urlsafe(50),
        **extra,
    }


@pytest.fixture
def https_server(transactional_db, demo, tmp_path):
    """`chanye serve` on the test database (no transaction of the test holding it), configured for HTTPS
    behind a proxy."""
    port = free_port()
    name = connection.settings_dict["NAME"]
    env = production_env(CHANYE_DATABASE_URL=database_url(name), CHANYE_DATA_DIR=str(tmp_path))
    log = tmp_path / "serve.log"  # the server's errors, shown when an answer is not the one expected
    server = subprocess.Popen(
        [sys.executable, "-m", "chanye.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    try:
        deadline = time.monotonic() + 180  # a loaded CI machine can take a minute to start gunicorn and Django
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, "chanye serve did not start within 180 s"
                time.sleep(0.2)
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def get(port: int, path: str, **headers) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_the_real_server_redirects_to_https_and_sends_the_security_headers(https_server):
    https_server, log = https_server
    plain = get(https_server, "/accounts/login/")
    assert plain.status == 301
    assert plain.getheader("Location") == "https://127.0.0.1/accounts/login/" or plain.getheader("Location").startswith(
        "https://"
    )
    assert plain.getheader("Server") is None

    # What nginx passes on after terminating TLS.
    secure = get(https_server, "/accounts/login/", **{"X-Forwarded-Proto": "https"})
    assert secure.status == 200, log.read_text(errors="replace")[-4000:]
    assert secure.getheader("Server") is None  # no banner
    assert secure.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    csp = secure.getheader("Content-Security-Policy")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    cookies = secure.headers.get_all("Set-Cookie")
    assert cookies and all("Secure" in cookie for cookie in cookies)
    # Static files too: no banner.
    assert get(https_server, "/static/chanye/app.css", **{"X-Forwarded-Proto": "https"}).getheader("Server") is None


def test_check_deploy_has_no_security_warning_in_the_documented_production_configuration():
    result = subprocess.run(
        [sys.executable, "-m", "chanye.cli", "check", "--deploy"], env=production_env(), capture_output=True, text=True
    )
    output = result.stdout + result.stderr
    assert "(security." not in output, output
    assert "(axes." not in output, output


def test_without_https_a_plain_http_intranet_site_keeps_working(db, client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers
    assert "Content-Security-Policy" in response.headers  # the CSP holds either way
