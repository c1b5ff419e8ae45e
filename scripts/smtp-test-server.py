#!/usr/bin/env python3
"""A real SMTP server for dixian's SMTP tests and benchmarks (aiosmtpd from PyPI).

    python3 scripts/smtp-test-server.py --port 0 --tls starttls --cert-dir /tmp/certs \\
        --maildir /tmp/mail --user dixian --password secret --auth-mechanisms PLAIN,LOGIN

Prints one line `READY port=<port> ca=<ca.pem>` on stdout once it listens, then serves until stdin
closes (the test's pipe), SIGTERM or Ctrl-C.

- TLS: `starttls` (default; STARTTLS is required before MAIL and AUTH), `implicit` (TLS from the first
  byte) or `none` (no STARTTLS offered: a client that requires it must not send anything).
- Certificates: `--cert-dir` holds `ca.pem`, `server.pem`, `server.key`; missing ones are created with
  `trustme` (a throw-away CA and a certificate for 127.0.0.1, ::1 and localhost), falling back to the
  openssl CLI.
- Mail: every accepted message is written to `--maildir` as `<n>.eml`, with `<n>.json` beside it
  (session number, envelope, whether TLS was on). `connections.log` gets a line per connection and
  `commands.log` a line per command (`<session> <tls 0/1> <VERB>`, never arguments: AUTH carries secrets).
- Scripted recipients: `tempfail-once@…` answers 451 the first time per Message-ID and 250 after;
  `reject@…` answers 550 to RCPT.
"""
import argparse
import asyncio
import email
import fcntl
import email.policy
import json
import os
import signal
import ssl
import subprocess
import sys
import threading

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

# asyncio gives a TLS handshake 60 seconds. The test suite runs hundreds of tests on a 2-core machine, and the
# client under test may get its turn late: a test server that hung up then would fail the client for the
# machine's load. Ten minutes is still finite.
asyncio.constants.SSL_HANDSHAKE_TIMEOUT = 600.0


def parse_args():
    parser = argparse.ArgumentParser(description="SMTP test server for dixian (aiosmtpd)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (printed in the READY line)")
    parser.add_argument("--tls", choices=["starttls", "implicit", "none"], default="starttls")
    parser.add_argument("--cert-dir", help="ca.pem, server.pem, server.key (created when missing)")
    parser.add_argument("--maildir", required=True, help="where accepted messages are written")
    parser.add_argument("--user", help="require AUTH with this user name")
    parser.add_argument("--password", help="the password for --user")
    parser.add_argument("--auth-mechanisms", default="PLAIN,LOGIN", help="offered mechanisms, e.g. LOGIN")
    parser.add_argument("--login-challenges", default="User Name\x00,Password\x00",
                        help="the two AUTH LOGIN challenge texts, comma-separated")
    return parser.parse_args()


