"""The local Hub server of ``scripts/hub_server.py``, run as a subprocess for tests, and the
environment a client process needs to use it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER_SCRIPT = ROOT / "scripts" / "hub_server.py"
TOKEN = "hf_localtesttoken_7c1f0e29d4b84a55"
_LISTENING = re.compile(r"listening on (http://\S+)")


class LocalHub:
    """A running server on a loopback port, with its log.

    Args:
        root (`Path`): Data folder of the server.
        token (`str`, *optional*): The token it accepts (None: an open server).
        port (`int`, defaults to 0): Port; 0 lets the server pick a free one.
    """

    def __init__(self, root: Path, token: str | None = TOKEN, port: int = 0) -> None:
        self.root = root
        self.token = token
        self.port = port
        self.url = ""
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> LocalHub:
        command = [sys.executable, str(SERVER_SCRIPT), "--root", str(self.root), "--port", str(self.port)]
        command += ["--log-level", "info"] + (["--token", self.token] if self.token else [])
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        first = self._process.stdout.readline()
        match = _LISTENING.search(first)
        if match is None:
            rest = self._process.communicate(timeout=30)[0]
            raise RuntimeError(f"hub server did not start: {first}{rest}")
        self.url = match.group(1)
        self.port = int(self.url.rsplit(":", 1)[1])
        threading.Thread(target=self._read, args=(self._process,), daemon=True).start()
        return self

    def _read(self, process: subprocess.Popen[str]) -> None:
        for line in process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def wait_for_log(self, pattern: str, timeout: float = 120) -> str:
        """The first log line matching ``pattern`` (waiting for it to be written)."""
        regex = re.compile(pattern)
        with self._changed:
            found = self._changed.wait_for(lambda: next((l for l in self.lines if regex.search(l)), None), timeout)
        if found is None:
            raise TimeoutError(f"no server log line matched {pattern!r}; log:\n" + "\n".join(self.lines))
        return found

    def kill(self) -> None:
        """Stop the server abruptly (SIGKILL), as a crash would."""
        if self._process is not None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(timeout=30)
            self._process = None

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
            self._process = None

    def restart(self) -> LocalHub:
        """A new server process on the same port and data folder."""
        self.stop()
        return self.start()

    def env(self, home: Path, token: str | None = "default", xet: bool = False) -> dict[str, str]:
        """Environment of a client process using this server (its own caches under ``home``);
        ``xet=True`` leaves Xet uploads enabled, as in a client not set up for this server."""
        env = {key: value for key, value in os.environ.items() if not key.startswith(("HF_", "HUGGINGFACE_"))}
        env.update(
            HF_ENDPOINT=self.url,
            HF_HUB_DISABLE_XET="1",
            HF_HOME=str(home / "hf-home"),
            HF_DATASETS_CACHE=str(home / "datasets-cache"),
            HF_HUB_DISABLE_TELEMETRY="1",
            HF_UPDATE_DOWNLOAD_COUNTS="0",
            HF_HUB_DISABLE_PROGRESS_BARS="1",
            PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        )
        if xet:
            del env["HF_HUB_DISABLE_XET"]
        token = self.token if token == "default" else token
        if token:
            env["HF_TOKEN"] = token
        return env
