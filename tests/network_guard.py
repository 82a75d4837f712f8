"""No test reaches beyond this machine: an autouse fixture (registered in conftest.py)
refuses, before anything is sent, every socket connection to an address outside the
loopback interface and every name lookup other than localhost's. The refusal raises
OutsideNetworkError where the connection was attempted and, because code under test may
catch that, also fails the test when it ends."""

import ipaddress
import socket

import pytest

LOCAL_NAMES = {None, "", "localhost", "localhost."}


class OutsideNetworkError(AssertionError):
    """A test tried to connect to, or look up, something outside the loopback interface."""


def is_loopback(host):
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(str(host).split("%")[0])
    except ValueError:
        return False
    return (getattr(address, "ipv4_mapped", None) or address).is_loopback


class NetworkGuard:
    def __init__(self):
        self.violations = []

    def check(self, family, address, what):
        if family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address[0]):
            self.violations.append(f"{what}{address!r}")
            raise OutsideNetworkError(f"Tests must not reach the network: {what}{address!r}")


@pytest.fixture(autouse=True)
def no_outside_network(monkeypatch):
    """The guard of this test; `.violations` lists what it refused (a test that provokes
    a refusal on purpose clears it)."""
    guard = NetworkGuard()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo
    real_create_connection = socket.create_connection

    def connect(sock, address):
        guard.check(sock.family, address, "connect")
        return real_connect(sock, address)

    def connect_ex(sock, address):
        guard.check(sock.family, address, "connect_ex")
        return real_connect_ex(sock, address)

    def create_connection(address, *args, **kwargs):
        guard.check(socket.AF_INET, address, "create_connection")
        return real_create_connection(address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):
        guard.check(socket.AF_INET, (host,), "getaddrinfo")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield guard
    if guard.violations:
        pytest.fail(f"Tests must not reach the network; refused: {guard.violations}")
