"""The purge tokens' file backend (pagecache/token_cache.py): what one worker process writes,
every other one reads at once."""

import pytest

from pagecache.token_cache import TokenFileCache


def test_a_token_written_by_one_process_is_read_by_another(tmp_path):
    writer, reader = TokenFileCache(str(tmp_path), {}), TokenFileCache(str(tmp_path), {})
    assert reader.get("generation") is None
    assert reader.get("generation", "missing") == "missing"

    writer.set("generation", "a1b2c3", timeout=None)
    writer.set_many({"scope:one": "x", "scope:two": "y"}, timeout=None)
    assert reader.get("generation") == "a1b2c3"
    assert reader.get_many(["generation", "scope:one", "scope:gone"]) == {
        "generation": "a1b2c3",
        "scope:one": "x",
    }

    writer.set("generation", "d4e5f6", timeout=None)  # a purge replaces it
    assert reader.get("generation") == "d4e5f6"
    assert [path.suffix for path in tmp_path.iterdir()] == [".token"] * 3  # no temp files left


def test_add_keeps_a_token_that_is_there_and_delete_and_clear_remove_only_tokens(tmp_path):
    cache = TokenFileCache(str(tmp_path), {})
    assert cache.add("generation", "first", timeout=None) is True
    assert cache.add("generation", "second", timeout=None) is False
    assert cache.get("generation") == "first"
    assert cache.touch("generation", timeout=None) is True

    assert cache.delete("generation") is True
    assert cache.delete("generation") is False
    assert cache.has_key("generation") is False

    other_file = tmp_path / "kept.djcache"
    other_file.write_bytes(b"not ours")
    cache.set("generation", "again", timeout=None)
    cache.clear()
    assert cache.get("generation") is None
    assert other_file.read_bytes() == b"not ours"


def test_tokens_that_could_expire_or_are_not_text_are_refused_with_a_reason(tmp_path):
    cache = TokenFileCache(str(tmp_path), {})
    with pytest.raises(ValueError, match="timeout=None"):
        cache.set("generation", "a1", timeout=60)
    with pytest.raises(TypeError, match="keeps text, not int"):
        cache.set("generation", 42, timeout=None)
    assert cache.get("generation") is None
    assert list(tmp_path.iterdir()) == []
