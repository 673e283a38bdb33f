"""An application served by uvicorn in a background thread, as `claimscope serve` does: the
browser and HTTP tests drive a real server."""
from __future__ import annotations

import socket
import threading
import time


def serve_in_thread(app):
    """(server, its thread, its base URL) once it answers; stop it with `stop`."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    return srv, thread, f"http://127.0.0.1:{port}"


def stop(srv, thread) -> None:
    srv.should_exit = True
    thread.join(10)


def ledger_of(folder, text: str) -> str:
    """A ledger `l.db` in `folder` holding one article, `a.txt` with `text`, ingested as a user
    would; its path."""
    from claimscope.cli import main

    (folder / "a.txt").write_text(text, encoding="utf-8")
    assert main(["ingest", "-q", str(folder / "a.txt"), "--db", str(folder / "l.db")]) == 0
    return str(folder / "l.db")
