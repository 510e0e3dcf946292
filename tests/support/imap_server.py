"""A private IMAP server (Dovecot) for the mailbox tests, on 127.0.0.1 and a free port.

It runs in the foreground from a throw-away configuration: users from a passwd-file, mail in
Maildir folders under a temporary folder, no TLS (it listens on the loopback only). As an
unprivileged user every Dovecot process runs as that user; as root (a container, CI) they run as
the `dovecot` and `dovenull` accounts the Debian package creates, as Dovecot requires.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from imapclient import IMAPClient

USER, PASSWORD = "intake", "mailbox password 1"
START_TIMEOUT_S = 20.0


class NoDovecot(RuntimeError):
    """Dovecot is not installed; the message says how to install it."""


@dataclass
class ImapServer:
    """A running server with one user whose mail is under `root`."""

    process: subprocess.Popen[bytes]
    port: int
    root: Path
    host: str = "127.0.0.1"
    user: str = USER
    password: str = PASSWORD

    def client(self) -> IMAPClient:
        """A signed-in client, to put messages in and look at the folders."""
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        try:
            client.login(self.user, self.password)
        except BaseException:
            client.shutdown()
            raise
        return client

    def deliver(self, message: bytes, folder: str = "INBOX",
                arrived: datetime | None = None) -> None:
        """Put a message in a folder, as the mail server does when it arrives."""
        with self.client() as client:
            client.append(folder, message, msg_time=arrived)

    def uids(self, folder: str) -> list[int]:
        """The messages in a folder now."""
        with self.client() as client:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            return sorted(client.search(["ALL"]))

    def stop(self) -> None:
        """End the server and remove its folder (a second call does nothing)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def dovecot_binary() -> str:
    """Dovecot's program, or NoDovecot saying how to install it."""
    found = shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if Path(p).exists()), None)
    if found is None:
        raise NoDovecot("The mailbox tests need Dovecot's IMAP server: run "
                        "`scripts/install-system-packages.sh test` (it installs the Debian "
                        "package dovecot-imapd), then run the tests again.")
    return found


def start_imap_server(*, without_move: bool = False) -> ImapServer:
    """Start Dovecot with a configuration and mail of its own in a new temporary folder (not
    under pytest's, which Dovecot's accounts may not enter when the tests run as root).
    `without_move`: the server does not offer MOVE, as older servers do not."""
    binary = dovecot_binary()
    root = Path(tempfile.mkdtemp(prefix="intake-imap-"))
    port = _free_port()
    mail_owner, login_owner = _accounts()
    for name in ("run", "state", "home"):
        (root / name).mkdir(parents=True, exist_ok=True)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
    owner = pwd.getpwnam(mail_owner)
    if os.geteuid() == 0:
        root.chmod(0o755)  # the mail account must reach its home under it
        os.chown(root / "home", owner.pw_uid, owner.pw_gid)
    config = root / "dovecot.conf"
    config.write_text(_CONFIG.format(
        root=root, port=port, internal=mail_owner, group=grp.getgrgid(owner.pw_gid).gr_name,
        login=login_owner, uid=owner.pw_uid, gid=owner.pw_gid)
        + ("imap_capability = IMAP4rev1 LITERAL+ SASL-IR ID IDLE UIDPLUS\n"
           if without_move else ""), encoding="utf-8")
    with (root / "stderr.log").open("wb") as errors:
        process = subprocess.Popen([binary, "-F", "-c", str(config)],
                                   stdout=subprocess.DEVNULL, stderr=errors)
    server = ImapServer(process, port, root)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = [p.read_text(encoding="utf-8", errors="replace")
                    for p in (root / "stderr.log", root / "dovecot.log") if p.exists()]
            server.stop()
            raise RuntimeError("Dovecot did not start: " + " ".join(said))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"Dovecot did not listen on port {port} within {START_TIMEOUT_S:.0f} s")


def _accounts() -> tuple[str, str]:
    """Who owns the mail and who runs the login processes: the tests' own user, or (as root,
    which Dovecot refuses for both) the accounts the package created."""
    if os.geteuid() != 0:
        name = pwd.getpwuid(os.geteuid()).pw_name
        return name, name
    return "dovecot", "dovenull"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


_CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_internal_group = {group}
default_login_user = {login}
first_valid_uid = {uid}
first_valid_gid = {gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
# No chroot: an unprivileged user may not chroot, and the server is private to the tests.
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""
