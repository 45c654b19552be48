"""Inputs and outputs named by URI: `s3://bucket/prefix`, `gs://bucket/prefix`, or any other protocol of fsspec
(https://filesystem-spec.readthedocs.io; `memory://` for one process, `abfs://`, ...). fsspec comes with
`datasets`; its S3 and GCS file systems, s3fs and gcsfs, with `pip install "corpus-pkg[cloud]"`. A `file://` URI
is a local path, with every guarantee of a local folder. `BuildConfig.storage.options` are passed to the file
system (e.g. `endpoint_url` for MinIO or another S3-compatible store); by default s3fs and gcsfs use the usual
credential chains (environment, config files, instance roles).

**Input.** The engine copies the files under the URI (every object below the prefix, `fs.find`) into the staging
folder, under the URI's last segment (`.input/seeds/` for `s3://bucket/x/seeds`): the local engine with fsspec's
own concurrent batch copy, the Ray engine in parallel tasks, one per batch of files. The build then reads that
folder exactly as it reads a local folder of the same name: the same kinds of file, the same decoding, the same
reports, which name each file as a local build does, relative to the input's parent (`seeds/a/b.html`), with the
URI in the report's `input_dir`. So a build of `s3://bucket/x/seeds` writes the same Parquet, card and manifest
bytes as a build of a local `seeds/` holding the same files; only build-report.json (not in the manifest) records
where the input was. The copy costs disk of the input's size (on the driver, or for Ray in the staging folder
every node sees) while the build runs, and goes with the staging folder. Keys a folder cannot hold (a key that is
also a "folder" of other keys, `..` or empty segments) stop the build with one line naming them.

**Output.** An object store cannot rename a prefix, so a URI output is replaced in steps (`publish`):

1. one build at a time: the lock object `.NAME.lock` beside the output prefix is created with a conditional
   write (fsspec `pipe_file(mode="create")`: S3's `If-None-Match: *`, GCS's create-only mode; on a store with
   neither, fsspec checks existence first, and two builds starting in the same instant could both pass). A
   build killed outright leaves its lock: the next build on the same host takes it over once that process is
   gone (removing the staged prefix the lock names); from another host the build is refused, naming the lock;
2. the build is made in a local staging folder (`storage.staging_dir`, default the system's temporary folder);
   a build that fails uploads nothing;
3. the finished folder is uploaded under the staged prefix `.NAME.staging-XXXXXXXX/` beside the output, the
   manifest last; if the upload fails, the staged prefix is deleted and the output is as it was;
4. the swap: the output's `manifest.json` is deleted first, every file is copied from the staged prefix inside
   the store (no data through this machine), files of the previous build the new one does not have are deleted,
   and `manifest.json` is written last; then the staged prefix is deleted. This swap (seconds: server-side copies)
   is the one window in which a reader can see files of two builds, and then there is no `manifest.json`: a
   prefix with a `manifest.json` holds one complete build, whose every file the manifest lists with its SHA-256.
   If the swap fails, the error names the staged prefix, which still holds the complete new build.

As for a folder, a prefix that holds objects but no `manifest.json` is not replaced (a mistyped --output).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import re
import secrets
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath

from .output import BuildError
from .write import MANIFEST

URI = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+)://")
CLOUD = "pip install 'corpus-pkg[cloud]'"
INPUT_COPY = ".input"      # inside the staging folder; removed before the card is written


def is_uri(value) -> bool:
    """True for a URI string (`s3://...`); a Path is not (`location` makes `file://` URIs Paths)."""
    return isinstance(value, str) and URI.match(value) is not None


def location(value: str | Path) -> str | Path:
    """A config's folder value: a URI kept as a string, its scheme in lower case (schemes are case-insensitive,
    RFC 3986 section 3.1; fsspec knows only the lower-case names), without a trailing slash; a `file://` URI or
    anything else a Path. An empty string stays empty (the config refuses it)."""
    if isinstance(value, Path) or value == "":
        return value
    match = URI.match(value)
    if match is None:
        return Path(value)
    scheme = match.group(1).lower()
    if scheme in ("file", "local"):
        return Path(value[match.end():] or "/")
    return f"{scheme}://" + value[match.end():].rstrip("/")


def _where(value: str | Path) -> str | Path:
    """`location` of a config value that may not have been validated (`build(config, input_dir=...)` copies
    the config with the overrides as given)."""
    return location(value) if isinstance(value, str) else value


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextmanager
def _store_errors(uri: str, doing: str) -> Iterator[None]:
    """What the file system raises (OSError, botocore's and google-auth's errors...) as one-line BuildErrors."""
    try:
        yield
    except BuildError:
        raise
    except FileNotFoundError as exc:
        raise BuildError(f"{uri}: {doing}: not found ({_first_line(exc)})") from None
    except Exception as exc:       # the client libraries' own exception classes differ by protocol
        raise BuildError(f"{uri}: {doing}: {type(exc).__name__}: {_first_line(exc)}") from None


@dataclass
class Store:
    """A prefix of a file system: `fs` (an fsspec file system) and `root` (the prefix, in `fs`'s own form)."""

    uri: str
    fs: object
    root: str

    @classmethod
    def open(cls, uri: str, options: dict | None = None) -> "Store":
        """Raises BuildError naming the URI when its protocol is unknown or its library is not installed."""
        import fsspec
        from fsspec.registry import known_implementations

        protocol = URI.match(uri).group(1).lower()
        try:
            fs, root = fsspec.core.url_to_fs(uri, **(options or {}))
        except ImportError:
            package = known_implementations.get(protocol, {}).get("class", protocol).split(".")[0]
            hint = CLOUD if package in ("s3fs", "gcsfs") else f"pip install {package}"
            raise BuildError(f"{uri}: {protocol}:// needs {package}, which is not installed: {hint}") from None
        except ValueError as exc:
            if "Protocol not known" in str(exc):
                raise BuildError(f"{uri}: unknown storage protocol {protocol!r} (fsspec's protocols: s3, gs, "
                                 f"abfs, memory, ...; {CLOUD} for s3 and gs)") from None
            raise BuildError(f"{uri}: {_first_line(exc)}") from None
        except TypeError as exc:       # an option the file system does not take
            raise BuildError(f"{uri}: storage.options: {_first_line(exc)}") from None
        root = root.rstrip("/")
        if not posixpath.basename(root):
            raise BuildError(f"{uri}: names no folder (a bucket, or a prefix inside one)")
        return cls(uri, fs, root)

    @property
    def name(self) -> str:
        return posixpath.basename(self.root)

    def beside(self, name: str) -> str:
        """The path of `name` in the prefix's parent (where the lock and the staged prefix go)."""
        return posixpath.join(posixpath.dirname(self.root), name)

    def url(self, path: str) -> str:
        return self.fs.unstrip_protocol(path)

    def files(self) -> dict[str, int]:
        """{name relative to the prefix: size in bytes} of every object below it, sorted by name."""
        self.fs.invalidate_cache()
        found = self.fs.find(self.root, detail=True)
        return {path[len(self.root) + 1:]: int(info.get("size") or 0) for path, info in sorted(found.items())
                if info.get("type") != "directory" and path.startswith(self.root + "/")}


# ------------------------------------------------------------------------------------------------
# inputs


def check_locations(config) -> None:
    """The input exists (a folder, or a URI prefix with objects under it), and the output neither is the input,
    nor is inside it (the next build would read it, its lock and its staging folder as input), nor holds it (the
    build would read the previous build as input, then replace the input with its own output). Raises BuildError
    before anything is read or written."""
    source, target = _where(config.input_dir), _where(config.output_dir)
    if not is_uri(source):
        source = Path(source)
        if source.is_file():
            raise BuildError(f"{source}: is a file, not a folder: give the folder that holds it as the input")
        if not source.is_dir():
            raise BuildError(f"{source}: input folder not found")
        nesting = None if is_uri(target) else _nesting(source.resolve(), Path(target).resolve())
    else:
        store = Store.open(source, config.storage.options)
        with _store_errors(source, "cannot list the input"):
            if not store.fs.isdir(store.root):
                if store.fs.isfile(store.root):
                    raise BuildError(f"{source}: is one object, not a prefix: give the prefix that holds it as "
                                     "the input")
                raise BuildError(f"{source}: input folder not found (no object under this prefix)")
        nesting = _nesting(PurePosixPath("/" + source), PurePosixPath("/" + target)) if is_uri(target) else None
    if nesting:
        raise BuildError(f"{target}: the output folder {nesting} the input folder {source}; choose an output "
                         "folder that neither is, holds nor is inside the input folder")


def _nesting(source: PurePath, target: PurePath) -> str | None:
    """How the output folder `target` overlaps the input folder `source` ("is", "is inside", "holds"), or None.
    Both absolute, symlinks resolved (URIs: "/" + the URI, so "s3://b/x" holds "s3://b/x/y", not "s3://b/xy")."""
    if target == source:
        return "is"
    if source in target.parents:
        return "is inside"
    if target in source.parents:
        return "holds"
    return None


def fetch(uri: str, options: dict, names: list[str], dest: Path) -> None:
    """Copy the objects `names` (relative to the prefix `uri`) to the same relative paths under `dest`, with
    fsspec's batch `get` (concurrent for s3fs and gcsfs). Raises BuildError naming the URI."""
    store = Store.open(uri, options)
    for name in names:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
    with _store_errors(uri, "cannot copy the input"):
        store.fs.get([f"{store.root}/{name}" for name in names], [str(dest / name) for name in names])


@contextmanager
def local_input(config, staging: Path, engine, progress=None) -> Iterator[Path]:
    """The input folder the build reads: the configured folder itself, or the copy of a URI's files in the
    staging folder (made by `engine.fetch_input(uri, options, names, dest)`, removed on leaving)."""
    source = _where(config.input_dir)
    if not is_uri(source):
        yield Path(source)
        return
    store = Store.open(source, config.storage.options)
    with _store_errors(source, "cannot list the input"):
        files = store.files()
    _check_names(store, list(files))
    dest = staging / INPUT_COPY / store.name
    dest.mkdir(parents=True)
    if progress:
        progress(f"copying {len(files)} files ({sum(files.values()) / 1e6:.1f} MB) from {source}")
    try:
        engine.fetch_input(source, config.storage.options, list(files), dest)
        yield dest
    finally:
        shutil.rmtree(staging / INPUT_COPY, ignore_errors=True)


def _check_names(store: Store, names: list[str]) -> None:
    """Every key must be a path a folder can hold: no empty, '.' or '..' segment, no key that is also a prefix."""
    bad = [n for n in names if any(part in ("", ".", "..") for part in n.split("/"))]
    as_folders = {n.rsplit("/", 1)[0] for n in names if "/" in n}
    folders = {prefix for n in as_folders for prefix in _prefixes(n)}
    bad += [n for n in names if n in folders]
    if bad:
        shown = ", ".join(store.url(f"{store.root}/{n}") for n in bad[:3]) + (", ..." if len(bad) > 3 else "")
        raise BuildError(f"{store.uri}: {len(bad)} key(s) no folder can hold ({shown}): a key that is also the "
                         "prefix of other keys, or an empty, '.' or '..' segment; rename them")


def _prefixes(folder: str) -> Iterator[str]:
    parts = folder.split("/")
    for n in range(1, len(parts) + 1):
        yield "/".join(parts[:n])


# ------------------------------------------------------------------------------------------------
# outputs


@contextmanager
def staged_output(config) -> Iterator[Path]:
    """An empty staging folder; on success it replaces the output (a folder: `output.staged_output`; a URI:
    `ObjectLock.publish`, see the module docstring); on failure it is removed and the output stays as it was."""
    target = _where(config.output_dir)
    if not is_uri(target):
        from .output import staged_output as folder_output

        with folder_output(Path(target)) as staging:
            yield staging
        return
    store = Store.open(target, config.storage.options)
    if not posixpath.dirname(store.root):
        raise BuildError(f"{store.uri}: name a prefix inside the bucket (e.g. {store.uri}/dataset), not the "
                         "bucket itself: the lock and the staged build go beside the output")
    with ObjectLock(store) as lock:
        lock.check_replaceable()
        staging_dir = config.storage.staging_dir
        if staging_dir is not None:
            Path(staging_dir).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="corpus-pkg-", dir=staging_dir) as scratch:
            staging = Path(scratch) / store.name
            staging.mkdir()
            yield staging
            lock.publish(staging)


