"""gunicorn's configuration for `chanye serve` (loaded with `--config python:chanye.core.gunicorn_conf`).

gunicorn writes `Server: gunicorn` into every response and has no setting to leave it out; a header that
names the server software only helps someone looking for a known hole, so its default headers are
filtered here, in the master process, before the workers are forked."""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server
