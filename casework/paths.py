"""Where the workstation keeps its files: the user's folders, overridable for tests and servers."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "intake-workstation"


@dataclass(frozen=True)
class AppPaths:
    """The four folders the program uses; each can be moved by an environment variable."""

    config_file: Path
    data_dir: Path
    log_dir: Path
    state_dir: Path

    @property
    def default_db_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'intake.sqlite3'}"

    @property
    def default_store_root(self) -> Path:
        return self.data_dir / "store"


def app_paths(environ: dict[str, str] | None = None) -> AppPaths:
    """Resolve the folders from INTAKE_* variables, else the platform's user folders."""
    env = os.environ if environ is None else environ
    home = env.get("INTAKE_HOME")
    if home:
        base = Path(home)
        defaults = (base / "config" / "settings.toml", base / "data", base / "logs", base / "state")
    else:
        defaults = (
            Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml",
            Path(platformdirs.user_data_dir(APP_NAME)),
            Path(platformdirs.user_log_dir(APP_NAME)),
            Path(platformdirs.user_state_dir(APP_NAME)),
        )
    return AppPaths(
        config_file=Path(env.get("INTAKE_CONFIG", defaults[0])),
        data_dir=Path(env.get("INTAKE_DATA_DIR", defaults[1])),
        log_dir=Path(env.get("INTAKE_LOG_DIR", defaults[2])),
        state_dir=Path(env.get("INTAKE_STATE_DIR", defaults[3])),
    )
