"""api.py: the one JSON call to `parley serve`'s HTTP API that the shell tests' Python parts share
(tests/cli/serve_agents.sh, tests/pg/seats_two_processes.sh; put this folder on PYTHONPATH).

call(url, method, path, token=None, body=None) sends body (when given) as JSON to url/path, with the
participant's token as a Bearer token (when given), and returns (HTTP status, the JSON answer), for an
error status too."""
import json
import urllib.error
import urllib.request


def call(url, method, path, token=None, body=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + "/" + path, method=method, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)
