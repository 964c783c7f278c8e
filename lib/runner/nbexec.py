"""Execute one notebook through a Jupyter kernel with nbclient and render it to HTML.

Called by the TypeScript runner (lib/runner/execute.ts), which prepares the notebook (parameters
injected) and reads this script's events: one JSON object per line on stdout,

    {"event": "start", "cells": 12}
    {"event": "cell", "index": 3, "code_cells": 9, "position": 2}
    {"event": "error", "index": 5, "ename": "Error", "evalue": "...", "traceback": "..."}
    {"event": "done", "ok": true, "seconds": 4.2}

Whatever happens, the executed notebook (as far as it ran) and its HTML are written before exit.
Exit status: 0 on success, 1 when a cell failed or the kernel died, 2 on bad arguments.
"""

import argparse
import json
import signal
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import (
    CellExecutionComplete,
    CellExecutionError,
    CellTimeoutError,
    DeadKernelError,
)
from nbclient.util import ensure_async
from nbconvert import HTMLExporter

SENTINEL = "nbexec-sentinel"


class LateOutputClient(NotebookClient):
    """nbclient stops listening for a cell's output once the kernel reports it idle, and drops
    any later message for that cell. Deno's kernel sometimes publishes a cell's result or display
    just after its idle status, so those outputs went missing at random. Here a late message is
    routed to the cell it belongs to while later cells run; a no-op sentinel cell at the end
    gives the last real cell's stragglers the same chance."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._finished = {}

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        assert self.kc is not None
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            owner = msg["parent_header"].get("msg_id")
            if owner == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    self._finished[parent_msg_id] = (cell, cell_index)
                    return
            elif owner in self._finished:
                late_cell, late_index = self._finished[owner]
                try:
                    self.process_message(msg, late_cell, late_index)
                except CellExecutionComplete:
                    pass


class Terminated(Exception):
    """The runner stopped this notebook (its time limit passed): save what ran, then exit."""


def on_sigterm(signum, frame):
    raise Terminated()


def emit(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def strip_ansi(text):
    import re

    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", help="prepared notebook to execute")
    parser.add_argument("--output", required=True, help="where to write the executed notebook")
    parser.add_argument("--html", required=True, help="where to write the HTML report")
    parser.add_argument("--cwd", required=True, help="working directory of the kernel")
    parser.add_argument("--kernel", default="deno")
    parser.add_argument("--cell-timeout", type=int, default=3600, help="seconds per cell")
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    sentinel = nbformat.v4.new_code_cell("void 0;", metadata={"tags": [SENTINEL]})
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    emit(event="start", cells=len(nb.cells), code_cells=len(code_cells))

    running = {"index": -1}

    def on_cell_start(cell, cell_index, **_):
        running["index"] = cell_index
        if cell.cell_type == "code" and cell is not sentinel:
            position = code_cells.index(cell_index) + 1
            emit(event="cell", index=cell_index, position=position, code_cells=len(code_cells))

    failed = {}

    def on_cell_error(cell, cell_index, execute_reply, **_):
        content = execute_reply.get("content", {})
        failed.update(
            index=cell_index,
            ename=content.get("ename", "Error"),
            evalue=strip_ansi(content.get("evalue", "")),
            traceback=strip_ansi("\n".join(content.get("traceback", []))),
        )

    nb.cells.append(sentinel)
    client = LateOutputClient(
        nb,
        timeout=args.cell_timeout,
        kernel_name=args.kernel,
        resources={"metadata": {"path": args.cwd}},
        on_cell_start=on_cell_start,
        on_cell_error=on_cell_error,
    )
    started = time.monotonic()
    ok = True
    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        client.execute()
    except CellExecutionError:
        ok = False
    except CellTimeoutError as error:
        ok = False
        failed.setdefault("ename", "CellTimeoutError")
        failed.setdefault(
            "evalue",
            f"a cell ran longer than {args.cell_timeout} s (raise the limit with --cell-timeout SEC): {error}",
        )
    except Terminated:
        ok = False
        failed.update(ename="NotebookTimeout", evalue="stopped by the runner: time limit reached")
    except DeadKernelError as error:
        ok = False
        failed.update(ename="DeadKernelError", evalue=f"the kernel died: {error}")
    except Exception as error:  # kernel missing, bad notebook: still save and report
        ok = False
        failed.update(ename=type(error).__name__, evalue=str(error))
    finally:
        nb.cells = [c for c in nb.cells if c is not sentinel]
        nbformat.write(nb, args.output)
        body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
        with open(args.html, "w", encoding="utf-8") as handle:
            handle.write(body)

    if not ok:
        # A timeout, a dead kernel or the runner's stop: blame the cell that was running.
        failed.setdefault("index", running["index"])
        emit(event="error", **failed)
    emit(event="done", ok=ok, seconds=round(time.monotonic() - started, 3))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
