import pytest

from govdata.runtime.config import ConfigError, Settings, settings_table


def test_defaults_are_valid_and_database_is_per_service() -> None:
    settings = Settings.from_env("catalog", "api", environ={})
    assert settings.grpc_port == 50051
    assert settings.mongo_database == "govdata_catalog"


def test_every_bad_variable_is_named_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(
            "catalog",
            "api",
            environ={
                "GOVDATA_GRPC_PORT": "seventy",
                "GOVDATA_MONGO_URI": "http://x",
                "GOVDATA_LOG_LEVEL": "LOUD",
            },
        )
    message = str(caught.value)
    for name in ("GOVDATA_GRPC_PORT", "GOVDATA_MONGO_URI", "GOVDATA_LOG_LEVEL"):
        assert name in message


def test_port_range_is_checked() -> None:
    with pytest.raises(ConfigError, match="not a TCP port"):
        Settings.from_env("catalog", "api", environ={"GOVDATA_METRICS_PORT": "70000"})


def test_table_documents_every_setting() -> None:
    table = settings_table()
    assert "GOVDATA_AMQP_URI" in table and "GOVDATA_OPENSEARCH_URL" in table


def test_readme_shows_the_current_table() -> None:
    from pathlib import Path

    readme = Path(__file__).resolve().parents[3] / "README.md"
    assert settings_table() in readme.read_text(encoding="utf-8")
