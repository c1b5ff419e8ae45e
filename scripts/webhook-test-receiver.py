#!/usr/bin/env python3
"""A webhook and chat-bot receiver for tests and benchmarks (Webhook 测试接收端).

Records every request as one JSON line and checks signatures with implementations independent of
dixian's Swift code: Standard Webhooks with PyPI's `standardwebhooks`, DingTalk and Feishu bot
signatures as their published documentation computes them.

    scripts/webhook-test-receiver.py --port 0 --record /tmp/requests.jsonl \
        --webhook-secret whsec_... --dingtalk-secret SEC... --feishu-secret ... [--tls-cert-dir DIR]

Prints one line when ready, e.g. `READY port=40123 scheme=https ca=DIR/ca.pem`, then serves until
killed. With --tls-cert-dir it serves HTTPS with a throw-away CA made by the `openssl` CLI (kept in
DIR, reused when present); point the client at DIR/ca.pem.

Answers by path (anything else answers 200 {"ok":true}):
  /status/<code>[?retry_after=N]     that status, with `Retry-After: N` when asked
  /status/500-once/<name>            500 the first time for <name>, then 200
  /slow/<ms>                         200 after that many milliseconds
  /close                             200 with `Connection: close`, and closes the connection
  /big/<n>                           200 with a body of n bytes
  /garbage                           bytes that are not HTTP, then closes the connection
  /wecom[/errcode/<n>]               WeCom answer {"errcode":n,"errmsg":...} (default 0)
  /dingtalk[/errcode/<n>]            DingTalk answer, likewise; a wrong signature answers 310000
  /feishu[/code/<n>]                 Feishu answer {"code":n,"msg":...}; a wrong signature answers 19021
A generic request that carries `webhook-signature` while --webhook-secret is set, and matches none of
the secrets, answers 401, as a verifying receiver would.

Each record: {"method","path","query","headers" (names lower-cased),"body","status","verified","detail",
"peer_port"} (the client's port: the same port means the same kept-alive connection).
`verified` lists one verdict per configured secret that applies (several for a Standard Webhooks
rotation), empty when nothing was checked.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def dingtalk_sign(secret, timestamp):
    """DingTalk: base64(HMAC-SHA256(key=secret, msg="timestamp\\nsecret")), then URL-encoded."""
    mac = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(mac))


def feishu_sign(secret, timestamp):
    """Feishu: base64(HMAC-SHA256(key="timestamp\\nsecret", msg=empty))."""
    mac = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(mac).decode()


def make_certificates(directory):
    """A CA and a server certificate for localhost and 127.0.0.1, made with the openssl CLI."""
    os.makedirs(directory, exist_ok=True)
    paths = {name: os.path.join(directory, name) for name in ("ca.pem", "ca.key", "server.pem", "server.key")}
    if all(os.path.exists(p) for p in paths.values()):
        return paths

    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *ec, "-keyout", paths["ca.key"], "-out", paths["ca.pem"], "-days", "7",
        "-subj", "/CN=dixian throw-away test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    csr = os.path.join(directory, "server.csr")
    run("req", *ec, "-keyout", paths["server.key"], "-out", csr, "-subj", "/CN=localhost")
    extensions = os.path.join(directory, "server.ext")
    with open(extensions, "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", csr, "-CA", paths["ca.pem"], "-CAkey", paths["ca.key"], "-CAcreateserial",
        "-out", paths["server.pem"], "-days", "7", "-extfile", extensions)
    return paths


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "dixian-webhook-test-receiver"

    def log_message(self, format, *args):
        pass  # the record file is the log

    def do_GET(self):
        self.handle_request()

    def do_POST(self):
        self.handle_request()

    def do_PUT(self):
        self.handle_request()

    def handle_request(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        status, answer, extra_headers, verified, detail = self.answer(url.path, url.query, query, body)
        record = {
            "method": self.command,
            "path": url.path,
            "query": url.query,
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "body": body.decode("utf-8", errors="replace"),
            "status": status,
            "verified": verified,
            "detail": detail,
            "peer_port": self.client_address[1],
        }
        self.server.record(record)  # before answering, so a client that got its answer finds the record
        if url.path == "/garbage":
            self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n\x00\xff")
            self.close_connection = True
            return
        data = json.dumps(answer, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json; charset=utf-8")
        self.send_header("content-length", str(len(data)))
        for name, value in extra_headers:
            self.send_header(name, value)
            if name == "connection" and value == "close":
                self.close_connection = True
        self.end_headers()
        self.wfile.write(data)

    def answer(self, path, raw_query, query, body):
        """(status, JSON answer, extra headers, verdicts, detail) for one request."""
        options = self.server.options
        match = re.fullmatch(r"/status/500-once/(.+)", path)
        if match:
            first = self.server.first_time(match.group(1))
            return (500, {"error": "first attempt fails"}, [], [], "") if first else (200, {"ok": True}, [], [], "")
        match = re.fullmatch(r"/slow/(\d+)", path)
        if match:
            time.sleep(int(match.group(1)) / 1000)
            return 200, {"ok": True}, [], [], ""
        match = re.fullmatch(r"/big/(\d+)", path)
        if match:
            return 200, "x" * max(0, int(match.group(1)) - 2), [], [], ""
        if path == "/close":
            return 200, {"ok": True}, [("connection", "close")], [], ""
        match = re.fullmatch(r"/status/(\d{3})", path)
        if match:
            headers = [("retry-after", query["retry_after"][0])] if "retry_after" in query else []
            return int(match.group(1)), {"status": int(match.group(1))}, headers, [], ""
        match = re.fullmatch(r"/wecom(?:/errcode/(-?\d+))?", path)
        if match:
            code = int(match.group(1) or 0)
            return 200, {"errcode": code, "errmsg": "ok" if code == 0 else "scripted error"}, [], [], ""
        match = re.fullmatch(r"/dingtalk(?:/errcode/(-?\d+))?", path)
        if match:
            verified, detail = self.verify_dingtalk(raw_query, query, options.dingtalk_secret)
            if verified == [False]:
                return 200, {"errcode": 310000, "errmsg": "sign not match"}, [], verified, detail
            code = int(match.group(1) or 0)
            return 200, {"errcode": code, "errmsg": "ok" if code == 0 else "scripted error"}, [], verified, detail
        match = re.fullmatch(r"/feishu(?:/code/(-?\d+))?", path)
        if match:
            verified, detail = self.verify_feishu(body, options.feishu_secret)
            if verified == [False]:
                return 200, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour"}, [], verified, detail
            code = int(match.group(1) or 0)
            return 200, {"code": code, "msg": "success" if code == 0 else "scripted error", "data": {}}, [], verified, detail
        verified, detail = self.verify_standard(body, options.webhook_secret)
        if verified and not any(verified):
            return 401, {"error": "signature not verified"}, [], verified, detail
        return 200, {"ok": True}, [], verified, detail

    def verify_standard(self, body, secrets):
        if not secrets or "webhook-signature" not in self.headers:
            return [], "not signed" if secrets else ""
        from standardwebhooks.webhooks import Webhook

        headers = {name.lower(): value for name, value in self.headers.items()}
        verdicts, details = [], []
        for secret in secrets:
            try:
                Webhook(secret).verify(body, headers)
                verdicts.append(True)
                details.append("ok")
            except Exception as error:  # the library's WebhookVerificationError, or a malformed header
                verdicts.append(False)
                details.append(f"{type(error).__name__}: {error}")
        return verdicts, "; ".join(details)

    def verify_dingtalk(self, raw_query, query, secret):
        if not secret:
            return [], ""
        timestamp = query.get("timestamp", [""])[0]
        raw_sign = dict(p.split("=", 1) for p in raw_query.split("&") if "=" in p).get("sign", "")
        if not timestamp or not raw_sign:
            return [False], "missing timestamp or sign"
        if abs(time.time() * 1000 - int(timestamp)) > 3600 * 1000:
            return [False], "timestamp more than an hour off"
        expected = dingtalk_sign(secret, timestamp)
        # DingTalk compares the URL-decoded value; the raw one must decode to it.
        ok = hmac.compare_digest(urllib.parse.unquote_plus(raw_sign), urllib.parse.unquote_plus(expected))
        return [ok], "ok" if ok else "sign not match"

    def verify_feishu(self, body, secret):
        if not secret:
            return [], ""
        try:
            message = json.loads(body)
            timestamp, sign = message["timestamp"], message["sign"]
        except (ValueError, KeyError, TypeError):
            return [False], "missing timestamp or sign"
        if abs(time.time() - int(timestamp)) > 3600:
            return [False], "timestamp more than an hour off"
        ok = hmac.compare_digest(sign, feishu_sign(secret, timestamp))
        return [ok], "ok" if ok else "sign not match"


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, options):
        super().__init__(address, Receiver)
        self.options = options
        self.lock = threading.Lock()
        self.seen = set()
        self.output = open(options.record, "a", encoding="utf-8") if options.record else sys.stdout

    def record(self, entry):
        with self.lock:
            self.output.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.output.flush()

    def first_time(self, name):
        with self.lock:
            if name in self.seen:
                return False
            self.seen.add(name)
            return True


def main():
    # A parent that spawned us from a thread with signals blocked (NIO, dispatch) passes the mask on:
    # unblock, so that SIGTERM from the test ends the server.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (printed in the ready line)")
    parser.add_argument("--record", help="append one JSON line per request here (default: stdout)")
    parser.add_argument("--tls-cert-dir", help="serve HTTPS with a throw-away CA kept in this folder")
    parser.add_argument("--webhook-secret", action="append", default=[], help="whsec_… (repeat for a rotation)")
    parser.add_argument("--dingtalk-secret")
    parser.add_argument("--feishu-secret")
    options = parser.parse_args()

    if options.webhook_secret:
        import standardwebhooks.webhooks  # fail at start, not at the first request

    server = Server((options.host, options.port), options)
    scheme, ca = "http", ""
    if options.tls_cert_dir:
        paths = make_certificates(options.tls_cert_dir)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(paths["server.pem"], paths["server.key"])
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme, ca = "https", f" ca={paths['ca.pem']}"
    print(f"READY port={server.server_address[1]} scheme={scheme}{ca}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
