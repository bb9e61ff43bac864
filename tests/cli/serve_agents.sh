#!/usr/bin/env bash
# serve_agents.sh: agents at the table as a command: `parley serve`'s agent options (usage errors, --help), then
# a mediator seats two built-in agents and the drafting helper over HTTP (each answer a `parley seat-answer`
# process that parley serve executes), tables the helper's drafts until the
# agents agree, and the timeline shows each answer as its agent's; a plug-in name outside the agent folder is
# refused.
set -u
PARLEY=$1
SRC=$2
source "$SRC/tests/cli/lib/check.sh"
source "$SRC/tests/cli/lib/serve.sh" # test_db: the file, or a PostgreSQL schema (cli_serve_agents_pg)
command -v curl >/dev/null || { echo "FAIL: curl is missing"; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is missing"; exit 1; }
server=""
stop_server() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""; }
trap 'stop_server; rm -rf "$TMP"' EXIT
finish() { stop_server; [ "$fails" -eq 0 ] || exit 1; echo "PASS serve_agents"; exit 0; }

expect_exit 2 "--agent-dir missing" "$PARLEY" serve --open --agent-dir "$TMP/none"
expect_exit 2 "--agent-seconds 0" "$PARLEY" serve --open --agent-seconds 0
expect_exit 2 "--agents-per-negotiation 0" "$PARLEY" serve --open --agents-per-negotiation 0
expect_exit 2 "--agent-memory below 16 MiB" "$PARLEY" serve --open --agent-memory 1000000
"$PARLEY" serve --help >"$TMP/help"
for o in --agent-dir --python --agent-seconds --agents-per-negotiation --agent-memory; do
    expect_in "$TMP/help" "$o" "--help documents $o"
done

mkdir "$TMP/agents"
test_db "$TMP/p.db" || exit 1
"$PARLEY" serve --db "$db" --listen 127.0.0.1:0 --port-file "$TMP/port" --open --sync normal \
    --agent-dir "$TMP/agents" >"$TMP/log" 2>&1 &
server=$!
for _ in $(seq 1 1200); do [ -s "$TMP/port" ] && break; sleep 0.05; done # 60 s: only bounds a hang
[ -s "$TMP/port" ] || { fail "the server did not start: $(cat "$TMP/log")"; finish; }
url="http://127.0.0.1:$(cat "$TMP/port")/api"
# The talks, in one Python program (urllib): each wait is bounded at 60 s and only bounds a hang.
PYTHONPATH="$SRC/tests/cli/lib" python3 - "$url" >"$TMP/talks" 2>&1 <<'PY' || fail "the talks: $(cat "$TMP/talks")"
import functools, sys, time
import api
url = sys.argv[1]
call = functools.partial(api.call, url)
def until(what, fn):
    for _ in range(1200):
        v = fn()
        if v:
            return v
        time.sleep(0.05)
    sys.exit("no " + what + " in time")
scenario = {"issues": [{"name": "price", "type": "integer", "min": 0, "max": 4},
                       {"name": "color", "type": "categorical", "values": ["red", "blue", "green"]}],
            "parties": [{"name": "Buyer", "reservation": 0.2, "preferences": {
                             "price": {"weight": 0.6, "function": {"type": "linear", "at_min": 1, "at_max": 0}},
                             "color": {"weight": 0.4, "values": {"red": 1, "blue": 0.5, "green": 0}}}},
                        {"name": "Seller", "reservation": 0.2, "preferences": {
                             "price": {"weight": 0.7, "function": {"type": "linear", "at_min": 0, "at_max": 1}},
                             "color": {"weight": 0.3, "values": {"red": 0, "blue": 0.5, "green": 1}}}},
                        {"name": "Broker", "role": "mediator"}]}
status, r = call("POST", "negotiations", body={"scenario": scenario})
med = r["participant"]["token"]
for name in ("Buyer", "Seller"):
    assert call("POST", "negotiations/1/participants", med, {"name": name, "role": "party"})[0] == 201
status, r = call("POST", "negotiations/1/participants/2/agent", med, {"agent": "../libevil.so"})
assert status == 400, ("a path as agent", status, r)
for p, seat in ((2, {"agent": "boulware", "rounds": 4}), (3, {"agent": "conceder", "rounds": 4}), (1, {"agent": "mediator"})):
    status, r = call("POST", f"negotiations/1/participants/{p}/agent", med, seat)
    assert status == 201, (seat, status, r)
assert call("POST", "negotiations/1/sessions", med, {"venue": "Geneva"})[0] == 201
# Table each draft of the helper until the agents agree (at most 8 texts).
for number in range(1, 9):
    def draft():
        last = call("GET", "negotiations/1/participants/1/agent", med)[1]["last"]
        return last and last["data"]["number"] == number and last["data"]["outcome"]
    status, r = call("POST", "negotiations/1/texts", med, {"outcome": until(f"draft {number}", draft)})
    assert status == 201, (status, r)
    until(f"answers to text {number}", lambda: len(call("GET", "negotiations/1/texts/current", med)[1]["responses"]) >= 2)
    if call("GET", "negotiations/1", med)[1]["status"] == "agreed":
        break
print("texts tabled:", number)
assert call("GET", "negotiations/1", med)[1]["status"] == "agreed", "no agreement within 8 texts"
events = call("GET", "negotiations/1/timeline?limit=1000", med)[1]["events"]
answers = [e for e in events if e["kind"] == "response"]
assert {e["actor"]["agent"] for e in answers} == {"boulware", "conceder"}, answers
assert all(e["actor"]["kind"] == "agent" for e in answers), answers
assert all(e["actor"]["kind"] == "agent" for e in events if e["kind"] == "agent.draft")
PY
cat "$TMP/talks"
finish