class ObjectLock:
    """The right to write one URI output, held from `__enter__` to `__exit__`: the object `.NAME.lock` beside it,
    created only if absent. It records the holder (pid, host, start) and its staged prefix once it has one."""

    def __init__(self, store: Store):
        self.store, self.fs = store, store.fs
        self.path = store.beside(f".{store.name}.lock")
        self.record: dict = {}

    def __enter__(self) -> "ObjectLock":
        self.record = {"pid": os.getpid(), "host": socket.gethostname(),
                       "started": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        with _store_errors(self.store.uri, "cannot take the output's lock"):
            if not self._create():
                holder = self._read()
                if not self._is_abandoned(holder):
                    raise BuildError(
                        f"{self.store.uri}: another build{_describe(holder)} holds the lock "
                        f"{self.store.url(self.path)}; wait for it to finish, or if no build is running, delete "
                        "the lock (and the staged prefix it names) and build again")
                self._remove_staged(holder)
                self.fs.rm_file(self.path)
                if not self._create():
                    raise BuildError(f"{self.store.uri}: another build took the lock {self.store.url(self.path)} "
                                     "as this one was taking it over from a killed build")
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.fs.rm_file(self.path)
        except Exception:   # noqa: BLE001 - the build's own error (or success) matters more than a stale lock
            pass

    def _create(self) -> bool:
        try:
            self.fs.pipe_file(self.path, json.dumps(self.record).encode(), mode="create")
        except FileExistsError:
            return False
        return True

    def _read(self) -> dict:
        try:
            record = json.loads(self.fs.cat_file(self.path))
        except (OSError, ValueError):
            return {}
        return record if isinstance(record, dict) else {}

    @staticmethod
    def _is_abandoned(holder: dict) -> bool:
        """The holder ran on this host and its process is gone (a lock from another host is never taken over)."""
        if holder.get("host") != socket.gethostname() or not isinstance(holder.get("pid"), int):
            return False
        try:
            os.kill(holder["pid"], 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    def _remove_staged(self, holder: dict) -> None:
        name = holder.get("staged")
        if isinstance(name, str) and re.fullmatch(rf"\.{re.escape(self.store.name)}\.staging-[0-9a-f]{{8}}", name):
            self.fs.rm(self.store.beside(name), recursive=True)

    def check_replaceable(self) -> None:
        """Refuse to replace a prefix holding objects but no manifest.json: a mistyped --output must not cost data."""
        with _store_errors(self.store.uri, "cannot list the output"):
            existing = self.store.files()
        if existing and MANIFEST not in existing:
            raise BuildError(f"{self.store.uri}: holds {len(existing)} object(s) but no {MANIFEST}: not a "
                             "corpus_pkg build (or one whose swap-in was interrupted); not replacing it")

    def publish(self, staging: Path) -> None:
        """Upload the finished `staging` folder to a staged prefix, then swap it in (module docstring, 3 and 4)."""
        name = f".{self.store.name}.staging-{secrets.token_hex(4)}"
        staged = self.store.beside(name)
        self.record["staged"] = name
        names = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
        names.sort(key=lambda n: n == MANIFEST)         # the manifest last: a staged prefix with it is complete
        with _store_errors(self.store.uri, "cannot upload the build; the output was left as it was"):
            self.fs.pipe_file(self.path, json.dumps(self.record).encode())
            try:
                for batch in (names[:-1], names[-1:]):
                    self.fs.put([str(staging / n) for n in batch], [f"{staged}/{n}" for n in batch])
            except BaseException:
                _remove_quietly(self.fs, staged)
                raise
        self._swap_in(staged, names)
        _remove_quietly(self.fs, staged)

    def _swap_in(self, staged: str, names: list[str]) -> None:
        root, fs = self.store.root, self.fs
        try:
            self.check_replaceable()
            previous = self.store.files()
            if MANIFEST in previous:
                fs.rm_file(f"{root}/{MANIFEST}")       # from here until the last copy, not a complete build
            body = [n for n in names if n != MANIFEST]
            fs.copy([f"{staged}/{n}" for n in body], [f"{root}/{n}" for n in body])
            stale = sorted(set(previous) - set(names))
            if stale:
                fs.rm([f"{root}/{n}" for n in stale])
            fs.copy(f"{staged}/{MANIFEST}", f"{root}/{MANIFEST}")
        except Exception as exc:
            raise BuildError(f"{self.store.uri}: the new build was uploaded but swapping it in failed "
                             f"({type(exc).__name__}: {_first_line(exc)}); the complete build is at "
                             f"{self.store.url(staged)}") from None


def _remove_quietly(fs, prefix: str) -> None:
    try:
        fs.rm(prefix, recursive=True)
    except Exception:   # noqa: BLE001 - nothing there (an upload that failed at once), or the store is gone
        pass


def _describe(record: dict) -> str:
    if "pid" not in record:
        return ""
    return f" (pid {record['pid']} on {record.get('host', '?')}, started {record.get('started', '?')})"
