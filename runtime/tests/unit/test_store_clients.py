"""What the store and broker clients are given: credentials, TLS, and no password leaking out.

OpenSearch runs here without its security plugin, so its TLS and basic authentication are
checked on the arguments (and on the client opensearch-py builds from them), not on the wire.
"""

from __future__ import annotations

import re
import ssl
from pathlib import Path
from urllib.parse import quote

import pytest
from kombu.utils.url import parse_url

from govdata.runtime import devpki
from govdata.runtime.amqp import amqp_params, mask_password
from govdata.runtime.config import ConfigError, Settings
from govdata.runtime.events import AmqpPublisher
from govdata.runtime.stores import command_shape, mongo_client_options, opensearch_client_options
from govdata.runtime.worker import nameko_config

SECRET = "s3cr:t/@ pass%"  # noqa: S105 - a test value, with characters a URI must quote


def settings(**env: str) -> Settings:
    return Settings.from_env("catalog", "api", {f"GOVDATA_{k.upper()}": v for k, v in env.items()})


@pytest.fixture
def ca_file(tmp_path: Path) -> str:
    path = tmp_path / "ca.crt"
    path.write_bytes(devpki.make_ca().cert_pem)
    return str(path)


# --------------------------------------------------------------------------- MongoDB


def test_mongo_without_credentials_or_tls_is_as_before() -> None:
    assert mongo_client_options(settings()) == {
        "appname": "govdata-catalog-api",
        "serverSelectionTimeoutMS": 5000,
        "connectTimeoutMS": 5000,
        "socketTimeoutMS": 5000,
        "tz_aware": True,
    }


def test_mongo_gets_credentials_and_tls_as_arguments() -> None:
    options = mongo_client_options(
        settings(
            mongo_username="catalog",
            mongo_password=SECRET,
            mongo_tls_ca_file="/pki/ca.crt",
            mongo_tls_client_file="/pki/client.pem",
        )
    )
    assert options["username"] == "catalog" and options["password"] == SECRET
    assert "authSource" not in options  # pymongo's default: the URI's database, else admin
    assert options["tls"] is True
    assert options["tlsCAFile"] == "/pki/ca.crt"
    assert options["tlsCertificateKeyFile"] == "/pki/client.pem"


def test_a_client_certificate_alone_turns_tls_on_with_the_system_cas() -> None:
    options = mongo_client_options(settings(mongo_tls_client_file="/pki/client.pem"))
    assert options["tls"] is True and "tlsCAFile" not in options


# ------------------------------------------------------------------------ OpenSearch


def test_opensearch_without_credentials_or_tls_is_as_before() -> None:
    assert opensearch_client_options(settings()) == {
        "hosts": ["http://127.0.0.1:9201"],
        "timeout": 10.0,
        "max_retries": 2,
        "retry_on_timeout": True,
        "http_compress": False,
        "pool_maxsize": settings().grpc_workers,  # a kept-open connection per gRPC worker
    }


def test_opensearch_over_https_verifies_with_the_configured_ca(ca_file: str) -> None:
    options = opensearch_client_options(
        settings(
            opensearch_url="https://search.internal:9200",
            opensearch_username="svc-search",
            opensearch_password=SECRET,
            opensearch_tls_ca_file=ca_file,
        )
    )
    assert options["http_auth"] == ("svc-search", SECRET)
    assert options["use_ssl"] is True and options["verify_certs"] is True
    assert options["ca_certs"] == ca_file

    from opensearchpy import OpenSearch

    client = OpenSearch(**options)  # opensearch-py accepts them (it connects lazily)
    connection = client.transport.get_connection()
    assert connection.host == "https://search.internal:9200"
    assert connection.headers["authorization"].startswith("Basic ")
    assert SECRET not in repr(client) and SECRET not in repr(connection)
    client.close()


def test_opensearch_over_https_without_a_ca_file_still_verifies() -> None:
    options = opensearch_client_options(settings(opensearch_url="https://search.internal:9200"))
    assert options["verify_certs"] is True and "ca_certs" not in options
    assert "http_auth" not in options


def test_a_ca_file_with_an_http_opensearch_url_is_refused() -> None:
    url = "http://svc-search:hunter2@search.internal:9200"
    with pytest.raises(ConfigError, match="GOVDATA_OPENSEARCH_TLS_CA_FILE") as caught:
        opensearch_client_options(settings(opensearch_url=url, opensearch_tls_ca_file="/ca.crt"))
    assert "hunter2" not in str(caught.value)


# -------------------------------------------------------------------------- RabbitMQ


def test_amqp_without_credentials_or_tls_is_as_before() -> None:
    params = amqp_params(settings())
    assert params.uri == "amqp://guest:guest@127.0.0.1:5682/"
    assert params.ssl is None
    config = nameko_config(settings())
    assert config["AMQP_URI"] == params.uri and config["AMQP_SSL"] is None


def test_configured_credentials_replace_those_in_the_uri_url_quoted() -> None:
    params = amqp_params(
        settings(
            amqp_uri="amqp://guest:guest@broker:5672/govdata",
            amqp_username="svc catalog",
            amqp_password=SECRET,
        )
    )
    parsed = parse_url(params.uri)  # as kombu reads it back
    assert (parsed["userid"], parsed["password"]) == ("svc catalog", SECRET)
    assert (parsed["hostname"], parsed["port"], parsed["virtual_host"]) == (
        "broker",
        5672,
        "govdata",
    )


