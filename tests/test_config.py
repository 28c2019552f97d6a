"""Settings: defaults < config file < FAZHI_* environment < explicit overrides."""

from __future__ import annotations

import pytest

from fazhi.config import Config, load_config
from fazhi.errors import ConfigError


def test_precedence_file_then_environment_then_overrides(tmp_path):
    path = tmp_path / "fazhi.toml"
    path.write_text('[fazhi]\nbase_uri = "https://a.example/"\nport = 9000\nquery_timeout = 4\n')
    env = {"FAZHI_PORT": "9100"}
    config = load_config(str(path), environ=env, query_timeout=2.5)
    assert (config.base_uri, config.port, config.query_timeout) == ("https://a.example/", 9100, 2.5)


def test_base_uri_gains_its_trailing_slash():
    assert load_config(environ={"FAZHI_BASE_URI": "https://b.example/lod"}).base_uri == "https://b.example/lod/"


def test_other_fazhi_variables_are_not_settings():
    config = load_config(environ={"FAZHI_REQUIRE_BROWSER": "1", "FAZHI_THREADS": "3"})
    assert config.threads == 3


def test_unknown_keys_in_a_config_file_are_errors(tmp_path):
    path = tmp_path / "fazhi.toml"
    path.write_text("[fazhi]\nstroe = 'x'\n")
    with pytest.raises(ConfigError, match="unknown setting 'stroe'"):
        load_config(str(path), environ={})


def test_values_that_do_not_fit_their_type_are_errors():
    with pytest.raises(ConfigError, match="port"):
        load_config(environ={"FAZHI_PORT": "eighty"})


def test_saved_analyses_sit_beside_the_embedded_store_unless_told():
    assert Config(store="/srv/fazhi/store").saved_analyses_dir == "/srv/fazhi/store-cache"
    assert Config(store="/srv/fazhi/store", cache_dir="/var/cache/fazhi").saved_analyses_dir == "/var/cache/fazhi"
    assert Config(store="", endpoint="http://127.0.0.1:7878/query").saved_analyses_dir is None
    assert Config(store="").saved_analyses_dir is None
