"""The cache backend of the purge tokens (the generations, pagecache/cache.py) when there is
no Redis: one small text file per token in a directory that every worker process on the
machine reads.

Django's FileBasedCache did this before, at a price paid by every cached page served: it
pickles, compresses and dates every entry and hashes every key, and reading a page's two
tokens took 17 µs with it, 2 µs from plain files, against about 100 µs for the rest of a hit.
Tokens are short texts that never expire. A token is written to a file of its own and
renamed over the old one, so a reader sees the old token or the new one, never part of one.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

SUFFIX = ".token"


class TokenFileCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        self.directory = Path(location)
        self.paths = {}  # (key, version) -> file; as many as there are tokens (scopes)

    def path(self, key, version=None):
        found = self.paths.get((key, version))
        if found is None:
            name = hashlib.sha256(self.make_and_validate_key(key, version).encode()).hexdigest()
            found = self.paths[(key, version)] = str(self.directory / f"{name}{SUFFIX}")
        return found

    def get(self, key, default=None, version=None):
        try:
            descriptor = os.open(self.path(key, version), os.O_RDONLY)
        except FileNotFoundError:
            return default
        try:
            return os.read(descriptor, 1024).decode()
        finally:
            os.close(descriptor)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        os.replace(self._written(value, timeout), self.path(key, version))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        written = self._written(value, timeout)
        try:
            os.link(written, self.path(key, version))  # fails where a token is: atomic
        except FileExistsError:
            return False
        finally:
            os.unlink(written)
        return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._check_timeout(timeout)
        return self.has_key(key, version=version)

    def delete(self, key, version=None):
        try:
            os.unlink(self.path(key, version))
        except FileNotFoundError:
            return False
        return True

    def clear(self):
        for path in self.directory.glob(f"*{SUFFIX}"):
            path.unlink(missing_ok=True)

    def _written(self, value, timeout):
        """A new file in the directory holding *value*."""
        self._check_timeout(timeout)
        if not isinstance(value, str):
            raise TypeError(f"TokenFileCache keeps text, not {type(value).__name__}.")
        self.directory.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(descriptor, "wb") as file:
            file.write(value.encode())
        return name

    @staticmethod
    def _check_timeout(timeout):
        if timeout is not None and timeout is not DEFAULT_TIMEOUT:
            raise ValueError("TokenFileCache keeps tokens until they are replaced: timeout=None.")
