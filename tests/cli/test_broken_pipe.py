"""`oro-admin … | head`: a reader that goes away is not an error of ours."""

from __future__ import annotations

import os
import sys

from oro_desktop.cli.main import main


def test_a_closed_pipe_ends_quietly_with_status_0(monkeypatch, capsys) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone, as `head` does after its lines
    pipe = open(write_end, "w", encoding="utf-8")
    with capsys.disabled():
        monkeypatch.setattr(sys, "stdout", pipe)
        stderr_read, stderr_write = os.pipe()
        err = open(stderr_write, "w", encoding="utf-8")
        monkeypatch.setattr(sys, "stderr", err)
        code = main(["guide", "--list"])
        err.close()
        monkeypatch.undo()
    said = os.read(stderr_read, 4096).decode("utf-8")
    os.close(stderr_read)
    pipe.close()  # now writes to devnull: closing does not raise again
    assert code == 0
    assert said == ""  # no "oväntat fel (BrokenPipeError)"
