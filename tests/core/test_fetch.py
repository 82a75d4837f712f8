"""core/fetch.py against real sockets on the loopback interface (tests/hostile_server.py):
the address policy, the overall deadline, the size limit and the editors' messages.
Nothing is mocked; the policy tests use a stub resolver and never connect."""

import socket
import subprocess
import time

import pytest

from core.fetch import FetchError, FetchRefused, FetchResult, check_url, fetch
from tests.hostile_server import BODY, HostileServer
from tests.network_guard import OutsideNetworkError

LOOPBACK = ["127.0.0.1"]
TIMEOUT = 1.5
UNREACHABLE = "hat nicht (rechtzeitig) mit einer gültigen Antwort geantwortet"
REFUSED = "Diese Adresse ist nicht erlaubt: Sie zeigt auf ein internes oder privates Netz."


def resolving_to(*addresses):
    """A stub getaddrinfo answering every name with `addresses`."""

    def resolve(host, port, *args):
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in addresses
        ]

    return resolve


def no_dns(host, port, *args):
    raise AssertionError(f"no lookup expected, got {host}")


@pytest.fixture
def serve():
    """Starts HostileServers for one test and stops them all at its end."""
    servers = []

    def start(mode="ok", **options):
        servers.append(HostileServer(mode, **options).start())
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def timed_fetch(url, timeout=TIMEOUT, **options):
    """fetch() that also proves it returned within timeout + 1 s; returns (result or
    error, elapsed seconds)."""
    options.setdefault("max_bytes", 1024 * 1024)
    options.setdefault("allowlist", LOOPBACK)
    started = time.monotonic()
    try:
        outcome = fetch(url, timeout=timeout, **options)
    except FetchError as error:
        outcome = error
    elapsed = time.monotonic() - started
    assert elapsed < timeout + 1, f"took {elapsed:.2f} s"
    return outcome, elapsed


# The address policy, with a stub resolver only.


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "224.0.0.1",
        "255.255.255.255",
        "0.0.0.0",  # noqa: S104 - an address to refuse, not to bind
        "127.0.0.2",
        "240.0.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fec0::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::10.0.0.1",
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
    ],
)
def test_internal_addresses_are_refused(address):
    with pytest.raises(FetchRefused) as refused:
        check_url("https://feeds.example.org/rss", allowlist=[], resolver=resolving_to(address))
    assert str(refused.value).startswith(REFUSED)
    assert "Bitte die öffentliche Adresse eintragen." in str(refused.value)


@pytest.mark.parametrize("address", ["10.0.0.1", "169.254.169.254", "::1", "::ffff:127.0.0.1"])
def test_internal_address_literals_are_refused_without_lookup(address):
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(FetchRefused):
        check_url(f"http://{host}/feed", allowlist=[], resolver=no_dns)


def test_one_internal_address_among_public_ones_is_enough_to_refuse():
    with pytest.raises(FetchRefused):
        check_url(
            "https://feeds.example.org/",
            allowlist=[],
            resolver=resolving_to("93.184.216.34", "10.0.0.1"),
        )


def test_public_addresses_are_allowed_and_returned_to_connect_to():
    resolver = resolving_to("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "93.184.216.34")
    assert check_url("https://example.org/feed.xml", allowlist=[], resolver=resolver) == [
        "93.184.216.34",
        "2606:2800:220:1:248:1893:25c8:1946",
    ]
    assert check_url("http://93.184.216.34:8080/", allowlist=[], resolver=no_dns) == [
        "93.184.216.34"
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://user:geheim@example.org/feed", "keinen Benutzernamen und kein Passwort"),
        ("https://user@example.org/feed", "keinen Benutzernamen und kein Passwort"),
        ("ftp://example.org/feed.xml", "Nur Adressen mit http:// oder https://"),
        ("file:///etc/passwd", "Nur Adressen mit http:// oder https://"),
        ("javascript:alert(1)", "Nur Adressen mit http:// oder https://"),
    ],
)
def test_credentials_and_other_schemes_are_refused(url, message):
    with pytest.raises(FetchRefused, match=message):
        check_url(url, allowlist=[], resolver=no_dns)


@pytest.mark.parametrize("url", ["https://", "http:///feed", "https://exa mple.org/", "feed.xml"])
def test_malformed_addresses_are_explained(url):
    with pytest.raises(FetchError, match="keine gültige Adresse"):
        check_url(url, allowlist=[], resolver=no_dns)


def test_the_allowlist_names_hosts_addresses_and_ranges():
    intranet = resolving_to("10.1.2.3")
    allowlist = ["127.0.0.1", "Intranet.Example", "10.1.0.0/16"]
    assert check_url("http://intranet.example/x", allowlist=allowlist, resolver=intranet) == [
        "10.1.2.3"
    ]
    assert check_url("http://127.0.0.1:8000/", allowlist=allowlist, resolver=no_dns) == [
        "127.0.0.1"
    ]
    assert check_url("http://10.1.200.7/", allowlist=allowlist, resolver=no_dns) == ["10.1.200.7"]
    for url in ("http://127.0.0.2/", "http://10.2.0.1/"):
        with pytest.raises(FetchRefused):
            check_url(url, allowlist=allowlist, resolver=no_dns)
    # An address entry allows that address as written, not every name resolving to it.
    with pytest.raises(FetchRefused):
        check_url("http://evil.example/", allowlist=allowlist, resolver=intranet)