def test_a_configured_password_alone_keeps_the_uri_user() -> None:
    params = amqp_params(settings(amqp_uri="amqp://catalog@broker/", amqp_password=SECRET))
    assert params.uri == f"amqp://catalog:{quote(SECRET, safe='')}@broker/"


def test_amqps_gives_kombu_ssl_options_that_check_the_broker(tmp_path: Path, ca_file: str) -> None:
    cert, key = tmp_path / "client.crt", tmp_path / "client.key"
    cert.write_text("cert")
    key.write_text("key")
    params = amqp_params(
        settings(
            amqp_uri="amqps://broker.internal:5671/",
            amqp_tls_ca_file=ca_file,
            amqp_tls_cert_file=str(cert),
            amqp_tls_key_file=str(key),
        )
    )
    assert params.ssl == {
        "ca_certs": ca_file,
        "certfile": str(cert),
        "keyfile": str(key),
        "cert_reqs": ssl.CERT_REQUIRED,
        "server_hostname": "broker.internal",
    }
    assert nameko_config(
        settings(amqp_uri="amqps://broker.internal:5671/", amqp_tls_ca_file=ca_file)
    )["AMQP_SSL"] == {
        "ca_certs": ca_file,
        "cert_reqs": ssl.CERT_REQUIRED,
        "server_hostname": "broker.internal",
    }


def test_amqps_without_a_ca_file_verifies_against_the_system_cas() -> None:
    params = amqp_params(settings(amqp_uri="amqps://broker.internal/"))
    assert params.ssl == {"cert_reqs": ssl.CERT_REQUIRED, "server_hostname": "broker.internal"}


def test_the_api_publisher_connects_as_the_workers_do(ca_file: str) -> None:
    config = settings(
        amqp_uri="amqps://broker.internal/", amqp_password=SECRET, amqp_tls_ca_file=ca_file
    )
    publisher = AmqpPublisher.from_settings(config)._publisher
    assert publisher.amqp_uri == nameko_config(config)["AMQP_URI"]
    assert publisher.ssl == nameko_config(config)["AMQP_SSL"]


def test_tls_files_with_a_plain_amqp_uri_are_refused_without_showing_the_password(
    ca_file: str,
) -> None:
    with pytest.raises(ConfigError, match=r"GOVDATA_AMQP_TLS_CA_FILE.*amqps://") as caught:
        amqp_params(settings(amqp_password=SECRET, amqp_tls_ca_file=ca_file))
    assert "***" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_a_missing_tls_file_is_named_at_start() -> None:
    with pytest.raises(ConfigError, match=re.escape("GOVDATA_AMQP_TLS_CA_FILE='/no/such/ca.crt'")):
        amqp_params(settings(amqp_uri="amqps://broker/", amqp_tls_ca_file="/no/such/ca.crt"))


def test_a_key_without_its_certificate_is_refused(tmp_path: Path) -> None:
    key = tmp_path / "client.key"
    key.write_text("key")
    with pytest.raises(ConfigError, match="GOVDATA_AMQP_TLS_CERT_FILE"):
        amqp_params(settings(amqp_uri="amqps://broker/", amqp_tls_key_file=str(key)))


# ------------------------------------------------------------------------- passwords


def test_passwords_stay_out_of_reprs() -> None:
    configured = settings(
        amqp_uri="amqps://broker/",
        amqp_username="u",
        amqp_password=SECRET,
        mongo_username="u",
        mongo_password=SECRET + "m",
        opensearch_username="u",
        opensearch_password=SECRET + "o",
    )
    for text in (repr(configured), str(configured), repr(amqp_params(configured))):
        assert SECRET not in text
    assert "***" in repr(amqp_params(configured))
    assert amqp_params(configured).safe_uri == "amqps://u:***@broker/"


def test_mask_password_leaves_uris_without_one_alone() -> None:
    assert mask_password("amqp://broker/") == "amqp://broker/"
    assert mask_password("amqp://user@broker/") == "amqp://user@broker/"
    assert mask_password("amqp://user:pw@broker:5672/v") == "amqp://user:***@broker:5672/v"


def test_slow_commands_are_logged_by_shape_never_by_value() -> None:
    """The slow-command log names the collection and the filter's fields; the values (an ID
    number, a name) stay out."""
    find = {"find": "records", "filter": {"subject": "110101199003071234", "$or": [{"a": 1}]}}
    assert command_shape("find", find) == "find records {a, subject}"
    update = {"update": "resources", "updates": [{"q": {"_id": "张三"}, "u": {"$set": {}}}]}
    assert command_shape("update", update) == "update resources {_id}"
    fam = {"findAndModify": "resources", "query": {"_id": "x", "revision": 3}}
    assert command_shape("findAndModify", fam) == "findAndModify resources {_id, revision}"
    pipeline = {"aggregate": "duties", "pipeline": [{"$match": {"_deleted": {"$ne": True}}}]}
    assert command_shape("aggregate", pipeline) == "aggregate duties {_deleted}"
    assert "张三" not in command_shape("update", update)
    assert command_shape("insert", {"insert": "inbox", "documents": []}) == "insert inbox {}"
