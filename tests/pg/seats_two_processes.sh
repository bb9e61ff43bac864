#!/usr/bin/env bash
# seats_two_processes.sh PARLEY URL_FILE AGENT_DIR: two `parley serve` processes on one PostgreSQL database (the
# cluster of the ctest fixture pg_cluster, a schema of its own) both run the agents seated at one negotiation:
# a built-in agent for Buyer, for Seller the test plug-in stall.so (AGENT_DIR), which never answers, so its
# seat records `agent.no_answer` after its deadline.  Both processes hear of every text (their own commit or a
# notification) and both look for work at once; each text must get exactly one answer from Buyer's agent and
# exactly one `agent.no_answer` for Seller's (without a claim across processes both runners record one each).
# Then the process that holds the claim of Seller's seat (seen in pg_locks) is killed -9 while the agent runs:
# the other process takes the claim over and records the missed answer, once.
set -u
PARLEY=$1
URL_FILE=$2
AGENT_DIR=$3
. "$(dirname "$0")/lib.sh"
export PYTHONPATH="$(dirname "$0")/../cli/lib" # api.py: the HTTP call of the Python parts below
[ -f "$AGENT_DIR/stall.so" ] || fail "no stall.so in $AGENT_DIR"
schema="seats_$$"
pg_schema "$schema"

pg_serve A --agent-dir "$AGENT_DIR" --write-burst 1000000
# The seats are taken through A before B starts: B finds them in the database, as a restarted process would.
python3 - "$A" setup >"$tmp/setup" 2>&1 <<'PY' || fail "setup: $(cat "$tmp/setup")"
import functools, sys
import api
url = sys.argv[1]
call = functools.partial(api.call, url)
scenario = {"issues": [{"name": "price", "type": "integer", "min": 0, "max": 4}],
            "parties": [{"name": "Buyer", "reservation": 0.2, "preferences": {
                             "price": {"weight": 1, "function": {"type": "linear", "at_min": 1, "at_max": 0}}}},
                        {"name": "Seller", "reservation": 0.2, "preferences": {
                             "price": {"weight": 1, "function": {"type": "linear", "at_min": 0, "at_max": 1}}}},
                        {"name": "Broker", "role": "mediator"}]}
status, r = call("POST", "negotiations", body={"scenario": scenario})
assert status == 201, (status, r)
med = r["participant"]["token"]
for name in ("Buyer", "Seller"):
    assert call("POST", "negotiations/1/participants", med, {"name": name, "role": "party"})[0] == 201
for p, seat in ((2, {"agent": "boulware", "rounds": 100}), (3, {"agent": "stall.so", "deadline_seconds": 2})):
    status, r = call("POST", f"negotiations/1/participants/{p}/agent", med, seat)
    assert status == 201, (seat, status, r)
assert call("POST", "negotiations/1/sessions", med, {"venue": "Geneva"})[0] == 201
print(med)
PY
med=$(tail -n 1 "$tmp/setup")
pg_serve B --agent-dir "$AGENT_DIR" --write-burst 1000000

# talks.py URL_TABLE URLS_READ MED NUMBER [kill]: tables text NUMBER through URL_TABLE, waits (reading through
# the first of the comma-separated URLS_READ that answers) for Buyer's answer and Seller's missed answer, waits
# 3 s more for a second one, and checks that each came once.  With "kill", once Buyer's answer is in (Seller's
# agent is running) it prints a line and waits for one on stdin (the kill) before it reads on.
cat >"$tmp/talks.py" <<'PY'
import sys, time, urllib.error
import api
table, reads, med, number = sys.argv[1], sys.argv[2].split(","), sys.argv[3], int(sys.argv[4])
def call(url, method, path, body=None):
    return api.call(url, method, path, med, body)
def read(path):
    for url in reads:
        try:
            return call(url, "GET", path)[1]
        except urllib.error.URLError:
            continue
    sys.exit("no process answers")
status, text = call(table, "POST", "negotiations/1/texts", {"outcome": {"price": number % 5}})
assert status == 201, (status, text)
def counts():
    events = read("negotiations/1/timeline?limit=1000")["events"]
    answers = [e for e in events if e["kind"] == "response" and e["data"].get("text") == text["id"]]
    missed = [e for e in events if e["kind"] == "agent.no_answer" and e["data"].get("text") == text["id"]]
    return len(answers), len(missed)
def wait_for(enough):
    for _ in range(1200):  # 120 s: bounds a hang (an answer takes milliseconds, a missed one 2 to 4 s)
        if enough(counts()):
            return
        time.sleep(0.1)
if len(sys.argv) > 5:
    wait_for(lambda c: c[0] >= 1)
    print("running", flush=True)
    sys.stdin.readline()
wait_for(lambda c: min(c) >= 1)
time.sleep(3)
print("text", number, "answers, missed answers:", counts())
assert counts() == (1, 1), counts()
PY
for n in 1 2 3 4; do
    if [ $((n % 2)) -eq 1 ]; then table=$A read=$B; else table=$B read=$A; fi
    python3 "$tmp/talks.py" "$table" "$read" "$med" "$n" >>"$tmp/talks" 2>&1 || fail "text $n: $(tail -3 "$tmp/talks")"
done

# The claim's holder dies while Seller's agent runs: the other process records the missed answer, once.
mkfifo "$tmp/go"
python3 "$tmp/talks.py" "$A" "$A,$B" "$med" 5 kill <"$tmp/go" >"$tmp/talks5" 2>&1 &
talks=$!
exec 3>"$tmp/go"
for _ in $(seq 1 1200); do grep -q running "$tmp/talks5" && break; sleep 0.1; done # 120 s: bounds a hang
holder=$(psql -At "$base" -c "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                              WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE '${schema}_%'")
[ "$(echo "$holder" | grep -c .)" = 1 ] || fail "expected one process holding the claim of Seller's seat: '$holder'"
killed=${holder#"${schema}_"}
kill -9 "${pid_of[$killed]}"
wait "${pid_of[$killed]}" 2>/dev/null
echo >&3
exec 3>&-
wait "$talks"
echo "killed $killed, which held the claim"
cat "$tmp/talks" "$tmp/talks5"
grep -q "text 5 answers, missed answers: (1, 1)" "$tmp/talks5" || fail "after the kill: $(tail -3 "$tmp/talks5")"
for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
pids=()
grep -l "Sanitizer" "$tmp"/log.* >/dev/null 2>&1 && fail "a sanitizer reported: $(grep -h -m3 Sanitizer "$tmp"/log.*)"
echo "PASS seats_two_processes"