def test_the_allowlist_defaults_to_the_setting(settings):
    assert settings.OUTBOUND_ALLOWLIST == []
    with pytest.raises(FetchRefused):
        check_url("http://10.1.2.3/", resolver=no_dns)
    settings.OUTBOUND_ALLOWLIST = ["10.1.0.0/16"]
    assert check_url("http://10.1.2.3/", resolver=no_dns) == ["10.1.2.3"]


def test_an_unknown_name_is_told_apart():
    def unknown(host, port, *args):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(FetchError, match="Den Server feeds.example.invalid gibt es nicht"):
        check_url("https://feeds.example.invalid/rss", resolver=unknown)


# Fetching from servers on 127.0.0.1 that behave.


def test_a_feed_is_fetched_with_its_headers(serve):
    server = serve()
    result, _elapsed = timed_fetch(server.url("/feed?page=1"), headers={"X-Caller": "ja"})
    assert isinstance(result, FetchResult)
    assert (result.url, result.status, result.content) == (server.url("/feed?page=1"), 200, BODY)
    assert (result.content_type, result.charset) == ("application/rss+xml", "utf-8")
    assert result.headers["etag"] == '"v1"'
    assert result.headers["x-test"] == "a, b"
    request = server.requests[0].lower()
    assert request.startswith("get /feed?page=1 http/1.1\r\n")
    assert f"host: 127.0.0.1:{server.port}\r\n" in request
    assert "accept-encoding: gzip, deflate\r\n" in request
    assert "x-caller: ja\r\n" in request


def test_a_conditional_get_returns_304_as_a_result(serve):
    server = serve()
    result, _elapsed = timed_fetch(server.url(), headers={"If-None-Match": '"v1"'})
    assert (result.status, result.content) == (304, b"")


def test_gzip_is_decompressed(serve):
    result, _elapsed = timed_fetch(serve("gzip").url())
    assert result.content == BODY
    assert result.headers["content-encoding"] == "gzip"


def test_relative_redirects_are_followed(serve):
    server = serve("loop")
    target = serve()
    result, _elapsed = timed_fetch(server.url(), max_redirects=3, allowlist=LOOPBACK)
    assert isinstance(result, FetchError)
    assert server.connections == 4
    assert [head.split()[1] for head in server.requests] == ["/", "/loop/1", "/loop/2", "/loop/3"]
    assert "leitet zu oft weiter (mehr als 3 Mal)" in str(result)
    hop = serve("redirect", location=target.url("/final"), status=308)
    result, _elapsed = timed_fetch(hop.url())
    assert (result.url, result.content) == (target.url("/final"), BODY)


def test_authorization_is_not_sent_on_to_another_host(serve):
    target = serve()
    hop = serve("redirect", location=f"http://localhost:{target.port}/")
    result, _elapsed = timed_fetch(
        hop.url(),
        headers={"Authorization": "Bearer geheim", "If-None-Match": '"x"'},
        allowlist=["127.0.0.1", "localhost"],
    )
    assert result.status == 200
    assert "authorization: bearer geheim" in hop.requests[0].lower()
    assert "authorization" not in target.requests[0].lower()
    assert 'if-none-match: "x"' in target.requests[0].lower()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "Die Adresse gibt es beim Server nicht (404) – bitte prüfen."),
        (403, "Der Server verweigert den Zugriff (403)"),
        (401, "Der Server verweigert den Zugriff (401)"),
        (410, "Die Adresse gibt es beim Server nicht mehr (410)."),
        (503, "Der Server meldet einen Fehler (503); später erneut versuchen."),
        (500, "Der Server meldet einen Fehler (500); später erneut versuchen."),
        (400, "Der Server lehnt die Anfrage ab (400)"),
    ],
)
def test_error_statuses_are_explained(serve, status, message):
    error, _elapsed = timed_fetch(serve(status=status).url())
    assert isinstance(error, FetchError)
    assert str(error).startswith(message)
    assert error.status == status


# Servers that misbehave: every fetch ends within timeout + 1 s (timed_fetch asserts it).


def test_headers_trickling_in_are_cut_off_at_the_deadline(serve):
    error, elapsed = timed_fetch(serve("trickle_headers").url())
    assert UNREACHABLE in str(error)
    assert elapsed >= TIMEOUT - 0.1


def test_a_body_trickling_in_is_cut_off_at_the_deadline(serve):
    error, elapsed = timed_fetch(serve("trickle_body").url())
    assert UNREACHABLE in str(error)
    assert elapsed >= TIMEOUT - 0.1


