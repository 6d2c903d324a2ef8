"""A real HTTP server on 127.0.0.1 for the web-input tests (stdlib http.server in a thread).

Routes are set up by the test: a fixed response, a sequence of responses (one per hit, the
last repeated), a function of the path for a whole prefix, a response that never comes
(the handler waits until the server stops), or a body streamed past any size limit.
Nothing reaches the internet.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass(frozen=True)
class Reply:
    """One HTTP response."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False  # send nothing until the server stops (a read timeout for the client)
    stream_bytes: int = 0  # then stream this many bytes more, without a Content-Length


Route = Reply | list[Reply] | Callable[[str], Reply]


class FixtureServer:
    """The server; ``hits`` counts requests per path. Use as a context manager."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.prefixes: dict[str, Callable[[str], Reply]] = {}
        self.hits: Counter[str] = Counter()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        daemon=True)

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def route(self, path: str, reply: Route) -> str:
        """Serve ``reply`` at ``path``; returns its URL."""
        self.routes[path] = reply
        return self.url(path)

    def prefix(self, prefix: str, make: Callable[[str], Reply]) -> None:
        """Serve ``make(path)`` for every path starting with ``prefix``."""
        self.prefixes[prefix] = make

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _reply(self, path: str) -> Reply:
        with self._lock:
            self.hits[path] += 1
            hit = self.hits[path]
        route = self.routes.get(path)
        if route is None:
            make = next((m for p, m in self.prefixes.items() if path.startswith(p)), None)
            return make(path) if make else Reply(404, b"<html><body>not found</body></html>")
        if isinstance(route, list):
            return route[min(hit, len(route)) - 1]
        return route(path) if callable(route) else route

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                reply = server._reply(self.path)
                if reply.hang:
                    server.stopping.wait(30)
                    return
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    if not reply.stream_bytes:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                    chunk = b"x" * 65536
                    for _ in range(reply.stream_bytes // len(chunk)):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (size limit): expected

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler
