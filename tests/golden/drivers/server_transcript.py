#!/usr/bin/env python3
"""server_transcript.py: a whole mediated negotiation played against `parley serve` through every endpoint of its
HTTP API, printed as a transcript for the golden tests (tests/golden/server.cases, server_pg.cases).

It starts `parley serve` on a free loopback port (--listen 127.0.0.1:0, --port-file) with a fresh SQLite database
in a temporary folder of its own (or, with --pg URL, a fresh schema of that PostgreSQL cluster), plays the part
asked for, prints every request (method, path, who sends it, the body) and every reply (status, the headers that
matter, the body), then stops the server (SIGTERM) and prints its exit status and what it wrote on stderr.

Normalised so that two runs print the same bytes, and nothing else: each token (64 hex digits) becomes <tokenN>
in order of first appearance (the same token, the same placeholder: a reply that hands back the wrong token shows);
the admin token <admin-token>; each time the server writes (ISO 8601 with milliseconds) <time>; the port <port>;
the temporary folder <dir>.  Ids and event numbers are kept: the script waits for each asynchronous step (a seated
agent's answer, a draft, an event on a live stream) before the next request, so they come in one order.  JSON
bodies keep the server's key order and the text of each number; they are indented for the diff.  Never a sleep for
timing: waits poll a condition (a bound only stops a hang).

usage: server_transcript.py PARLEY PART [--pg URL]
PART: talks (the negotiation to agreement, improvements, close), advice (analyses, diagnosis, proposals,
amendment checks, a party's advice), errors (every 4xx of a bad request), http (framing oddities over a raw
socket), budgets (each budget and limit hit on purpose, on a server with small ones), seats (seated agents and
the drafting helper), stream (live events read to a count, per role).
"""
import ctypes
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

WEB = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "web"))
WAIT_BOUND = 300  # seconds: only bounds a hang (a loaded sanitizer tree is slow), never a timing assertion
DEADLINE = time.monotonic() + WAIT_BOUND  # the waits of one run together: a broken server fails the run in 300 s

SCENARIO = {
    "format": "parley-scenario",
    "title": "Textbook",
    "issues": [
        {"name": "price", "type": "integer", "min": 0, "max": 2},
        {"name": "color", "type": "categorical", "values": ["red", "blue"]},
    ],
    "parties": [
        {"name": "Buyer", "reservation": 0.2, "description": "for the Buyer only",
         "preferences": {"price": {"weight": 0.6, "function": {"type": "linear", "at_min": 1, "at_max": 0}},
                         "color": {"weight": 0.4, "values": {"red": 1, "blue": 0}}}},
        {"name": "Seller", "reservation": 0.2, "description": "for the Seller only",
         "preferences": {"price": {"weight": 0.7, "function": {"type": "linear", "at_min": 0, "at_max": 1}},
                         "color": {"weight": 0.3, "values": {"red": 0, "blue": 1}}},
         "red_lines": [{"name": "min_price", "rule": "price >= 1"}]},
        {"name": "Broker", "role": "mediator"},
    ],
}

BUYER_PROFILE = {"preferences": {"price": {"weight": 0.5, "function": {"type": "linear", "at_min": 1, "at_max": 0}},
                                 "color": {"weight": 0.5, "values": {"red": 1, "blue": 0.25}}},
                 "reservation": 0.3}
SELLER_PROFILE = {"preferences": {"price": {"weight": 0.8, "function": {"type": "linear", "at_min": 0, "at_max": 1}},
                                  "color": {"weight": 0.2, "values": {"red": 0.5, "blue": 1}}},
                  "reservation": 0.25, "red_lines": [{"name": "floor", "rule": "price >= 1", "why": "costs"}]}


class Num(str):
    """A JSON number kept as the server wrote it."""


class Norm:
    """Stable placeholders for what differs between runs."""
    TOKEN = re.compile(r"\b[0-9a-f]{64}\b")
    # the wait for a token of a bucket refilled at 0.001 per second (budgets): 1000 s less what came back meanwhile
    SLOW_WAIT = re.compile(r"(try again in |^)(9\d\d|1000)(?= s|$)")
    TIME = re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")

    def __init__(self):
        self.names = {}
        self.ports = {}
        self.dirs = []

    def name(self, token, label=None):
        if token not in self.names:
            self.names[token] = label or f"<token{sum(1 for v in self.names.values() if v.startswith('<token')) + 1}>"
        return self.names[token]

    def text(self, s):
        for d in self.dirs:
            s = s.replace(d, "<dir>")
        s = s.replace(WEB, "<web>")
        s = self.TOKEN.sub(lambda m: self.name(m.group(0)), s)
        s = self.TIME.sub("<time>", s)
        s = self.SLOW_WAIT.sub(lambda m: m.group(1) + "<900..1000>", s)
        for port, name in self.ports.items():
            s = re.sub(rf"(?<=:){port}\b", name, s)
        return s


N = Norm()