def test_the_deadline_covers_all_redirects(serve):
    server = serve("loop", delay=0.4)
    error, _elapsed = timed_fetch(server.url(), max_redirects=100)
    assert UNREACHABLE in str(error)
    assert 2 <= server.connections <= 5


def test_the_deadline_covers_a_name_lookup_that_hangs():
    def hanging(host, port, *args):
        time.sleep(5)
        return resolving_to("93.184.216.34")(host, port)

    error, _elapsed = timed_fetch("https://slow-dns.example/", resolver=hanging, allowlist=[])
    assert str(error).startswith("Der Server unter slow-dns.example hat nicht (rechtzeitig)")


def test_a_gzip_bomb_is_stopped_at_the_limit(serve):
    error, elapsed = timed_fetch(serve("bomb").url(), max_bytes=1024 * 1024)
    assert "ist größer als 1,0\xa0MB und wurde nicht übernommen" in str(error)


def test_a_declared_length_above_the_limit_is_refused_before_reading(serve):
    error, elapsed = timed_fetch(serve("too_big").url(), max_bytes=1024 * 1024)
    assert "ist größer als 1,0\xa0MB" in str(error)


def test_closed_ports_and_other_services_look_alike(serve):
    """Garbage, a hang-up, silence and a closed port give one message: editors cannot
    use the fetch to map what listens on a port."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_url = f"http://127.0.0.1:{closed.getsockname()[1]}/"
    closed.close()
    messages = set()
    for url in (serve("garbage").url(), serve("close").url(), serve("silent").url(), closed_url):
        error, _elapsed = timed_fetch(url)
        assert UNREACHABLE in str(error), url
        messages.add(str(error).replace(url.split("/")[2].split(":")[1], "PORT"))
    assert messages == {
        "Der Server unter 127.0.0.1 hat nicht (rechtzeitig) mit einer gültigen Antwort "
        "geantwortet. Bitte die Adresse prüfen und es später erneut versuchen."
    }


def test_https_to_a_plain_http_server_looks_alike(serve):
    error, _elapsed = timed_fetch(serve().url(scheme="https"))
    assert UNREACHABLE in str(error)


def test_an_invalid_certificate_is_explained(serve, tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    try:
        subprocess.run(  # noqa: S603
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]  # noqa: S607
            + ["-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
    except FileNotFoundError:
        pytest.skip("openssl is not installed")
    error, _elapsed = timed_fetch(serve(tls=(cert, key)).url(scheme="https"))
    assert str(error).startswith("Das Zertifikat von 127.0.0.1 ist ungültig")


# Refused addresses are never connected to, not even through a redirect.


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1"])
def test_loopback_addresses_are_refused_without_connecting(serve, host):
    server = serve(host=host)
    error, _elapsed = timed_fetch(server.url(), allowlist=[])
    assert isinstance(error, FetchRefused)
    assert str(error).startswith(REFUSED)
    assert server.connections == 0


def test_localhost_is_refused_unless_named(serve):
    server = serve()
    url = f"http://localhost:{server.port}/"
    for allowlist in ([], ["127.0.0.1"], None):
        error, _elapsed = timed_fetch(url, allowlist=allowlist)
        assert isinstance(error, FetchRefused)
    assert server.connections == 0
    result, _elapsed = timed_fetch(url, allowlist=["localhost"])
    assert result.content == BODY


def test_the_test_settings_allow_nothing_internal(serve):
    server = serve()
    error, _elapsed = timed_fetch(server.url(), allowlist=None)
    assert isinstance(error, FetchRefused)
    assert server.connections == 0


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.2:{port}/",
        "http://localhost:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.2]:{port}/",
        "ftp://127.0.0.1:{port}/",
    ],
)
def test_a_redirect_to_a_refused_address_is_not_followed(serve, target):
    inside = serve(host="127.0.0.2")
    hop = serve("redirect", location=target.format(port=inside.port))
    error, _elapsed = timed_fetch(hop.url())
    assert isinstance(error, FetchRefused)
    assert hop.connections == 1
    assert inside.connections == 0


# The network guard itself.


def test_the_guard_refuses_outside_connections_before_sending(no_outside_network):
    with socket.socket() as sock, pytest.raises(OutsideNetworkError):
        sock.connect(("10.0.0.1", 80))
    with socket.socket() as sock, pytest.raises(OutsideNetworkError):
        sock.connect_ex(("93.184.216.34", 443))
    with pytest.raises(OutsideNetworkError):
        socket.create_connection(("10.0.0.1", 80), timeout=1)
    with pytest.raises(OutsideNetworkError):
        socket.getaddrinfo("example.org", 443)
    assert len(no_outside_network.violations) == 4
    no_outside_network.violations.clear()


def test_the_guard_also_stops_a_fetch_that_would_go_outside(no_outside_network):
    with pytest.raises(OutsideNetworkError):
        fetch("https://feeds.example.org/", timeout=1, max_bytes=1000, allowlist=[])
    no_outside_network.violations.clear()
