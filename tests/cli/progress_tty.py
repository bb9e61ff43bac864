#!/usr/bin/env python3
"""progress_tty.py: runs a command with its stderr on a pseudo-terminal (so isatty(2) holds) and its stdout on
a pipe, and saves what each received.  Used by progress.sh.

usage: progress_tty.py STDOUT_FILE STDERR_FILE COMMAND [ARGS...]   exits with the command's exit code
"""
import os
import pty
import select
import subprocess
import sys

out_path, err_path, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
master, slave = pty.openpty()
proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
os.close(slave)
out, err = bytearray(), bytearray()
fds = {proc.stdout.fileno(): out, master: err}
while fds:
    # a hang bound, not a speed: `analyze --quiet` is silent until it ends, which under the sanitizers on a
    # loaded machine took more than a minute
    ready, _, _ = select.select(list(fds), [], [], 600)
    if not ready:
        proc.kill()
        sys.exit("progress_tty: no output for 600 s")
    for fd in ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the terminal's other side closed
            chunk = b""
        if chunk:
            fds[fd].extend(chunk)
        else:
            del fds[fd]
rc = proc.wait()
open(out_path, "wb").write(out)
open(err_path, "wb").write(err)
sys.exit(rc)
