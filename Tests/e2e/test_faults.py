"""Faults a real server meets: connections that never finish, bodies that trickle, a disk that fills up."""
import resource
import socket
import time

import requests

from conftest import Server


def open_socket(server):
    host, port = server.base.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=10)
    return connection


def test_unfinished_requests_cannot_hold_the_server():
    server = Server(PRONGSAI_IDLE_TIMEOUT="1").demo().start()
    try:
        stalled = []
        for _ in range(100):
            connection = open_socket(server)
            connection.sendall(b"GET /demo/eit HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            stalled.append(connection)
        started = time.monotonic()
        assert requests.get(server.base + "/demo/eit", timeout=5).status_code == 200
        assert time.monotonic() - started < 1
        time.sleep(2.5)
        closed = 0
        for connection in stalled:
            try:
                closed += connection.recv(1024) == b""
            except (ConnectionResetError, socket.timeout):
                closed += 1
            connection.close()
        assert closed == len(stalled)
    finally:
        server.stop()


def test_a_malformed_chunked_body_gets_400_and_no_log_line():
    server = Server()
    server.demo()
    log = open(server.folder + "/serve.log", "w")
    server.start(output=log)
    try:
        connection = open_socket(server)
        connection.sendall(
            b"POST /demo/eit HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Transfer-Encoding: chunked\r\n\r\nzz\r\ngender=male\r\n0\r\n\r\n"
        )
        connection.settimeout(5)
        answer = connection.recv(4096)
        connection.close()
        assert answer.startswith(b"HTTP/1.1 400"), answer[:80]
    finally:
        server.stop()
        log.close()
    written = open(server.folder + "/serve.log").read()
    assert "request failed" not in written and "/demo/" not in written


def test_a_trickling_body_is_cut_off():
    server = Server(PRONGSAI_IDLE_TIMEOUT="1").demo().start()
    try:
        connection = open_socket(server)
        connection.sendall(
            b"POST /demo/eit HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 1000\r\n\r\ngender=mal"
        )
        started = time.monotonic()
        answer = b""
        while time.monotonic() - started < 6:
            try:
                connection.sendall(b"e")
            except (BrokenPipeError, ConnectionResetError):
                break
            connection.settimeout(0.3)
            try:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                answer += chunk
            except socket.timeout:
                pass
        connection.close()
        assert time.monotonic() - started < 4
        assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:80]
        assert requests.get(server.base + "/healthz", timeout=5).text == "ok"
    finally:
        server.stop()


def test_a_full_disk_asks_to_try_again_and_the_server_recovers():
    server = Server().demo().start()
    try:
        session = requests.Session()
        token, answers = server.form(session)
        assert session.post(f"{server.base}/demo/eit", data={**answers, "token": token}, allow_redirects=False).status_code == 303
        token, answers = server.form(session)
        answers["e3"] = "2"
        # The server may write no further into any file: as a full disk looks to SQLite.
        resource.prlimit(server.process.pid, resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
        refused = session.post(f"{server.base}/demo/eit", data={**answers, "token": token}, allow_redirects=False)
        assert refused.status_code == 503
        assert "ระบบยังบันทึกคำตอบไม่ได้ในขณะนี้" in refused.text
        assert 'name="e3" value="2" checked' in refused.text
        assert server.process.poll() is None
        assert requests.get(server.base + "/healthz", timeout=5).text == "ok"
        resource.prlimit(server.process.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        again = session.post(f"{server.base}/demo/eit", data={**answers, "token": token}, allow_redirects=False)
        assert again.status_code == 303
        assert "intact" in server.cli("verify", "demo")
        assert '"responses":2' in server.cli("report", "demo", "--json").replace(" ", "").split('"eit"')[1][:40]
    finally:
        server.stop()
