"""Read one outside URL (press feeds, calendars) without letting it reach inside.

`check_url()` is the address policy: http(s) only, no credentials, and every address the
host resolves to must be public unless the allowlist names the host. `fetch()` connects to
an address checked that way (pinned: no second DNS lookup), follows redirects by hand and
checks every hop again, keeps one overall deadline for everything, and stops reading at
`max_bytes` decompressed bytes. Every failure is a `FetchError` whose message is German
for editors and never tells a closed port from an open non-HTTP service.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

USER_AGENT = "Chapterhouse/1.0 (+https://github.com/chapterhouse)"
CHUNK_SIZE = 64 * 1024
REDIRECTS = {301, 302, 303, 307, 308}
# Caller headers that the fetch sets itself, and those not sent on to another host.
OWN_HEADERS = {"host", "accept-encoding"}
SECRET_HEADERS = {"authorization", "cookie"}
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
BROADCAST = ipaddress.IPv4Address("255.255.255.255")


class FetchError(Exception):
    """A failed fetch; `str(error)` is shown to editors as is. `url` is the address that
    failed (after redirects), `status` the HTTP status if the server sent one."""

    def __init__(self, message, *, url="", status=None):
        super().__init__(message)
        self.url = url
        self.status = status


class FetchRefused(FetchError):
    """The address policy forbids the URL (or a redirect to it); nothing was connected."""


@dataclass(frozen=True)
class FetchResult:
    url: str  # after redirects
    status: int  # 2xx, or 304 (then `content` is empty)
    headers: dict  # lowercased names
    content: bytes  # decompressed
    content_type: str  # "application/rss+xml", "" when the server sent none
    charset: str | None  # as declared in Content-Type


def _split(url):
    """(scheme, ASCII host, port) of an http(s) URL, or FetchRefused/FetchError."""
    try:
        parts = urlsplit(url)
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii").rstrip(".")
    except (ValueError, UnicodeError):
        parts, host = None, ""
    if parts and parts.scheme and parts.scheme not in {"http", "https"}:
        raise FetchRefused(_("Nur Adressen mit http:// oder https:// sind erlaubt."), url=url)
    if not host or any(char <= " " for char in url):
        raise FetchError(
            _("Das ist keine gültige Adresse. Bitte die ganze Adresse mit https:// eintragen."),
            url=url,
        )
    if parts.username is not None or parts.password is not None:
        raise FetchRefused(
            _(
                "Die Adresse darf keinen Benutzernamen und kein Passwort enthalten. "
                "Bitte die Adresse ohne Zugangsdaten eintragen."
            ),
            url=url,
        )
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def _is_public(address):
    """True for an address on the public internet; an IPv6 address that wraps an IPv4
    address (mapped, compatible, 6to4, Teredo, NAT64) is judged by what it wraps."""
    if address.version == 6:
        wrapped = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
        if address in NAT64 or address in IPV4_COMPATIBLE:
            wrapped.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        wrapped = [inner for inner in wrapped if inner is not None]
        if wrapped:
            return all(_is_public(inner) for inner in wrapped)
        if address.is_site_local:
            return False
    elif address in SHARED_ADDRESS_SPACE or address == BROADCAST:
        return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
    )


def _allowed(host, allowlist):
    """Whether the allowlist names `host` as written in the URL: a name entry matches that
    name, an address or CIDR entry an address literal in it (not names resolving there)."""
    for entry in allowlist:
        entry = entry.strip().lower().rstrip(".")
        try:
            if ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            if entry == host:
                return True
    return False


def check_url(url, *, allowlist=None, resolver=None):
    """The IP addresses `fetch` may connect to for `url`, or FetchRefused/FetchError.

    `allowlist` (default `settings.OUTBOUND_ALLOWLIST`) lists host names, addresses and
    CIDR ranges allowed although they are internal; `resolver` defaults to getaddrinfo."""
    scheme, host, port = _split(url)
    if allowlist is None:
        allowlist = getattr(settings, "OUTBOUND_ALLOWLIST", [])
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = (resolver or socket.getaddrinfo)(host, port, 0, socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            raise FetchError(
                _("Den Server %(host)s gibt es nicht. Bitte die Adresse auf Tippfehler prüfen.")
                % {"host": host},
                url=url,
            ) from None
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses or not (
        _allowed(host, allowlist) or all(_is_public(address) for address in addresses)
    ):
        raise FetchRefused(
            _(
                "Diese Adresse ist nicht erlaubt: Sie zeigt auf ein internes oder privates "
                "Netz. Bitte die öffentliche Adresse eintragen."
            ),
            url=url,
        )
    return list(dict.fromkeys(str(address) for address in addresses))


class _Watchdog:
    """Shuts the current socket down when the overall deadline has passed, which ends any
    read or write blocked on it, however slowly the server trickles."""

    def __init__(self, timeout):
        self.deadline = time.monotonic() + timeout
        self.fired = False
        self.sock = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(timeout, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self):
        left = self.deadline - time.monotonic()
        if left <= 0 or self.fired:
            raise TimeoutError
        return left

    def watch(self, sock):
        with self._lock:
            self.sock = sock
        if self.fired:
            self._fire()

    def _fire(self):
        with self._lock:
            self.fired = True
            if self.sock is not None:
                with contextlib.suppress(OSError):  # plain shutdown(2), also under TLS
                    socket.socket.shutdown(self.sock, socket.SHUT_RDWR)

    def cancel(self):
        self._timer.cancel()


def _bounded(resolver, watchdog):
    """`resolver` in a thread of its own, given up on at the deadline."""

    def resolve(*args):
        outcome = {}

        def run():
            try:
                outcome["value"] = resolver(*args)
            except BaseException as error:  # handed to the caller's thread
                outcome["error"] = error

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        thread.join(watchdog.remaining())
        if thread.is_alive():
            raise TimeoutError
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    return resolve


def _connect(scheme, host, port, addresses, watchdog):
    """An HTTP(S) connection to the first checked address that answers."""
    sock = None
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        watchdog.watch(sock)
        try:
            sock.settimeout(watchdog.remaining())
            sock.connect((address, port))
            break
        except OSError:
            sock.close()
            sock = None
            if watchdog.fired:
                raise
    if sock is None:
        raise ConnectionError
    if scheme == "https":
        context = ssl.create_default_context()
        sock.settimeout(watchdog.remaining())
        sock = context.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
        watchdog.watch(sock)
        sock.do_handshake()
        connection = http.client.HTTPSConnection(host, port, context=context)
    else:
        connection = http.client.HTTPConnection(host, port)
    connection.sock = sock  # already connected to the pinned address: no lookup by name
    return connection


def _status_error(status, url):
    if status == 404:
        message = _("Die Adresse gibt es beim Server nicht (404) – bitte prüfen.")
    elif status in (401, 403):
        message = _(
            "Der Server verweigert den Zugriff (%(status)s); die Adresse ist nicht öffentlich. "
            "Bitte eine öffentlich lesbare Adresse eintragen."
        )
    elif status == 410:
        message = _(
            "Die Adresse gibt es beim Server nicht mehr (410). Bitte die neue Adresse eintragen "
            "oder den Eintrag entfernen."
        )
    elif status == 429:
        message = _("Der Server meldet zu viele Anfragen (429); später erneut versuchen.")
    elif status >= 500:
        message = _("Der Server meldet einen Fehler (%(status)s); später erneut versuchen.")
    elif status >= 400:
        message = _("Der Server lehnt die Anfrage ab (%(status)s) – bitte die Adresse prüfen.")
    else:
        message = _(
            "Der Server antwortet mit %(status)s statt mit dem Inhalt – bitte die Adresse prüfen."
        )
    return FetchError(message % {"status": status}, url=url, status=status)


def _too_large(host, max_bytes, url):
    return FetchError(
        _(
            "Die Antwort von %(host)s ist größer als %(limit)s und wurde nicht übernommen. "
            "Bitte eine kleinere Adresse (z. B. nur die neuesten Einträge) eintragen."
        )
        % {"host": host, "limit": filesizeformat(max_bytes)},
        url=url,
    )


def _read_body(response, host, max_bytes, url, watchdog):
    """The decompressed body, stopped as soon as it passes `max_bytes`."""
    declared = response.getheader("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > max_bytes:
        raise _too_large(host, max_bytes, url)
    encoding = response.getheader("Content-Encoding", "identity").strip().lower()
    if encoding not in {"identity", "gzip", "x-gzip", "deflate"}:
        raise ConnectionError  # not what was asked for: as good as no answer
    inflater = None if encoding == "identity" else zlib.decompressobj(zlib.MAX_WBITS | 32)
    body = bytearray()
    while chunk := response.read(CHUNK_SIZE):
        if inflater is not None:
            chunk = inflater.decompress(chunk, max_bytes - len(body) + 1)
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(host, max_bytes, url)
    if watchdog.fired or response.length or (inflater is not None and not inflater.eof):
        raise ConnectionError  # cut off, e.g. at the deadline; http.client does not say so
    return bytes(body)


def _result(url, response, host, max_bytes, watchdog):
    status = response.status
    if status != 304 and not 200 <= status < 300:
        raise _status_error(status, url)
    content = b"" if status == 304 else _read_body(response, host, max_bytes, url, watchdog)
    declared_type = response.headers.get("Content-Type")
    return FetchResult(
        url=url,
        status=status,
        headers={
            name.lower(): ", ".join(response.headers.get_all(name)) for name in response.headers
        },
        content=content,
        content_type=response.headers.get_content_type() if declared_type else "",
        charset=response.headers.get_content_charset(),
    )


def fetch(url, *, timeout, max_bytes, headers=None, allowlist=None, resolver=None, max_redirects=5):
    """GET `url` within `timeout` seconds overall and `max_bytes` decompressed bytes.

    `headers` may carry If-None-Match / If-Modified-Since; a 304 is returned, not raised.
    Host and Accept-Encoding are set by the fetch itself; Authorization and Cookie are not
    sent on to another host. Raises FetchError (FetchRefused: see `check_url`)."""
    request_headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    request_headers.update(
        {name: value for name, value in (headers or {}).items() if name.lower() not in OWN_HEADERS}
    )
    request_headers["Accept-Encoding"] = "gzip, deflate"
    watchdog = _Watchdog(timeout)
    resolve = _bounded(resolver or socket.getaddrinfo, watchdog)
    try:
        for _hop in range(max_redirects + 1):
            scheme, host, port = _split(url)
            addresses = check_url(url, allowlist=allowlist, resolver=resolve)
            connection = _connect(scheme, host, port, addresses, watchdog)
            try:
                parts = urlsplit(url)
                connection.sock.settimeout(watchdog.remaining())
                connection.request(
                    "GET",
                    (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                    headers=request_headers,
                )
                response = connection.getresponse()
                location = response.getheader("Location")
                if response.status not in REDIRECTS or not location:
                    return _result(url, response, host, max_bytes, watchdog)
            finally:
                connection.close()
            next_url = urljoin(url, location.strip())
            if urlsplit(next_url).hostname != parts.hostname:
                for name in [name for name in request_headers if name.lower() in SECRET_HEADERS]:
                    del request_headers[name]
            url = next_url
        raise FetchError(
            _(
                "Die Adresse leitet zu oft weiter (mehr als %(count)s Mal). "
                "Bitte die endgültige Adresse eintragen."
            )
            % {"count": max_redirects},
            url=url,
        )
    except ssl.SSLCertVerificationError:
        raise FetchError(
            _(
                "Das Zertifikat von %(host)s ist ungültig oder gehört nicht zu dieser Adresse; "
                "aus Sicherheitsgründen wurde nichts geladen. Bitte die Adresse prüfen."
            )
            % {"host": host},
            url=url,
        ) from None
    except (OSError, http.client.HTTPException, zlib.error):
        # Refused, reset, timed out, TLS or HTTP garbage: one message for all of them, so
        # that the answer does not tell what listens on a port.
        message = _(
            "Der Server unter %(host)s hat nicht (rechtzeitig) mit einer gültigen Antwort "
            "geantwortet. Bitte die Adresse prüfen und es später erneut versuchen."
        )
        raise FetchError(message % {"host": host}, url=url) from None
    finally:
        watchdog.cancel()
