"""Bad batch options are one-line errors within seconds (issue 23, item 8): a refused port took
31 s, tls://, inproc:// and ucx:// printed tracebacks and hung, a web server at the address
gave "Unable to allocate 3.07 EiB", and --timeout inf or 1e-9 printed tracebacks."""

from __future__ import annotations

import importlib
import socket
import threading
import time

import pytest

from helpers.cli import main


@pytest.fixture
def article(write_article):
    return write_article("Harbour\n\nThe harbour reopened on Monday.\n", "harbour.txt")


def extract(article, tmp_path, *options: str) -> int:
    return main(["extract", str(article), "--out", str(tmp_path / "out"), *options])


def test_scheduler_at_a_refused_port_fails_in_seconds(article, tmp_path, capsys):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]  # nothing listens here once it is closed
    started = time.perf_counter()
    assert extract(article, tmp_path, "--scheduler", f"tcp://127.0.0.1:{port}") == 1
    assert time.perf_counter() - started < 10
    err = capsys.readouterr().err
    assert err.startswith(f"error: no Dask scheduler answered at tcp://127.0.0.1:{port} "
                          f"(Connection refused)") and err.count("\n") == 1


@pytest.mark.parametrize("address", ["tls://127.0.0.1:8786", "inproc://10.0.0.1/1/1",
                                     "ucx://127.0.0.1:8786", "tcp://host-without-port"])
def test_scheduler_schemes_other_than_tcp_are_one_line_errors(article, tmp_path, capsys,
                                                              address):
    with pytest.raises(SystemExit):
        extract(article, tmp_path, "--scheduler", address)
    err = capsys.readouterr().err
    assert "only tcp:// is supported" in err and "Traceback" not in err


def test_scheduler_that_is_another_service_is_a_one_line_error(article, tmp_path, capsys):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def answer() -> None:
        while True:
            try:
                peer, _ = server.accept()
            except OSError:
                return
            with peer:
                peer.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" * 20)

    threading.Thread(target=answer, daemon=True).start()
    importlib.import_module("helpers.batch.render")  # slow to import on a busy machine: untimed
    try:
        started = time.perf_counter()
        assert extract(article, tmp_path, "--scheduler", f"tcp://127.0.0.1:{port}") == 1
        assert time.perf_counter() - started < 20
    finally:
        server.close()
    err = capsys.readouterr().err
    assert err.startswith(f"error: what answers at tcp://127.0.0.1:{port} is not a Dask "
                          f"scheduler") and err.count("\n") == 1


@pytest.mark.parametrize("value", ["inf", "1e-9", "nan", "0.5", "1e9"])
def test_timeout_inf_and_tiny_are_one_line_errors(article, tmp_path, capsys, value):
    with pytest.raises(SystemExit):
        extract(article, tmp_path, "--timeout", value)
    err = capsys.readouterr().err
    assert "--timeout: must be a number of seconds from 1 to 604800" in err
    assert "Traceback" not in err
