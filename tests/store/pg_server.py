"""A throw-away PostgreSQL server for the tests: initdb + pg_ctl on a temporary folder.

It listens on 127.0.0.1 on a free port, trusts local connections and is stopped (and its
folder removed) when the tests end. It needs Debian's ``postgresql`` package (installed by
``./dev test``). PostgreSQL refuses to run as root, so as root the server runs as the
``postgres`` user the package creates. ``start()`` raises ``Unavailable`` with the reason
when any of this is missing; the tests then skip loudly.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path


class Unavailable(Exception):
    """No PostgreSQL server could be started here; the message says why."""


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise Unavailable(
            "Debian's postgresql package is not installed (no /usr/lib/postgresql/*/bin/pg_ctl)"
        )
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A running server; ``new_database()`` gives each test an empty database."""

    folder: Path
    port: int
    bin: Path
    run_as: list[str]

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of one of the server's databases."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database; its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        subprocess.run(
            [
                *self.run_as,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server:
    """Start a server on a free loopback port.

    Raises:
        Unavailable: the binaries, the ``postgres`` user (as root) or the start failed.
    """
    binaries = _binaries()
    folder = Path(tempfile.mkdtemp(prefix="alliance-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise Unavailable("running as root and there is no 'postgres' user") from exc
        os.chown(folder, account.pw_uid, account.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data, log = folder / "data", folder / "server.log"
    steps = [
        [
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        [
            str(binaries / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(log),
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ],
    ]
    for step in steps:
        done = subprocess.run([*run_as, *step], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            logged = log.read_text(errors="replace")[-500:] if log.exists() else ""
            shutil.rmtree(folder, ignore_errors=True)
            raise Unavailable(f"{Path(step[0]).name} failed: {' '.join(detail)} {logged}")
    return Server(folder, port, binaries, run_as)
