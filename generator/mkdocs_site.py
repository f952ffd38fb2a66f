"""MkDocs (or ProperDocs), run as its own process, and the one setting the generator reads from `mkdocs.yml`.

The generator does not depend on MkDocs' internals: it writes `content/` and asks MkDocs to
build; a failed build is a `SiteBuildError`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from types import FrameType

from generator.errors import SiteBuildError
from generator.yamlfile import YamlError, load_yaml

CONFIG = "mkdocs.yml"


ENGINES = ("mkdocs", "properdocs")
"""Site builders that read this mkdocs.yml as it is; ARCHIVE_ENGINE chooses one (`make site ENGINE=…`)."""


def run_mkdocs(root: Path, *args: str, module: str | None = None) -> None:
    """MkDocs (or ProperDocs) with ARGS for the project at `root`; raises `SiteBuildError` when it fails.

    `module` runs in the engine's place: `generator.sitebuild` builds with the same engine.
    """
    engine = os.environ.get("ARCHIVE_ENGINE") or "mkdocs"
    if engine not in ENGINES:
        raise SiteBuildError(f"ARCHIVE_ENGINE={engine!r} is not one of {', '.join(ENGINES)}")
    command = [sys.executable, "-m", module or engine, *args, "--config-file", str(root / CONFIG)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's banner about MkDocs 2.0
    with subprocess.Popen(command, cwd=root, env=environment) as child:
        returncode = wait_forwarding_sigterm(child)
    if returncode != 0:
        raise SiteBuildError(f"{engine} {' '.join(args)} failed with exit code {returncode}")


def wait_forwarding_sigterm(child: subprocess.Popen[bytes]) -> int:
    """Wait for the engine; a SIGTERM sent to `archive` (a supervisor stopping `archive serve`) reaches it too.

    Ctrl-C already reaches the whole process group; without this a terminated `archive serve`
    would leave its `mkdocs serve` running, still holding the port.
    """
    def forward(signum: int, _frame: FrameType | None) -> None:
        child.send_signal(signum)

    if threading.current_thread() is not threading.main_thread():
        return child.wait()  # signal handlers can only be set from the main thread
    previous = signal.signal(signal.SIGTERM, forward)
    try:
        return child.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)


def site_url(root: Path) -> str | None:
    """Where the site is published, for absolute permanent links; None when it may live anywhere.

    Read as MkDocs reads `site_url: !ENV SITE_URL` in mkdocs.yml: from the environment variable
    `SITE_URL` at build time (the Pages workflow sets it), or a plain `site_url` written in mkdocs.yml.
    """
    if os.environ.get("SITE_URL"):
        return os.environ["SITE_URL"]
    try:
        config = load_yaml(root / CONFIG, CONFIG)
    except YamlError:
        return None
    value = config.get("site_url") if isinstance(config, dict) else None
    return value if isinstance(value, str) and value else None