def flat(v):
    """v on one line."""
    if isinstance(v, dict):
        return "{" + ", ".join(json.dumps(N.text(k)) + ": " + flat(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(flat(x) for x in v) + "]"
    if isinstance(v, Num):
        return str(v)
    if isinstance(v, str):
        return json.dumps(N.text(v), ensure_ascii=False)
    return json.dumps(v)


def dump(v, indent=0):
    """JSON text of v (parsed with numbers as Num), strings normalised: on one line when it fits in 110
    characters, else indented one space per level."""
    pad = " " * (indent + 1)
    one = flat(v)
    if len(one) + indent <= 110:
        return one
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{\n" + ",\n".join(pad + json.dumps(N.text(k)) + ": " + dump(x, indent + 1) for k, x in v.items()) \
            + "\n" + " " * indent + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[\n" + ",\n".join(pad + dump(x, indent + 1) for x in v) + "\n" + " " * indent + "]"
    return one


def parse(text):
    def pairs(kv):
        keys = [k for k, _ in kv]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate key in {keys}")
        return dict(kv)
    return json.loads(text, object_pairs_hook=pairs, parse_float=Num)


def say(line=""):
    print(line, flush=True)


HEADERS = ["Content-Type", "Cache-Control", "Allow", "Retry-After", "Connection", "X-Accel-Buffering",
           "X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy"]
HARDENING = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
             "Content-Security-Policy": "frame-ancestors 'none'", "Referrer-Policy": "no-referrer"}


def show_reply(status, headers, body):
    """Prints a reply: the status, the headers that matter (the four hardening ones as one word when they are as
    expected), the body as indented JSON (or as text when it is not JSON)."""
    got = {k.lower(): v for k, v in headers}
    hard = all(got.get(k.lower()) == v for k, v in HARDENING.items())
    shown = [f"{k}: {N.text(got[k.lower()])}" for k in HEADERS if k.lower() in got and not (hard and k in HARDENING)]
    say(f"<<< {status}" + (" hardened" if hard else "") + ("; " + "; ".join(shown) if shown else ""))
    if body:
        try:
            say(dump(parse(body.decode("utf-8"))))
        except (UnicodeDecodeError, ValueError) as e:
            say(f"(not JSON: {e.__class__.__name__})")
            say(N.text(body.decode("utf-8", "replace")))


class Client:
    def __init__(self, port):
        self.port = port
        self.who = {}  # label -> token

    def call(self, method, path, who=None, body=None, raw=None, headers=None, quiet=False, label=None):
        """Sends one request; prints it and its reply unless quiet; returns (status, parsed JSON or None, headers)."""
        hdrs = {"Content-Type": "application/json"} if (body is not None or raw is not None or
                                                        method in ("POST", "PUT", "DELETE")) else {}
        if who is not None:
            hdrs["Authorization"] = "Bearer " + self.who.get(who, who)
        hdrs.update(headers or {})
        hdrs = {k: v for k, v in hdrs.items() if v is not None}
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        if not quiet:
            extra = "".join(f" [{k}: {N.text(v)}]" for k, v in (headers or {}).items())
            say(f">>> {method} {path}" + (f" as {who if who in self.who else N.text(who)}" if who else "") + extra)
            if label:
                say(f"    body: {label}")
            elif data is not None:
                say("    body: " + N.text(data.decode("utf-8", "replace")))
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT_BOUND)
        conn.request(method, "/api/" + path, body=data, headers=hdrs)
        r = conn.getresponse()
        text = r.read()
        hl = r.getheaders()
        conn.close()
        if not quiet:
            show_reply(r.status, hl, text)
        try:
            return r.status, parse(text.decode()) if text else None, hl
        except ValueError:
            return r.status, None, hl

    def ok(self, want, *args, **kw):
        st, js, _ = self.call(*args, **kw)
        if st != want:
            say(f"!!! expected {want}, got {st}")
        return js

    def wait_for(self, n, who, what, pred):
        """Polls the timeline of negotiation n (as who, printed nothing) until pred(events) holds."""
        while True:
            _, js, _ = self.call("GET", f"negotiations/{n}/timeline", who, quiet=True)
            evs = js["events"] if js and "events" in js else []
            if pred(evs):
                say(f"... waited for {what}")
                return evs
            if time.monotonic() > DEADLINE:
                say(f"!!! gave up waiting for {what}")
                return evs
            time.sleep(0.05)


class Server:
    def __init__(self, parley, pg, options=(), db=None, second=""):
        """Starts `parley serve`: on a fresh SQLite file, a fresh schema of the cluster pg, or the database db of
        another server (second: the suffix of this one's placeholders)."""
        self.parley, self.pg, self.options = parley, pg, options
        self.dir = tempfile.mkdtemp(prefix="parley-transcript-")
        N.dirs.append(os.path.realpath(self.dir))
        N.dirs.append(self.dir)
        self.token_file = os.path.join(self.dir, "admin-token")
        if db is None and not pg:
            db = os.path.join(self.dir, "talks.db")
        elif db is None:
            schema = f"transcript_{os.getpid()}"
            subprocess.run(["psql", "-q", pg, "-c", f"CREATE SCHEMA {schema}"], check=True, stdout=subprocess.DEVNULL)
            db = f"{pg}&options=-csearch_path%3D{schema}"
        self.db = db
        port_file = os.path.join(self.dir, "port")
        self.log = open(os.path.join(self.dir, "log"), "w+")
        cmd = [parley, "serve", "--db", db, "--admin-token-file", self.token_file, "--listen", "127.0.0.1:0",
               "--port-file", port_file, "--analysis-seconds", "120", "--web", WEB, *options]
        say("$ parley serve " + " ".join(N.text(a) if not a.startswith("postgresql") else "<pg>" for a in cmd[2:]))
        libc = ctypes.CDLL(None)  # the server dies with the driver (PR_SET_PDEATHSIG), even when it is killed
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=self.log,
                                     preexec_fn=lambda: libc.prctl(1, signal.SIGTERM))
        end = time.monotonic() + WAIT_BOUND
        while not (os.path.exists(port_file) and os.path.getsize(port_file) > 0):
            if self.proc.poll() is not None or time.monotonic() > end:
                self.log.seek(0)
                say(f"!!! the server did not start: {self.log.read()}")
                sys.exit(1)
            time.sleep(0.02)
        with open(port_file) as f:
            self.port = int(f.read())
        N.ports[self.port] = f"<port{second}>"
        with open(self.token_file) as f:
            self.admin = f.read().strip()
        N.name(self.admin, f"<admin-token{second}>")
        self.client = Client(self.port)
        self.client.who["admin"] = self.admin
        self.client.server = self

    def stop(self):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM (the process group's) leaves no folder behind
        self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(timeout=WAIT_BOUND)
        self.log.seek(0)
        say(f"$ server stopped: exit {rc}")
        for line in self.log.read().splitlines():
            say("  server: " + N.text(line))
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------------
# The shared opening: a negotiation, its parties, a second mediator, the profiles.

def open_talks(c, scenario=None, profiles=True, title="Textbook talks"):
    js = c.ok(201, "POST", "negotiations", "admin", {"scenario": scenario or SCENARIO, "title": title})
    n = js["negotiation"]["id"]
    c.who["Broker"] = js["participant"]["token"]
    c.who["Broker#id"] = js["participant"]["id"]
    for name, role in (("Buyer", "party"), ("Seller", "party"), ("Aide", "mediator")):
        js = c.ok(201, "POST", f"negotiations/{n}/participants", "Broker", {"name": name, "role": role})
        c.who[name] = js["token"]
        c.who[name + "#id"] = js["id"]
    if profiles:
        c.ok(200, "PUT", f"negotiations/{n}/profile", "Buyer", BUYER_PROFILE)
        c.ok(200, "PUT", f"negotiations/{n}/profile", "Seller", SELLER_PROFILE)
    return n


def pid(c, name):
    return c.who[name + "#id"]


def table(c, n, outcome, note=None):
    body = {"outcome": outcome}
    if note:
        body["note"] = note
    return c.ok(201, "POST", f"negotiations/{n}/texts", "Broker", body)


# ---------------------------------------------------------------------------------------------------------------

def part_talks(c):
    c.ok(200, "GET", "health")
    n = open_talks(c, profiles=False)
    for who in ("Broker", "Aide", "Buyer", "Seller"):
        c.call("GET", f"negotiations/{n}", who)
        c.call("GET", f"negotiations/{n}/me", who)
    for who in ("Broker", "Buyer"):
        c.call("GET", f"negotiations/{n}/participants", who)
    c.call("GET", f"negotiations/{n}/profile", "Buyer")
    c.call("PUT", f"negotiations/{n}/profile", "Buyer", BUYER_PROFILE)
    c.call("PUT", f"negotiations/{n}/profile", "Seller", SELLER_PROFILE)
    c.call("GET", f"negotiations/{n}/profile", "Seller")
    for who in ("Broker", "Buyer", "Seller"):
        c.call("GET", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/profile", who)
    c.call("GET", f"negotiations/{n}/participants", "Seller")
    c.call("POST", f"negotiations/{n}/sessions", "Broker",
           {"venue": "Geneva", "starts_at": "2031-03-01T09:30", "ends_at": "2031-03-02", "note": "first round"})
    c.call("GET", f"negotiations/{n}/sessions", "Buyer")
    table(c, n, {"price": 2, "color": "blue"}, "opening")
    c.call("GET", f"negotiations/{n}/texts/current", "Buyer")
    c.call("GET", f"negotiations/{n}/texts/current/value", "Buyer")
    c.call("GET", f"negotiations/{n}/texts/current/value", "Seller")
    c.call("POST", f"negotiations/{n}/texts/1/responses", "Buyer",
           {"answer": "amend", "reason": "too dear",
            "amendments": [{"issue": "price", "value": 0, "reason": "budget"}, {"issue": "color", "value": "red"}]})
    c.call("POST", f"negotiations/{n}/texts/1/responses", "Seller", {"answer": "accept", "reason": "fine"})
    c.call("GET", f"negotiations/{n}/advice/me?limit=20", "Buyer")
    c.call("GET", f"negotiations/{n}/advice/me?limit=3", "Seller")
    c.call("GET", f"negotiations/{n}/texts/1/responses", "Broker")
    c.call("GET", f"negotiations/{n}/texts/1/responses", "Buyer")
    c.call("GET", f"negotiations/{n}/texts/1", "Seller")
    c.call("POST", f"negotiations/{n}/messages", "Buyer", {"body": "can we talk price?"})
    c.call("POST", f"negotiations/{n}/messages", "Broker", {"body": "to all: next round at ten"})
    c.call("POST", f"negotiations/{n}/messages", "Broker", {"body": "Seller only", "to": pid(c, "Seller")})
    c.call("POST", f"negotiations/{n}/messages", "Seller", {"body": "to the aide", "to": pid(c, "Aide")})
    c.call("POST", f"negotiations/{n}/sessions/1/close", "Broker",
           {"outcome": "adjourned", "follow_up": "second round", "ends_at": "2031-03-01T12:00Z"})
    c.call("POST", f"negotiations/{n}/sessions", "Aide", {"venue": "Oslo"})
    table(c, n, {"price": 1, "color": "blue"})
    c.call("POST", f"negotiations/{n}/texts/2/responses", "Buyer", {"answer": "reject", "reason": "blue"})
    c.call("POST", f"negotiations/{n}/texts/2/responses", "Seller", {"answer": "accept"})
    c.call("POST", f"negotiations/{n}/texts/2/responses", "Buyer", {"answer": "accept", "reason": "on reflection"})
    c.call("GET", f"negotiations/{n}", "Buyer")
    c.call("GET", f"negotiations/{n}/texts", "Seller")
    c.call("GET", f"negotiations/{n}/improvements", "Broker")
    c.call("POST", f"negotiations/{n}/improvements", "Broker",
           {"outcome": {"price": 1, "color": "red"}, "note": "better for both?"})
    c.call("POST", f"negotiations/{n}/improvements", "Broker", {"outcome": {"price": 2, "color": "red"}})
    c.call("GET", f"negotiations/{n}/timeline?after=22", "Buyer")
    c.call("GET", f"negotiations/{n}/improvements/me", "Buyer")
    c.call("GET", f"negotiations/{n}/improvements/me", "Seller")
    js = c.ok(200, "POST", f"negotiations/{n}/participants/{pid(c, 'Seller')}/token", "Broker", {})
    old = c.who["Seller"]
    c.who["Seller"] = js["token"]
    c.call("GET", f"negotiations/{n}/me", old)
    c.call("GET", f"negotiations/{n}/me", "Seller")
    c.call("DELETE", f"negotiations/{n}/participants/{pid(c, 'Aide')}/token", "Broker")
    c.call("GET", f"negotiations/{n}/me", "Aide")
    c.call("GET", f"negotiations/{n}/participants", "Broker")
    js = c.ok(200, "POST", f"negotiations/{n}/participants/{pid(c, 'Aide')}/token", "Broker")
    c.who["Aide"] = js["token"]
    for who in ("Broker", "Buyer", "Seller"):
        c.call("GET", f"negotiations/{n}/timeline?after=3&limit=200", who)
    c.call("GET", f"negotiations/{n}/sessions/2", "Broker")
    c.call("POST", f"negotiations/{n}/sessions/2/close", "Broker", {"outcome": "agreement", "note": "done"})
    c.call("POST", f"negotiations/{n}/close", "Broker", {"outcome": "agreement", "note": "signed"})
    c.call("GET", f"negotiations/{n}", "Broker")
    c.call("POST", f"negotiations/{n}/messages", "Buyer", {"body": "after the close"})
    c.call("POST", f"negotiations/{n}/close", "Broker", {"outcome": "agreement"})
    c.call("GET", f"negotiations/{n}/timeline?after=30", "Broker")


def part_advice(c):
    n = open_talks(c)
    c.call("GET", f"negotiations/{n}/advice/me", "Buyer")
    c.call("GET", f"negotiations/{n}/analysis", "Broker")
    c.call("POST", f"negotiations/{n}/sessions", "Broker", {"venue": "Vienna"})
    table(c, n, {"price": 2, "color": "red"})
    c.call("GET", f"negotiations/{n}/analysis?frontier_limit=1", "Aide")
    c.call("GET", f"negotiations/{n}/analysis/diagnose", "Broker")
    for rule in ("nash", "kalai", "egalitarian", "welfare"):
        c.call("GET", f"negotiations/{n}/analysis/propose?rule={rule}", "Broker")
    c.call("GET", f"negotiations/{n}/analysis/propose", "Aide")
    c.call("POST", f"negotiations/{n}/texts/1/responses", "Buyer",
           {"answer": "amend", "amendments": [{"issue": "price", "value": 1, "reason": "meet halfway"}]})
    c.call("POST", f"negotiations/{n}/texts/1/responses", "Seller",
           {"answer": "amend", "amendments": [{"issue": "color", "value": "blue"}, {"issue": "price", "value": 0}]})
    c.call("GET", f"negotiations/{n}/analysis/amendments", "Broker")
    c.call("GET", f"negotiations/{n}/analysis/amendments?participant={pid(c, 'Seller')}", "Broker")
    c.call("GET", f"negotiations/{n}/advice/me", "Buyer")
    c.call("GET", f"negotiations/{n}/advice/me?limit=1", "Seller")
    c.call("GET", f"negotiations/{n}/texts/current/value", "Seller")
    # the Buyer's private red line makes an impasse: the diagnosis and a proposal without a zone
    c.call("PUT", f"negotiations/{n}/profile", "Buyer",
           dict(BUYER_PROFILE, red_lines=[{"name": "cheap", "rule": "price <= 0"}]))
    c.call("GET", f"negotiations/{n}/analysis", "Broker")
    c.call("GET", f"negotiations/{n}/analysis/diagnose", "Broker")
    c.call("GET", f"negotiations/{n}/analysis/propose?rule=kalai", "Broker")
    c.call("GET", f"negotiations/{n}/texts/current/value", "Buyer")
    c.call("GET", f"negotiations/{n}/advice/me?limit=20", "Buyer")
    c.call("GET", f"negotiations/{n}/profile", "Buyer")
    c.call("POST", f"negotiations/{n}/profile/convert", "Seller",
           {"document": {"name": "mine.json", "content": json.dumps(
               {"LinearAdditiveUtilitySpace": {"domain": "Textbook", "name": "mine",
                "issueUtilities": {"price": {"DiscreteValueSetUtilities": {"valueUtilities": {"0": 0, "1": 0.5, "2": 1}}},
                                   "color": {"DiscreteValueSetUtilities": {"valueUtilities": {"red": 0, "blue": 1}}}},
                "issueWeights": {"price": 0.75, "color": 0.25}, "reservationBid": None}})}})


    say("# a negotiation whose parties uploaded no profile: the scenario's estimates, and nothing for the parties")
    m = open_talks(c, profiles=False, title="No profiles")
    c.ok(201, "POST", f"negotiations/{m}/sessions", "Broker", {"venue": "Bern"})
    tid = table(c, m, {"price": 1, "color": "blue"})["id"]
    c.call("GET", f"negotiations/{m}/texts/current/value", "Buyer")
    c.call("GET", f"negotiations/{m}/advice/me", "Buyer")
    c.call("GET", f"negotiations/{m}/analysis/amendments", "Broker")
    c.call("POST", f"negotiations/{m}/texts/{tid}/responses", "Seller", {"answer": "accept"})
    c.call("POST", f"negotiations/{m}/texts/{tid}/responses", "Buyer", {"answer": "accept"})
    c.call("GET", f"negotiations/{m}/improvements?limit=1", "Broker")
    c.call("POST", f"negotiations/{m}/improvements", "Broker", {"outcome": {"price": 2, "color": "red"}, "note": "n"})
    c.call("POST", f"negotiations/{m}/improvements", "Broker", {"outcome": {"price": 1, "color": "red"}})
    c.call("GET", f"negotiations/{m}/improvements/me", "Seller")
    c.call("GET", f"negotiations/{m}/analysis", "Broker")


def part_errors(c):
    n = open_talks(c)
    c.who["First"] = c.who["Broker"]  # n's mediator; the names below are the other negotiation's
    other = open_talks(c, title="Elsewhere")
    c.ok(201, "POST", f"negotiations/{other}/sessions", "Broker", {"venue": "other"})
    say("# route, method, token, role")
    c.call("GET", "nothing/here")
    c.call("GET", f"negotiations/{n}/texts/x")
    c.call("PATCH", f"negotiations/{n}")
    c.call("DELETE", f"negotiations/{n}/texts", "Broker")
    c.call("GET", f"negotiations/{n}")
    c.call("GET", f"negotiations/{n}", None, headers={"Authorization": "Basic abc"})
    c.call("GET", f"negotiations/{n}", "not-a-token")
    c.call("GET", f"negotiations/{n}", "0" * 64)
    c.call("GET", f"negotiations/{n}", "Buyer")  # Buyer is the other negotiation's now
    c.call("POST", "negotiations", "Broker", {"scenario": SCENARIO})
    c.call("POST", "negotiations", None, {"scenario": SCENARIO})
    c.call("POST", f"negotiations/{other}/texts", "Buyer", {"outcome": {"price": 1, "color": "red"}})
    c.call("POST", f"negotiations/{other}/texts/1/responses", "Broker", {"answer": "accept"})
    c.call("GET", f"negotiations/{other}/analysis", "Seller")
    c.call("GET", f"negotiations/{other}/texts/current/value", "Broker")
    c.call("GET", f"negotiations/{other}/advice/me", "Broker")
    c.call("GET", f"negotiations/{other}/profile", "Broker")
    c.call("GET", f"negotiations/{other}/participants/{pid(c, 'Seller')}/profile", "Buyer")
    c.call("GET", f"negotiations/{other}/agents", "Buyer")
    c.call("POST", f"negotiations/{other}/messages", "Buyer", {"body": "hi", "to": pid(c, "Seller")})
    c.call("GET", f"negotiations/{other}/improvements", "Seller")
    c.call("GET", f"negotiations/{other}/improvements/me", "Broker")
    say("# unknown ids")
    c.call("GET", "negotiations/999", "Broker")
    c.call("GET", f"negotiations/{other}/texts/999", "Broker")
    c.call("GET", f"negotiations/{other}/texts/current", "Broker")
    c.call("GET", f"negotiations/{other}/texts/current/value", "Buyer")
    c.call("GET", f"negotiations/{other}/advice/me", "Buyer")
    c.call("POST", f"negotiations/{other}/sessions/99/close", "Broker", {"outcome": "collapsed"})
    c.call("GET", f"negotiations/{other}/participants/999/profile", "Broker")
    c.call("POST", f"negotiations/{other}/participants/999/token", "Broker")
    c.call("DELETE", f"negotiations/{other}/participants/999/agent", "Broker")
    c.call("GET", f"negotiations/{other}/analysis/amendments?participant=999", "Broker")
    c.call("POST", f"negotiations/{other}/messages", "Broker", {"body": "x", "to": 999})
    say("# bodies")
    c.call("POST", f"negotiations/{other}/messages", "Broker", raw=b'{"body": "a",\n  "to": }')
    c.call("POST", f"negotiations/{other}/messages", "Broker", raw=b'{"body": "a"')
    c.call("POST", f"negotiations/{other}/messages", "Broker", raw=b'[1, 2]')
    c.call("POST", f"negotiations/{other}/messages", "Broker", raw=b'')
    c.call("POST", f"negotiations/{other}/messages", "Broker", raw=b'{"body": "\xff\xfe bad"}')
    c.call("POST", f"negotiations/{other}/messages", "Broker", {"body": "x", "cc": 1})
    c.call("POST", f"negotiations/{other}/messages", "Broker", {"body": 7})
    c.call("POST", f"negotiations/{other}/messages", "Broker", {})
    c.call("POST", f"negotiations/{other}/messages", "Broker", {"body": "x"},
           headers={"Content-Type": "text/plain"})
    c.call("POST", f"negotiations/{other}/messages", "Broker", {"body": "x"},
           headers={"Origin": "http://evil.example"})
    c.call("POST", f"negotiations/{other}/messages", "Broker", {"body": "from home"},
           headers={"Origin": f"http://127.0.0.1:{c.port}"})
    c.call("POST", f"negotiations/{other}/texts", "Broker", {"outcome": {"price": 7, "color": "red"}})
    c.call("POST", f"negotiations/{other}/texts", "Broker", {"outcome": {"price": 1}})
    c.call("POST", f"negotiations/{other}/texts", "Broker", {"outcome": {"price": 1, "color": "green", "x": 1}})
    c.call("POST", f"negotiations/{other}/texts/1/responses", "Buyer", {"answer": "accept"})
    c.call("POST", f"negotiations/{other}/participants", "Broker", {"name": "Nobody", "role": "party"})
    c.call("POST", f"negotiations/{other}/participants", "Broker", {"name": "Buyer", "role": "mediator"})
    c.call("POST", f"negotiations/{other}/participants", "Broker", {"name": "Buyer", "role": "party"})
    c.call("POST", f"negotiations/{other}/participants", "Broker", {"name": "x" * 201, "role": "mediator"})
    c.call("POST", f"negotiations/{other}/participants", "Broker", {"name": "Third", "role": "judge"})
    c.call("PUT", f"negotiations/{other}/profile", "Buyer",
           {"preferences": {"price": {"weight": "heavy"}}})
    c.call("PUT", f"negotiations/{other}/profile", "Buyer",
           dict(BUYER_PROFILE, red_lines=[{"name": "a", "rule": "price >>= 1"}]))
    c.call("PUT", f"negotiations/{other}/profile", "Buyer",
           dict(BUYER_PROFILE, red_lines=[{"name": "a", "rule": "price >= 1"}, {"name": "a", "rule": "price <= 1"}]))
    c.call("PUT", f"negotiations/{other}/profile", "Buyer", {"document": {"name": "bad.xml", "content": "<utility_space>\n <objective"}})
    c.call("POST", f"negotiations/{other}/sessions", "Broker", {"venue": "again"})
    c.call("POST", f"negotiations/{other}/sessions/1/close", "Broker", {"outcome": "maybe"})
    for when in ("2031-13-01", "2031-02-30", "2031-01-01T24:00", "2031-01-01T10:00+25:00", "2031-01-01 10:00",
                 "2031-01-01T10:00:00.5Z", "2031-02-29", "2100-02-29", "2031-01-01T10:60", "2031-01-01T10:00:60Z",
                 "2031-01-01T10:00+01:60", "2031-00-10", "2031-04-31", "2032-02-29T23:59:59+14:00"):
        c.call("POST", f"negotiations/{n}/sessions", "First", {"venue": "v", "starts_at": when})
    c.call("POST", "negotiations", "admin", {"scenario": {"issues": [], "parties": []}})
    c.call("POST", "negotiations", "admin",
           {"scenario": dict(SCENARIO, issues=[{"name": "price", "type": "integer", "min": 0, "max": 2}])})
    c.call("POST", "negotiations", "admin", {"scenario": SCENARIO, "documents": []})
    c.call("POST", "negotiations", "admin", {"documents": [{"name": "broken.xml", "content": "<negotiation_template>\n  <utility_space"}]})
    c.call("POST", "negotiations", "admin", {"scenario": SCENARIO, "mediator": "Buyer"})
    say("# states")
    c.call("DELETE", f"negotiations/{other}/participants/{pid(c, 'Broker')}/token", "Broker")
    c.call("DELETE", f"negotiations/{other}/participants/{pid(c, 'Aide')}/token", "Broker")
    c.call("DELETE", f"negotiations/{other}/participants/{pid(c, 'Aide')}/token", "Broker")
    _, js, _ = c.call("POST", f"negotiations/{other}/participants/{pid(c, 'Broker')}/token", "Broker", {})
    c.call("GET", f"negotiations/{other}/me", "Broker")
    c.who["Broker"] = js["token"]
    c.call("POST", f"negotiations/{other}/participants/{pid(c, 'Buyer')}/token", "Broker", {"extra": 1})
    c.call("GET", f"negotiations/{other}/improvements", "Broker")
    c.call("POST", f"negotiations/{other}/improvements", "Broker", {"outcome": {"price": 1, "color": "red"}})
    c.call("GET", f"negotiations/{other}/advice/me", "Seller")
    c.call("POST", f"negotiations/{other}/participants/{pid(c, 'Buyer')}/agent", "Broker", {"agent": "nobody"})
    say("# query values")
    for q in ("limit=0", "limit=1001", "limit=abc", "after=-1", "after=x", "limit=", "limit=5&limit=6",
              "after=99999999999999999999"):
        c.call("GET", f"negotiations/{other}/timeline?{q}", "Broker")
    for q in ("frontier_limit=0", "frontier_limit=100001", "frontier_limit=1e3"):
        c.call("GET", f"negotiations/{other}/analysis?{q}", "Broker")
    c.call("GET", f"negotiations/{other}/analysis/propose?rule=utilitarian", "Broker")
    c.call("GET", f"negotiations/{other}/analysis/amendments?participant=abc", "Broker")
    c.call("GET", f"negotiations/{other}/improvements?limit=101", "Broker")
    c.call("GET", f"negotiations/{other}/improvements?limit=0", "Broker")
    c.call("GET", f"negotiations/{other}/advice/me?limit=21", "Buyer")
    c.call("GET", f"negotiations/{other}/advice/me?limit=x", "Buyer")
    c.call("GET", f"negotiations/{other}/events?after=abc", "Broker")
    c.call("GET", f"negotiations/{other}/%ff%00/x", "Broker")
    c.call("HEAD", f"negotiations/{other}/sessions", "Broker")


def raw_exchange(port, head, body=b"", label=None):
    """Sends bytes over a fresh socket, prints the request head and what came back (head lines but Date)."""
    say(">>> raw " + (label or ""))
    for line in (head + body).decode("latin-1").split("\r\n"):
        say("    " + N.text(line))
    s = socket.create_connection(("127.0.0.1", port), timeout=WAIT_BOUND)
    s.sendall(head + body)
    data = b""
    while True:
        try:
            chunk = s.recv(65536)
        except ConnectionResetError:
            say("    (connection reset)")
            break
        if not chunk:
            break
        data += chunk
        if b"\r\n\r\n" in data:
            h, _, rest = data.partition(b"\r\n\r\n")
            m = re.search(rb"(?i)content-length: *(\d+)", h)
            if m and len(rest) >= int(m.group(1)) and b"connection: close" not in h.lower():
                break
    s.close()
    if not data:
        say("<<< (connection closed without a reply)")
        return
    h, _, rest = data.partition(b"\r\n\r\n")
    lines = h.decode("latin-1").split("\r\n")
    hdrs = [tuple(x.split(": ", 1)) for x in lines[1:] if ": " in x]
    if b"application/json" in h:
        say("<<< " + lines[0])
        show_reply(lines[0].split(" ")[1], hdrs, rest)
    else:  # libmicrohttpd's own page (its head, with a Date, may come twice): the status and the page's title
        title = re.search(rb"<title>(.*?)</title>", rest)
        say("<<< " + lines[0] + " (libmicrohttpd's page: " + (title.group(1).decode() if title else "no title") + ")")


def part_http(c):
    n = open_talks(c, profiles=False)
    tok = c.who["Broker"]
    p = c.port

    def req(method, path, extra, body=b"", label=None, version="HTTP/1.1", host=True):
        head = f"{method} /api/{path} {version}\r\n" + (f"Host: 127.0.0.1:{p}\r\n" if host else "") + \
            f"Authorization: Bearer {tok}\r\n" + "".join(x + "\r\n" for x in extra) + "Connection: close\r\n\r\n"
        raw_exchange(p, head.encode(), body, label)
    msg = b'{"body": "chunked hello"}'
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(msg), msg)
    req("POST", f"negotiations/{n}/messages", ["Content-Type: application/json", "Transfer-Encoding: chunked"],
        chunked, "a chunked body (accepted)")
    req("POST", f"negotiations/{n}/messages", ["Content-Type: application/json", "Content-Length: 4",
                                                "Content-Length: 4"], b"{}{}", "Content-Length twice")
    req("POST", f"negotiations/{n}/messages", ["Content-Type: application/json", "Content-Length: 5",
                                                "Transfer-Encoding: chunked"], chunked, "Content-Length and chunked")
    req("POST", f"negotiations/{n}/messages", ["Content-Type: application/json", "Transfer-Encoding: chunked",
                                                "Transfer-Encoding: chunked"], chunked, "Transfer-Encoding twice")
    req("POST", f"negotiations/{n}/messages", ["Content-Type : application/json", "Content-Length: 2"], b"{}",
        "a space before a colon")
    req("GET", f"negotiations/{n}/me", [], label="no Host", host=False)
    req("GET", f"negotiations/{n}/me", ["Host: other"], label="two Hosts")
    req("GET", f"negotiations/{n}/me", [], label="HTTP/1.0 without Host", version="HTTP/1.0", host=False)
    req("POST", f"negotiations/{n}/messages", ["Content-Type: application/json", "Transfer-Encoding: gzip"],
        msg, "Transfer-Encoding gzip")
    c.call("GET", f"negotiations/{n}/timeline", "Broker")


def part_budgets(c):
    n = open_talks(c)
    say("# messages")
    c.call("POST", f"negotiations/{n}/messages", "Buyer", {"body": "m" * 40})
    c.call("POST", f"negotiations/{n}/messages", "Buyer", {"body": "m" * 41})
    say("# profiles: 3 uploads at once")
    reds = [{"name": f"r{i}", "rule": "price >= 1"} for i in range(4)]
    c.call("PUT", f"negotiations/{n}/profile", "Seller", dict(SELLER_PROFILE, red_lines=reds[:3]))
    c.call("PUT", f"negotiations/{n}/profile", "Seller", dict(SELLER_PROFILE, red_lines=reds))
    c.call("PUT", f"negotiations/{n}/profile", "Seller", dict(SELLER_PROFILE, note="x" * 2000))
    for _ in range(3):
        c.call("PUT", f"negotiations/{n}/profile", "Buyer", BUYER_PROFILE)
    say("# the body")
    c.call("POST", f"negotiations/{n}/messages", "Broker", raw=json.dumps({"body": "b" * 5000}).encode(),
           label="{\"body\": \"b\" x 5000}")
    say("# streams: one per token, two per negotiation")
    streams = []
    for who in ("Buyer", "Buyer", "Seller", "Aide"):
        conn = http.client.HTTPConnection("127.0.0.1", c.port, timeout=WAIT_BOUND)
        conn.request("GET", f"/api/negotiations/{n}/events", headers={"Authorization": "Bearer " + c.who[who]})
        r = conn.getresponse()
        say(f">>> GET negotiations/{n}/events as {who}")
        if r.status == 200:
            show_reply(r.status, r.getheaders(), b"")
            say("    " + r.readline().decode().rstrip())
            streams.append(conn)
        else:
            show_reply(r.status, r.getheaders(), r.read())
            conn.close()
    for conn in streams:
        conn.close()
    say("# analyses: one outcome too many")
    c.call("GET", f"negotiations/{n}/analysis", "Broker")
    say("# seats: one per negotiation, deadlines of at most 3 s")
    c.call("POST", f"negotiations/{n}/participants/{pid(c, 'Seller')}/agent", "Broker",
           {"agent": "conceder", "deadline_seconds": 3})
    c.call("POST", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/agent", "Broker", {"agent": "boulware"})
    c.call("DELETE", f"negotiations/{n}/participants/{pid(c, 'Seller')}/agent", "Broker")
    c.call("POST", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/agent", "Broker",
           {"agent": "boulware", "deadline_seconds": 4})
    c.call("POST", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/agent", "Broker",
           {"agent": "boulware", "cpu_seconds": 3.5})
    say("# scenario limits at creation")
    big = dict(SCENARIO, issues=[SCENARIO["issues"][0], {"name": "color", "type": "categorical",
                                                         "values": ["red", "blue", "green", "white"]}])
    c.call("POST", "negotiations", "admin", {"scenario": big})
    many = dict(SCENARIO, parties=SCENARIO["parties"] + [{"name": f"M{i}", "role": "mediator"} for i in range(3)])
    c.call("POST", "negotiations", "admin", {"scenario": many})
    say("# the negotiation's stored bytes: messages of the Aide, the Seller and the Buyer in turn until one is refused")
    writes = 0
    while True:
        who = ("Aide", "Seller", "Buyer")[writes % 3]
        st, js, _ = c.call("POST", f"negotiations/{n}/messages", who, {"body": f"fill {writes}"}, quiet=True)
        if st != 201:
            say(f"... {writes} messages stored, then {who} was refused:")
            show_reply(st, [], json.dumps(js).encode())
            break
        writes += 1
        if writes > 100:
            say("!!! no refusal after 100 messages")
            break
    c.call("POST", f"negotiations/{n}/texts", "Broker", {"outcome": {"price": 1, "color": "red"}})
    c.call("GET", f"negotiations/{n}/timeline?limit=2&after=5", "Broker")
    say("# writes: one participant's bucket (12 writes at once) in another negotiation, not full; 11 not printed")
    m = open_talks(c, profiles=False, title="Second")
    for i in range(11):
        c.ok(201, "POST", f"negotiations/{m}/messages", "Aide", {"body": f"note {i}"}, quiet=True)
    for i in range(11, 13):
        c.call("POST", f"negotiations/{m}/messages", "Aide", {"body": f"note {i}"})
    c.call("POST", f"negotiations/{m}/messages", "Seller", {"body": "my own bucket"})


def drafts(evs):
    """The drafting helper's drafts and missed drafts (the Aide's seat)."""
    return [e for e in evs if e["kind"] == "agent.draft" or
            (e["kind"] == "agent.no_answer" and (e.get("actor") or {}).get("name") == "Aide")]


def part_seats(c):
    n = open_talks(c)
    c.call("POST", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/agent", "Broker",
           {"agent": "boulware:e=0.2", "deadline_seconds": 20, "rounds": 4, "seed": 3})
    c.call("POST", f"negotiations/{n}/participants/{pid(c, 'Seller')}/agent", "Broker",
           {"agent": "conceder", "rounds": 4})
    c.call("POST", f"negotiations/{n}/participants/{pid(c, 'Aide')}/agent", "Broker", {"agent": "mediator"})
    c.call("POST", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/agent", "Broker", {"agent": "conceder"})
    c.call("POST", f"negotiations/{n}/participants/{pid(c, 'Aide')}/agent", "Broker", {"agent": "boulware"})
    c.call("GET", f"negotiations/{n}/agents", "Broker")
    c.call("POST", f"negotiations/{n}/sessions", "Broker", {"venue": "online"})
    c.wait_for(n, "Broker", "the drafting helper's opening draft", lambda evs: drafts(evs))
    for k in range(1, 5):
        table(c, n, {"price": [2, 2, 1, 1][k - 1], "color": ["blue", "red", "blue", "red"][k - 1]})
        c.wait_for(n, "Broker", f"both agents' answers to text {k}",
                   lambda evs: sum(1 for e in evs if e["kind"] in ("response", "agent.no_answer") and
                                   (e.get("actor") or {}).get("role") == "party" and e["data"].get("text") == k) >= 2)
        c.wait_for(n, "Broker", f"the draft after text {k}" if k < 4 else "the end",
                   lambda evs, k=k: len(drafts(evs)) >= k + 1 or
                   any(e["kind"] == "agreement" for e in evs))
        st, js, _ = c.call("GET", f"negotiations/{n}", "Broker", quiet=True)
        if (js or {}).get("status") == "agreed":
            break
    c.call("POST", f"negotiations/{n}/texts/{k}/responses", "Buyer", {"answer": "accept"})
    c.call("GET", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/agent", "Broker")
    c.call("GET", f"negotiations/{n}/participants/{pid(c, 'Aide')}/agent", "Broker")
    c.call("GET", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/agent", "Buyer")
    c.call("DELETE", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/agent", "Broker")
    c.call("DELETE", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/agent", "Broker")
    c.call("GET", f"negotiations/{n}/participants/{pid(c, 'Buyer')}/agent", "Broker")
    c.call("GET", f"negotiations/{n}/agents", "Broker")
    for who in ("Broker", "Buyer", "Seller"):
        c.call("GET", f"negotiations/{n}/timeline", who)
    say("# bad seats (nothing stored), and an agent whose parameter does not read: its missed answer")
    m = open_talks(c, title="Missed answers")
    buyer, aide = pid(c, "Buyer"), pid(c, "Aide")
    for body in ({"agent": "../evil.so"}, {"agent": "nobody.py"}, {"agent": "nosuchagent"}, {"agent": "mediator"},
                 {"agent": "boulware", "rounds": 0}, {"agent": "boulware", "seed": "x"},
                 {"agent": "boulware", "deadline_seconds": 0}, {"agent": "boulware", "cpu_seconds": 11},
                 {"agent": "boulware", "extra": 1}):
        c.call("POST", f"negotiations/{m}/participants/{buyer}/agent", "Broker", body)
    c.call("POST", f"negotiations/{m}/participants/{aide}/agent", "Broker", {"agent": "boulware"})
    c.call("POST", f"negotiations/{m}/participants/{buyer}/agent", "Broker", {"agent": "boulware:e=oops"})
    c.call("POST", f"negotiations/{m}/participants/{pid(c, 'Seller')}/agent", "Broker", {"agent": "hardheaded"})
    c.ok(201, "POST", f"negotiations/{m}/sessions", "Broker", {"venue": "online"})
    tid = table(c, m, {"price": 1, "color": "red"})["id"]
    c.wait_for(m, "Broker", "both seats' outcomes", lambda evs: sum(
        1 for e in evs if e["kind"] in ("response", "agent.no_answer") and e["data"].get("text") == tid) >= 2)
    c.call("GET", f"negotiations/{m}/participants/{buyer}/agent", "Broker")
    c.call("GET", f"negotiations/{m}/timeline?after=38", "Buyer")
    c.call("GET", f"negotiations/{m}/timeline?after=38", "Seller")


def stream_lines(r, count):
    """Prints the lines of the live stream r until count events came (None: until it ends), keep-alives left out."""
    seen = 0
    while count is None or seen < count:
        line = r.readline().decode()
        if not line:
            say(f"    (the stream ended after {seen} events)")
            break
        line = line.rstrip("\n")
        if line.startswith(": keep-alive"):
            continue
        if line.startswith("data: "):
            seen += 1
            say("    data: " + dump(parse(line[6:])).replace("\n", "\n    "))
        elif line:
            say("    " + line)


def read_stream(c, n, who, count, headers=None, query=""):
    """Opens the live stream of n as who and prints its lines until count events came; returns the connection and
    the reply (the caller closes it)."""
    hdrs = {"Authorization": "Bearer " + c.who[who]}
    hdrs.update(headers or {})
    conn = http.client.HTTPConnection("127.0.0.1", c.port, timeout=WAIT_BOUND)
    conn.request("GET", f"/api/negotiations/{n}/events{query}", headers=hdrs)
    r = conn.getresponse()
    extra = "".join(f" [{k}: {v}]" for k, v in (headers or {}).items())
    say(f">>> GET negotiations/{n}/events{query} as {who}{extra} (to {count} events)")
    show_reply(r.status, r.getheaders(), b"" if r.status == 200 else r.read())
    if r.status == 200:
        stream_lines(r, count)
    return conn, r


def part_stream(c):
    n = open_talks(c)  # events 1..7
    c.ok(201, "POST", f"negotiations/{n}/sessions", "Broker", {"venue": "live"})  # 8
    table(c, n, {"price": 1, "color": "blue"})  # 9
    c.ok(201, "POST", f"negotiations/{n}/texts/1/responses", "Buyer",
         {"answer": "amend", "amendments": [{"issue": "color", "value": "red"}]})  # 10, the Buyer's
    c.ok(201, "POST", f"negotiations/{n}/texts/1/responses", "Seller", {"answer": "reject"})  # 11, the Seller's
    c.ok(201, "POST", f"negotiations/{n}/messages", "Broker", {"body": "Buyer only", "to": pid(c, "Buyer")})  # 12
    c.ok(201, "POST", f"negotiations/{n}/messages", "Broker", {"body": "to all"})  # 13
    say("# replays: each role reads the events it may see")
    read_stream(c, n, "Broker", 13)[0].close()
    read_stream(c, n, "Buyer", 11)[0].close()
    read_stream(c, n, "Seller", 4, headers={"Last-Event-ID": "7"})[0].close()
    read_stream(c, n, "Buyer", 3, query="?after=9")[0].close()
    read_stream(c, n, "Buyer", 0, headers={"Last-Event-ID": "x"})[0].close()
    read_stream(c, n, "Buyer", 0, query="?after=-3")[0].close()
    say("# live: a stream open before the events it gets")
    conn, r = read_stream(c, n, "Seller", 0, query="?after=13")
    c.call("POST", f"negotiations/{n}/messages", "Broker", {"body": "live to all"})
    c.call("POST", f"negotiations/{n}/messages", "Broker", {"body": "to the Buyer", "to": pid(c, "Buyer")})
    c.call("POST", f"negotiations/{n}/messages", "Seller", {"body": "heard"})
    stream_lines(r, 2)
    say("# the stream ends when its token is rotated")
    js = c.ok(200, "POST", f"negotiations/{n}/participants/{pid(c, 'Seller')}/token", "Broker", {})
    stream_lines(r, None)
    conn.close()
    c.who["Seller"] = js["token"]
    read_stream(c, n, "Seller", 1, query="?after=16")[0].close()


def part_pair(c):
    """Two processes on one PostgreSQL database (A, the server of the run, and B): the budgets per negotiation
    hold across them (claims.c), live streams get the other's writes, a seated agent answers once."""
    a = c.server
    if not a.pg:
        say("!!! the part pair needs --pg")
        return
    b = Server(a.parley, None, a.options, db=a.db, second="2")
    try:
        cb = b.client
        n = open_talks(c)
        cb.who.update(c.who)
        say("# the negotiation's one live stream (--streams-per-negotiation 1), held on A, is refused on B")
        conn, r = read_stream(c, n, "Buyer", 0, query="?after=7")
        read_stream(cb, n, "Seller", 0)[0].close()
        say("# a message written on B reaches the stream on A")
        cb.call("POST", f"negotiations/{n}/messages", "Broker", {"body": "from B"})
        stream_lines(r, 1)  # the message, event 8
        conn.close()
        say("# an agent seated on A answers a text tabled on B once, whichever process holds its claim")
        c.call("POST", f"negotiations/{n}/participants/{pid(c, 'Seller')}/agent", "Broker", {"agent": "conceder"})
        cb.ok(201, "POST", f"negotiations/{n}/sessions", "Broker", {"venue": "two processes"})
        tid = table(cb, n, {"price": 2, "color": "blue"})["id"]
        cb.wait_for(n, "Broker", "the agent's answer", lambda evs: any(
            e["kind"] in ("response", "agent.no_answer") and e["data"].get("text") == tid for e in evs))
        cb.call("GET", f"negotiations/{n}/texts/{tid}/responses", "Broker")
        c.call("GET", f"negotiations/{n}/timeline?after=10", "Seller")
    finally:
        b.stop()


# A burst of writes no part reaches, so that the write bucket's refill (timing) never shows; budgets tests the bucket.
ROOMY = ["--write-burst", "100000"]
PARTS = {"talks": (part_talks, ROOMY), "advice": (part_advice, ROOMY), "errors": (part_errors, ROOMY),
         "http": (part_http, ROOMY), "pair": (part_pair, ROOMY + ["--streams-per-negotiation", "1"]), "seats": (part_seats, ROOMY), "stream": (part_stream, ROOMY),
         "budgets": (part_budgets, ["--message-bytes", "40", "--max-red-lines", "3", "--profile-bytes", "1200",
                                    "--max-body", "4096", "--write-burst", "12", "--write-rate", "0.001",
                                    "--profile-burst", "3", "--profile-rate", "0.001", "--max-streams", "1",
                                    "--streams-per-negotiation", "2", "--max-outcomes", "5",
                                    "--agents-per-negotiation", "1", "--agent-seconds", "3", "--max-values", "3",
                                    "--max-parties", "5", "--negotiation-bytes", "16000"])}


def main(argv):
    args = [a for a in argv if not a.startswith("--pg")]
    pg = None
    if "--pg" in argv:
        pg = argv[argv.index("--pg") + 1]
        args.remove(pg)
    if len(args) != 2 or args[1] not in PARTS:
        print(f"usage: server_transcript.py PARLEY {'|'.join(PARTS)} [--pg URL]", file=sys.stderr)
        return 2
    fn, options = PARTS[args[1]]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a killed run still stops its server and removes its folder
    srv = Server(os.path.abspath(args[0]), pg, options)
    try:
        fn(srv.client)
    finally:
        srv.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
