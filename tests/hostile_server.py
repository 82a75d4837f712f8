"""A loopback TCP server that misbehaves on purpose, for the tests of core/fetch.py.

Raw sockets, one thread per connection, so it can do what no HTTP library would: trickle,
stall, send garbage, hang up. It counts the connections it accepted, so a test can prove
that a refused address was never connected to.
"""

import contextlib
import gzip
import socket
import ssl
import threading

BODY = b"<rss>Hallo Welt</rss>"
BOMB = gzip.compress(b"\0" * (10 * 1024 * 1024))
GARBAGE = b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\x00\xff\x13binary\r\n\r\n"


class HostileServer:
    """Modes: ok (answers `status`; 304 for If-None-Match "v1"), gzip, bomb, too_big,
    trickle_headers, trickle_body, loop, redirect (to `location`), garbage, close, silent.
    `delay` seconds pass before each answer; `requests` holds each request head as text."""

    def __init__(self, mode="ok", *, host="127.0.0.1", status=200, location="", delay=0, tls=None):
        self.mode = mode
        self.host = host
        self.status = status
        self.location = location
        self.delay = delay
        self.connections = 0
        self.requests = []
        self.stopped = threading.Event()
        self._open = []
        self._lock = threading.Lock()
        self._tls = None
        if tls:
            self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._tls.load_cert_chain(*tls)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._listener = socket.socket(family, socket.SOCK_STREAM)
        self._listener.bind((host, 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]

    def url(self, path="/", scheme="http"):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}{path}"

    def start(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self):
        self.stopped.set()
        with self._lock:
            sockets = [self._listener, *self._open]
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                sock, _address = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._open.append(sock)
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock):
        try:
            if self._tls:
                sock = self._tls.wrap_socket(sock, server_side=True)
            if self.mode == "close":
                return
            head = self._read_head(sock)
            self.requests.append(head)
            if not self.stopped.wait(self.delay):
                self._answer(sock, head)
        except (OSError, ssl.SSLError):
            pass  # the client hung up, as it should when the server misbehaves
        finally:
            sock.close()

    @staticmethod
    def _read_head(sock):
        sock.settimeout(10)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
        return data.decode("latin-1")

    def _trickle(self, sock, data):
        for byte in data:
            if self.stopped.wait(0.5):
                return
            sock.sendall(bytes([byte]))

    def _answer(self, sock, head):
        mode = self.mode
        path = head.split(" ", 2)[1] if head.count(" ") >= 2 else "/"
        if mode == "silent":
            self.stopped.wait(30)
        elif mode == "garbage":
            sock.sendall(GARBAGE)
        elif mode == "trickle_headers":
            self._trickle(sock, b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" * 20)
        elif mode == "trickle_body":
            sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
            self._trickle(sock, b"x" * 1000)
        elif mode == "too_big":
            sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n" + b"x" * 1000)
            self.stopped.wait(30)
        elif mode == "bomb":
            headers = f"Content-Encoding: gzip\r\nContent-Length: {len(BOMB)}\r\n"
            sock.sendall(b"HTTP/1.1 200 OK\r\n" + headers.encode() + b"\r\n" + BOMB)
        elif mode == "loop":
            step = int(path.rsplit("/", 1)[-1] or 0) if path.startswith("/loop/") else 0
            self._send(sock, 302, f"Location: /loop/{step + 1}\r\n")
        elif mode == "redirect":
            self._send(
                sock, self.status if self.status != 200 else 302, f"Location: {self.location}\r\n"
            )
        elif mode == "gzip":
            body = gzip.compress(BODY)
            self._send(
                sock, 200, "Content-Encoding: gzip\r\nContent-Type: application/rss+xml\r\n", body
            )
        elif 'if-none-match: "v1"' in head.lower():
            self._send(sock, 304, 'ETag: "v1"\r\n')
        else:
            extra = 'ETag: "v1"\r\nContent-Type: application/rss+xml; charset=UTF-8\r\n'
            extra += "X-Test: a\r\nX-Test: b\r\n"
            self._send(sock, self.status, extra, BODY)

    @staticmethod
    def _send(sock, status, headers, body=b""):
        head = f"HTTP/1.1 {status} Whatever\r\n{headers}Content-Length: {len(body)}\r\n"
        sock.sendall(head.encode("latin-1") + b"Connection: close\r\n\r\n" + body)