def ensure_certificates(cert_dir):
    """Returns (ca.pem, server.pem, server.key), creating them when missing."""
    os.makedirs(cert_dir, exist_ok=True)
    ca, cert, key = (os.path.join(cert_dir, name) for name in ("ca.pem", "server.pem", "server.key"))
    # Tests start several servers at once sharing one folder: the first makes the files, the others wait.
    with open(os.path.join(cert_dir, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not all(os.path.exists(path) for path in (ca, cert, key)):
            make_certificates(cert_dir, ca, cert, key)
    return ca, cert, key


def make_certificates(cert_dir, ca, cert, key):
    try:
        import trustme
        authority = trustme.CA()
        issued = authority.issue_cert("127.0.0.1", "::1", "localhost")
        authority.cert_pem.write_to_path(ca)
        issued.private_key_pem.write_to_path(key)
        issued.cert_chain_pems[0].write_to_path(cert)
    except ImportError:
        ca_key = os.path.join(cert_dir, "ca.key")
        run = lambda *args: subprocess.run(["openssl", *args], check=True, capture_output=True)
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=dixian test CA",
            "-keyout", ca_key, "-out", ca)
        csr = os.path.join(cert_dir, "server.csr")
        run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", key, "-out", csr)
        ext = os.path.join(cert_dir, "server.ext")
        with open(ext, "w") as f:
            f.write("subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
        run("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-days", "2",
            "-extfile", ext, "-out", cert)


class State:
    """What all sessions share: counters, the Message-IDs already tempfailed, the output directory."""

    def __init__(self, maildir):
        self.maildir = maildir
        self.connections = 0
        self.messages = 0
        self.tempfailed = set()

    def append(self, name, line):
        with open(os.path.join(self.maildir, name), "a") as f:
            f.write(line + "\n")


class Handler:
    def __init__(self, state):
        self.state = state

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject@"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.compat32)
        message_id = message.get("Message-ID", "")
        if any(r.lower().startswith("tempfail-once@") for r in envelope.rcpt_tos):
            if message_id not in self.state.tempfailed:
                self.state.tempfailed.add(message_id)
                return "451 4.3.0 temporary failure, try again later"
        self.state.messages += 1
        number = self.state.messages
        base = os.path.join(self.state.maildir, str(number))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({
                "session": session.dixian_number,
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "tls": session.dixian_tls(),
                "login": getattr(session.auth_data, "login", b"").decode("utf-8", "replace"),
                "message_id": message_id,
            }, f)
        return f"250 2.0.0 Ok: queued as {number}"


def make_protocol_class(state, implicit_tls, challenges):
    class RecordingSMTP(SMTP):
        AuthLoginUsernameChallenge, AuthLoginPasswordChallenge = challenges

        def connection_made(self, transport):
            fresh = self._original_transport is None
            super().connection_made(transport)
            if fresh:
                state.connections += 1
                self.dixian_number = state.connections
                state.append("connections.log", f"{self.dixian_number} {'implicit-tls' if implicit_tls else 'plain'}")
            # STARTTLS makes a new session object; both carry the connection's number.
            self.session.dixian_number = self.dixian_number
            self.session.dixian_tls = lambda: implicit_tls or self._tls_protocol is not None

        def _record(self, verb):
            tls = 1 if (implicit_tls or self._tls_protocol is not None) else 0
            state.append("commands.log", f"{self.dixian_number} {tls} {verb}")

    # Every command is written to commands.log before aiosmtpd handles it (verb only, never arguments).
    for verb in RECORDED_VERBS:
        setattr(RecordingSMTP, "smtp_" + verb, recording(verb, getattr(SMTP, "smtp_" + verb)))
    return RecordingSMTP


RECORDED_VERBS = ("EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "QUIT")


def recording(verb, method):
    async def override(self, arg):
        self._record(verb)
        await method(self, arg)
    return override


def main():
    # A parent that spawned us from a thread with signals blocked (NIO, dispatch) passes the mask on:
    # unblock, so that SIGTERM from the test ends the server.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    args = parse_args()
    os.makedirs(args.maildir, exist_ok=True)
    state = State(args.maildir)
    ca = None
    server_context = None
    if args.tls != "none":
        if not args.cert_dir:
            sys.exit("--cert-dir is needed for --tls starttls or implicit")
        ca, cert, key = ensure_certificates(args.cert_dir)
        server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_context.load_cert_chain(cert, key)

    offered = {m.strip().upper() for m in args.auth_mechanisms.split(",") if m.strip()}
    excluded = {"PLAIN", "LOGIN"} - offered

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == (args.user or "").encode()
              and auth_data.password == (args.password or "").encode())
        # handled=False: aiosmtpd answers 535 itself (its default, True, means "already answered").
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    challenges = tuple(args.login_challenges.split(",", 1))
    protocol_class = make_protocol_class(state, args.tls == "implicit", challenges)
    handler = Handler(state)

    def factory():
        kwargs = dict(
            hostname="dixian-test-smtp",
            auth_exclude_mechanism=excluded,
            decode_data=False,
        )
        if args.user:
            kwargs.update(authenticator=authenticator, auth_required=True)
        if args.tls == "starttls":
            kwargs.update(tls_context=server_context, require_starttls=True, auth_require_tls=True)
        else:
            # Implicit TLS is already encrypted (aiosmtpd only knows STARTTLS); `none` is for hand tests.
            kwargs.update(auth_require_tls=False)
        return protocol_class(handler, **kwargs)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    ssl_arg = server_context if args.tls == "implicit" else None
    server = loop.run_until_complete(loop.create_server(factory, args.host, args.port, ssl=ssl_arg))
    port = server.sockets[0].getsockname()[1]
    print(f"READY port={port} ca={ca or ''}", flush=True)

    stop = loop.create_future()

    def finish():
        if not stop.done():
            stop.set_result(None)

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, finish)

    # The test holds our stdin open; when it exits (even killed), stdin closes and we stop with it.
    def watch_stdin():
        if sys.stdin.isatty():
            return
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except Exception:
            pass
        loop.call_soon_threadsafe(finish)

    threading.Thread(target=watch_stdin, daemon=True).start()
    loop.run_until_complete(stop)
    server.close()


if __name__ == "__main__":
    main()
