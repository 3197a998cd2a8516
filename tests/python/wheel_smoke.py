"""Checks an installed errcode-ls wheel as a user would: the `errcode-ls` command on PATH of
the virtualenv it was installed into runs `explain`, `check` and the language server.

Usage: python wheel_smoke.py FIXTURES_DIR   (run with the fresh virtualenv's python)
Prints one line per check and closes with "N passed, N failed".
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

FIXTURES = sys.argv[1]
VENV_BIN = os.path.dirname(sys.executable)
COMMAND = os.path.join(VENV_BIN, "errcode-ls")
ENV = {**os.environ, "NO_COLOR": "1", "XDG_CONFIG_HOME": tempfile.mkdtemp()}
results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))


def run(*args, cwd=None):
    return subprocess.run([COMMAND, *args], capture_output=True, text=True, env=ENV, cwd=cwd, timeout=60)


def the_command_is_the_packaged_one():
    check("errcode-ls is installed in the virtualenv", os.path.exists(COMMAND), COMMAND)
    version = run("--version")
    check("--version names the program", version.returncode == 0 and version.stdout.startswith("errcode-ls "), version)


def explain_prints_the_card():
    out = run("explain", "AIS.0101")
    check("explain AIS.0101 exits 0", out.returncode == 0, out.stderr)
    check("explain AIS.0101 prints the message", "The input parameter is invalid." in out.stdout, out.stdout)


def check_reports_a_typo_and_exits_1():
    work = tempfile.mkdtemp()
    shutil.copy(os.path.join(FIXTURES, "typo.py"), work)
    out = run("check", "--format", "concise", "typo.py", cwd=work)
    check("check exits 1 on a finding", out.returncode == 1, out)
    expected = "typo.py:4:19: warning[unknown-code]: unknown error code `APIG.0380`"
    check("check prints the finding", out.stdout.startswith(expected), out.stdout)
    full = run("check", "typo.py", cwd=work)
    check("the default output underlines the span", '4 |     elif code == "APIG.0380":' in full.stdout, full.stdout)


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_frame(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise EOFError("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stream.read(length))


def the_language_server_answers_initialize_over_stdio():
    root = tempfile.mkdtemp()
    server = subprocess.Popen([COMMAND], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    try:
        uri = "file://" + root
        server.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                  "params": {"processId": os.getpid(), "rootUri": uri, "capabilities": {}}}))
        server.stdin.flush()
        reply = read_frame(server.stdout)
        while "id" not in reply or reply.get("id") != 1:
            reply = read_frame(server.stdout)
        capabilities = reply.get("result", {}).get("capabilities", {})
        check("initialize is answered with the server's capabilities", "hoverProvider" in capabilities, reply)
        check("the server names itself", reply["result"].get("serverInfo", {}).get("name") == "errcode-ls", reply)
        server.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        server.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        server.stdin.flush()
        reply = read_frame(server.stdout)
        while reply.get("id") != 2:
            reply = read_frame(server.stdout)
        check("shutdown is answered", "result" in reply, reply)
        server.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
        server.stdin.close()
        code = server.wait(timeout=20)
        check("exit ends the process with status 0", code == 0, code)
    finally:
        if server.poll() is None:
            server.kill()


def startup_cost():
    """Not a check: how long the packaged command takes to start, printed for the record."""
    runs = 10
    start = time.perf_counter()
    for _ in range(runs):
        run("--version")
    per_run = (time.perf_counter() - start) / runs * 1000
    print(f"info startup of the packaged command (--version): {per_run:.1f} ms per run")


the_command_is_the_packaged_one()
explain_prints_the_card()
check_reports_a_typo_and_exits_1()
the_language_server_answers_initialize_over_stdio()
startup_cost()
failed = results.count(False)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
