"""Optional TLS: a server with a certificate refuses plaintext; a client trusting the CA gets through."""

from __future__ import annotations

import dataclasses
import datetime
import ipaddress
import pathlib

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from grpc_health.v1 import health_pb2, health_pb2_grpc

from codegen_service.bootstrap import CodegenSettings, start_codegen_service
from services.channels import open_channel
from services.client import ExecutorClient, check_health
from services.gen.rote.v1 import run_pb2
from services.server import ServiceServer, start_server
from services.settings import DEFAULT_MAX_MESSAGE_BYTES, SecuritySettings, TlsSettings
from services.workflows import workflow_from_mapping
from tests.security.conftest import environment
from tests.support.services import local_storage, running_stack


def _self_signed(folder: pathlib.Path, name: str) -> tuple[pathlib.Path, pathlib.Path]:
    """A self-signed certificate for localhost and 127.0.0.1, and its key (PEM files)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / f"{name}.crt", folder / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[pathlib.Path, pathlib.Path]:
    return _self_signed(tmp_path_factory.mktemp("tls"), "rote-test")


@pytest.fixture
async def tls_server(certificate) -> ServiceServer:
    cert_file, key_file = certificate
    tls = TlsSettings(cert_file=str(cert_file), key_file=str(key_file), ca_file="", server_name="")
    security = SecuritySettings.from_env()
    server = await start_server(
        service_names=["rote.v1.TlsProbe"],
        register=lambda s: None,
        security=SecuritySettings(
            api_keys="", service_api_key="", tls=tls, max_message_bytes=security.max_message_bytes, allowed_hosts=()
        ),
    )
    await server.set_serving()
    yield server
    await server.stop(0)


async def _health(channel: grpc.aio.Channel) -> int:
    reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
    return reply.status


async def test_a_tls_server_refuses_a_plaintext_client(tls_server: ServiceServer) -> None:
    async with grpc.aio.insecure_channel(tls_server.address) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await _health(channel)
    assert info.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_a_client_trusting_the_ca_gets_through(tls_server: ServiceServer, certificate) -> None:
    cert_file, _ = certificate
    tls = TlsSettings(cert_file="", key_file="", ca_file=str(cert_file), server_name="")
    async with open_channel(tls_server.address, tls=tls, max_message_bytes=DEFAULT_MAX_MESSAGE_BYTES) as channel:
        assert await _health(channel) == health_pb2.HealthCheckResponse.SERVING


async def test_a_client_trusting_another_ca_is_refused(tls_server: ServiceServer, tmp_path: pathlib.Path) -> None:
    other_ca, _ = _self_signed(tmp_path, "someone-else")
    tls = TlsSettings(cert_file="", key_file="", ca_file=str(other_ca), server_name="")
    async with open_channel(tls_server.address, tls=tls, max_message_bytes=DEFAULT_MAX_MESSAGE_BYTES) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await _health(channel)
    assert info.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_the_typed_client_reads_the_ca_from_the_environment(tls_server: ServiceServer, certificate) -> None:
    cert_file, _ = certificate
    assert await check_health(tls_server.address) == "UNREACHABLE"
    with environment(ROTE_TLS_CA_FILE=str(cert_file)):
        assert await check_health(tls_server.address) == "SERVING"


def test_a_certificate_without_its_key_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="ROTE_TLS_KEY_FILE"):
        _ = TlsSettings(cert_file="c.pem", key_file="", ca_file="", server_name="").serves_tls


async def test_a_real_service_serves_tls_from_its_settings(certificate, tmp_path: pathlib.Path) -> None:
    """The codegen service, started with ROTE_TLS_CERT_FILE/KEY_FILE, serves TLS only."""
    cert_file, key_file = certificate
    with environment(ROTE_TLS_CERT_FILE=str(cert_file), ROTE_TLS_KEY_FILE=str(key_file)):
        settings = dataclasses.replace(CodegenSettings.from_env(), storage=local_storage(tmp_path))
        server = await start_codegen_service(settings)
    try:
        assert await check_health(server.address) == "UNREACHABLE"
        tls = TlsSettings(cert_file="", key_file="", ca_file=str(cert_file), server_name="localhost")
        async with open_channel(server.address, tls=tls, max_message_bytes=DEFAULT_MAX_MESSAGE_BYTES) as channel:
            assert await _health(channel) == health_pb2.HealthCheckResponse.SERVING
    finally:
        await server.stop(0)


async def test_the_whole_stack_runs_over_tls(certificate, tmp_path: pathlib.Path) -> None:
    """Every server serves TLS and every service-to-service channel trusts the CA: a run goes through."""
    cert_file, key_file = certificate
    tls_env = {
        "ROTE_TLS_CERT_FILE": str(cert_file),
        "ROTE_TLS_KEY_FILE": str(key_file),
        "ROTE_TLS_CA_FILE": str(cert_file),
    }
    workflow = workflow_from_mapping({"workflow_id": "tls_wait", "blocks": [{"label": "pause", "type": "wait"}]})
    with environment(**tls_env):
        async with running_stack(tmp_path) as stack:
            async with ExecutorClient(stack.executor.address) as client:
                result = await client.run(workflow, run_with="agent")
            assert result.summary.status == run_pb2.RUN_STATUS_COMPLETED, result.summary.error
            async with grpc.aio.insecure_channel(stack.cache.address) as channel:
                with pytest.raises(grpc.aio.AioRpcError) as info:
                    await _health(channel)
            assert info.value.code() == grpc.StatusCode.UNAVAILABLE
