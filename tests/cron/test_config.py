"""cron.config: the TOML config of `calendar-extract run`, its defaults and its error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_extract.cron.config import load_config
from calendar_extract.errors import ConfigError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cron" / "cron.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cron.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_example_loads_with_paths_beside_it() -> None:
    config = load_config(EXAMPLE)
    folder = EXAMPLE.parent
    assert config.output == folder / "public" / "events.ics"
    assert config.state == folder / "state" / "events.sqlite"
    assert config.timezone == "Europe/Brussels"
    assert config.window_days_past == 90
    assert config.log_file == folder / "state" / "run.log"
    assert [(s.kind, s.location, s.label) for s in config.sources] == [("path", str(folder / "inbox"), "inbox")]


def test_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'output = "out/cal.ics"\n[[sources]]\npath = "in"\n'))
    assert config.state == tmp_path / "out" / ".cal.sqlite"
    assert config.cache_dir == tmp_path / "out" / ".cal.cache"
    assert (config.name, config.timezone, config.refresh) == ("Extracted events", None, "PT12H")
    assert (config.removed, config.cancelled, config.on_busy) == ("keep", "keep", "wait")
    assert config.window_days_past is None and config.log_file is None


def test_sources_of_every_kind(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '''output = "cal.ics"
[[sources]]
feed = "https://example.org/press.rss"
[[sources]]
url = "https://example.org/page.html"
format = "html"
timezone = "Asia/Tokyo"
[[sources]]
feed = "feed:local.rss"
'''))
    kinds = [(s.kind, s.location, s.input_format, s.timezone) for s in config.sources]
    assert kinds == [("feed", "https://example.org/press.rss", None, None),
                     ("url", "https://example.org/page.html", "html", "Asia/Tokyo"),
                     ("feed", str(tmp_path / "local.rss"), None, None)]


BAD = [
    ('output = "a.ics"\nwindw_days_past = 3\n[[sources]]\npath = "x"\n',
     "unknown key 'windw_days_past'; did you mean 'window_days_past'?"),
    ('output = "a.ics"\nwindow_days_past = "ninety"\n[[sources]]\npath = "x"\n',
     "'window_days_past' must be a whole number of days ≥ 0, not 'ninety'"),
    ('output = "a.ics"\nwindow_days_past = -1\n[[sources]]\npath = "x"\n', "'window_days_past' must be"),
    ('output = "a.ics"\nday_first = "yes"\n[[sources]]\npath = "x"\n', "'day_first' must be true or false"),
    ('output = "a.ics"\nremoved = "forget"\n[[sources]]\npath = "x"\n',
     "'removed' must be \"keep\" or \"cancel\" or \"drop\", not 'forget'"),
    ('output = "a.ics"\ntimezone = "Mars/Olympus"\n[[sources]]\npath = "x"\n',
     "'timezone' must be an IANA time zone"),
    ('output = "a.ics"\nrefresh = "12 hours"\n[[sources]]\npath = "x"\n', "'refresh' must be an ISO 8601 duration"),
    ('[[sources]]\npath = "x"\n', "'output' is missing"),
    ('output = "a.ics"\n', "'sources' is missing"),
    ('output = "a.ics"\nsources = []\n', "'sources' must be one or more [[sources]] tables"),
    ('output = "a.ics"\n[[sources]]\npath = "x"\nfeed = "y"\n', "sources[1]: give exactly one of path, feed or url"),
    ('output = "a.ics"\n[[sources]]\nformat = "html"\n', "sources[1]: give exactly one of path, feed or url"),
    ('output = "a.ics"\n[[sources]]\npath = "x"\n[[sources]]\npth = "y"\n', "unknown key 'sources[2].pth'"),
    ('output = "a.ics"\n[[sources]]\nurl = "ftp://example.org/x"\n', "sources[1].url: expected an http(s) URL"),
    ('output = "a.ics"\n[[sources]]\npath = "x"\nformat = "pdf"\n', "'sources[1].format' must be"),
    ('output = "a.ics"\nname = 3\n[[sources]]\npath = "x"\n', "'name' must be a non-empty string, not 3"),
    ('output = "a.ics\n', "not valid TOML"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m[:40] for _, m in BAD])
def test_a_bad_config_names_the_file_the_key_and_what_is_expected(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_missing_and_binary_configs(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the config"):
        load_config(tmp_path / "nope.toml")
    path = tmp_path / "bin.toml"
    path.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)
