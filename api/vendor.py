"""Browser components we serve ourselves (no CDN): installed from npm by `make setup`.

The registry below says which npm package, at which pinned version, gives which files; setup
installs them under build/npm and copies only those files into api/static/vendor/<name>/. A
folder already holding the pinned version is left alone, so a second setup does nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

VENDOR = Path(__file__).parent / "static" / "vendor"
NPM_PREFIX = Path("build") / "npm"


@dataclass(frozen=True)
class Asset:
    name: str                 # folder under /static/vendor/
    package: str              # npm package
    version: str              # pinned
    files: tuple[str, ...]    # paths inside the package, copied flat

    @property
    def folder(self) -> Path:
        return VENDOR / self.name

    def installed(self) -> bool:
        stamp = self.folder / "VERSION"
        return (stamp.exists() and stamp.read_text().strip() == self.version
                and all((self.folder / Path(f).name).exists() for f in self.files))


# The one inline <style> YASGUI inserts (its result table's column resizer), by its CSP hash:
# /sparql allows exactly this element and no other inline style. A new YASGUI version may
# change it; the browser tests fail on any CSP violation, and Chromium's message names the hash.
EDITOR_STYLE_HASHES = ("sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk=",)

ASSETS = (
    Asset("yasgui", "@zazuko/yasgui", "4.6.2", ("build/yasgui.min.js", "build/yasgui.min.css")),
    Asset("swagger-ui", "swagger-ui-dist", "5.36.0",
          ("swagger-ui-bundle.js", "swagger-ui.css")),
    Asset("redoc", "redoc", "2.5.0", ("bundles/redoc.standalone.js",)),
)


def missing() -> list[Asset]:
    return [a for a in ASSETS if not a.installed()]


def install(assets: list[Asset], prefix: Path = NPM_PREFIX) -> None:
    """npm install the pinned packages (quietly) and copy their files into the vendor folder."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is missing: install Node.js 18+ (Debian: apt-get install nodejs "
                         "npm), then run `make setup` again")
    specs = [f"{a.package}@{a.version}" for a in assets]
    print(f"installing browser components from npm: {', '.join(specs)} …", flush=True)
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund",
                    "--loglevel=error", "--legacy-peer-deps", "--no-save", *specs], check=True)
    for a in assets:
        source = prefix / "node_modules" / a.package
        found = json.loads((source / "package.json").read_text())["version"]
        if found != a.version:
            raise SystemExit(f"npm gave {a.package} {found}, not the pinned {a.version}")
        a.folder.mkdir(parents=True, exist_ok=True)
        for f in a.files:
            shutil.copyfile(source / f, a.folder / Path(f).name)
        (a.folder / "VERSION").write_text(a.version + "\n")


def main() -> None:
    todo = missing()
    if todo:  # nothing to say when everything is in place
        install(todo)


if __name__ == "__main__":
    sys.exit(main())
