"""A real HTTP server on 127.0.0.1 for the feed tests: each path answers with a crafted
response, and every request is recorded (path and headers) so tests can check what the
importer sent. Runs in a thread; no part of the HTTP stack is mocked."""

import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Response:
    body: bytes | None = b""
    status: int = 200
    headers: dict = field(default_factory=lambda: {"Content-Type": "application/rss+xml"})
    # An iterable of byte chunks, written one by one until the client hangs up.
    chunks: object = None
    # Stall before the status line / after the headers until the test ends.
    stall_before_headers: bool = False
    stall_after_headers: bool = False
    # With a 304 for a matching If-None-Match, the server behaves like a real conditional GET.
    etag: str = ""


class FeedServer:
    def __init__(self):
        self.routes = {}
        self.requests = []
        self.bytes_sent = {}
        self.release = threading.Event()
        self.finished = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802 - http.server API
                server.requests.append((self.path, dict(self.headers)))
                response = server.routes.get(self.path)
                if response is None:
                    self.send_error(404)
                    return
                try:
                    server.respond(self, response)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    server.finished.set()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def respond(self, handler, response):
        if response.stall_before_headers:
            self.release.wait(30)
            return
        if response.etag and handler.headers.get("If-None-Match") == response.etag:
            handler.send_response(304)
            handler.send_header("ETag", response.etag)
            handler.end_headers()
            return
        handler.send_response(response.status)
        for name, value in response.headers.items():
            handler.send_header(name, value)
        if response.etag:
            handler.send_header("ETag", response.etag)
        if (
            response.body is not None
            and response.chunks is None
            and "Content-Length" not in response.headers
        ):
            handler.send_header("Content-Length", str(len(response.body)))
        handler.end_headers()
        if response.stall_after_headers:
            handler.wfile.write(response.body or b"")
            handler.wfile.flush()
            self.release.wait(30)
            return
        if response.chunks is not None:
            sent = 0
            for chunk in response.chunks:
                handler.wfile.write(chunk)
                sent += len(chunk)
                self.bytes_sent[handler.path] = sent
            return
        handler.wfile.write(response.body)

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def serve(self, path, *args, **kwargs):
        self.routes[path] = (
            args[0] if args and isinstance(args[0], Response) else Response(*args, **kwargs)
        )
        return self.url(path)

    def requests_for(self, path):
        return [headers for request_path, headers in self.requests if request_path == path]

    def start(self):
        self.thread.start()

    def stop(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def unused_port():
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
