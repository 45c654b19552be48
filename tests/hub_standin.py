"""A local stand-in for the Hugging Face Hub HTTP API, for tests only. It is NOT the Hub.

The Hub cannot be reached from where these tests run, and no installable server implements its upload API, so
the tests start this stand-in on 127.0.0.1 (a free port, a background thread), point ``HF_ENDPOINT`` at it with
``HF_HUB_DISABLE_XET=1`` and drive the real ``huggingface_hub`` and ``datasets`` clients through it. It answers
the requests those clients make to create, upload to, inspect and download from a *dataset* repository, with the
Hub's status codes, JSON bodies and ``X-Error-Code``/``X-Error-Message`` headers:

- ``POST /api/repos/create`` (409 with the repo ``url`` when it exists, 400 on an invalid name)
- ``GET /api/datasets/{id}`` and ``GET /api/datasets/{id}/revision/{rev}``
- ``PUT /api/datasets/{id}/settings`` (``private``/``visibility`` and ``gated``)
- ``POST /api/datasets/{id}/branch/{branch}``
- ``POST /api/validate-yaml``
- ``POST /api/datasets/{id}/preupload/{rev}`` (``uploadMode`` regular/lfs, ``oid`` of the file already there)
- ``POST /datasets/{id}.git/info/lfs/objects/batch`` (basic transfer), the ``PUT`` to the returned href and the
  ``verify`` call
- ``POST /api/datasets/{id}/commit/{rev}`` (NDJSON ``header``/``file``/``lfsFile``/``deletedFile``/
  ``deletedFolder``; 412 when ``parentCommit`` is not the head)
- ``GET /api/datasets/{id}/tree/{rev}[/{path}]`` (recursive, cursor pagination with a ``Link`` header)
  and ``POST /api/datasets/{id}/paths-info/{rev}``
- ``GET|HEAD /datasets/{id}/resolve/{rev}/{path}`` (``ETag``, ``X-Linked-Etag``, ``X-Repo-Commit``, ``Range``)
- anything else is a JSON 404 (e.g. ``/api/agent-harnesses``), recorded with the route ``"unknown"``.

Repositories live in a directory with real history: each commit has an oid, its parents, a title, a description
and a full snapshot of the tree; small files are stored as git blobs under their git sha1, LFS objects per
repository under their sha256, and a commit may only point to an LFS object that was uploaded and verified.

Access: tokens are registered with ``add_token`` (a user namespace, read or write). An unknown token
gets 401 on every endpoint, a missing token 401 on writes, a token without write rights on the namespace 403.
Private repositories are visible only to tokens of their namespace; files of gated repositories likewise
(access requests are not modelled).

Tests can inject failures (``inject(route, Fault.http_error(429), times=n)``, ``Fault.drop()`` to close the
connection without an answer, ``Fault.drop_midway()`` to read half the request body and then close), run code
just before a request is handled (``before_next("commit", ...)``, e.g. a concurrent commit), and inspect the
result (``head``, ``commits``, ``files``, ``repo_settings``, ``requests``, ``errors``).

Left out, so a passing test proves nothing about them: Xet storage, multipart LFS transfer, pull requests, tags,
organisations, model and Space repositories, ``expand``/``blobs`` file metadata, the Hub's full card metadata
schema (validate-yaml only checks that the front matter is a YAML mapping), and redirects of LFS downloads to a
CDN (LFS files are served directly, with the headers the Hub puts on the redirect).
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import re
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import yaml

DEFAULT_BRANCH = "main"
# Files above this size must go through LFS on the Hub.
REGULAR_FILE_MAX_SIZE = 10 * 1024 * 1024
TREE_PAGE_SIZE = 1000
# The Hub's own words for a stale parentCommit.
CONCURRENT_COMMIT_MESSAGE = "A commit has happened since. Please refresh and try again."
# An abbreviated copy of the .gitattributes the Hub writes into every new dataset repository.
INITIAL_GITATTRIBUTES = "".join(
    f"{pattern} filter=lfs diff=lfs merge=lfs -text\n"
    for pattern in ("*.7z", "*.arrow", "*.bin", "*.bz2", "*.gz", "*.h5", "*.lz4", "*.npy", "*.npz", "*.parquet",
                    "*.pickle", "*.pkl", "*.pt", "*.safetensors", "*.tar", "*.tgz", "*.xz", "*.zip", "*.zst",
                    "*.mp3", "*.wav", "*.jpg", "*.jpeg", "*.png", "*.webp")
)
_REPO_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?")
_REPO = r"/(?P<namespace>[^/]+)/(?P<name>[^/]+)"


# ------------------------------------------------------------------------------------------------------------
# What tests configure and inspect


@dataclass(frozen=True)
class Token:
    """The rights a token carries: read everything in its user's namespace, write to it if ``can_write``."""

    user: str
    can_write: bool


@dataclass(frozen=True)
class Fault:
    """A failure the stand-in produces instead of answering a request."""

    kind: Literal["status", "drop", "drop_midway"]
    status: int | None = None
    message: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def http_error(cls, status: int, message: str | None = None, headers: dict[str, str] | None = None) -> Fault:
        return cls("status", status, message or f"stand-in injected HTTP {status}", tuple((headers or {}).items()))

    @classmethod
    def drop(cls) -> Fault:
        """Read the request, then close the connection without an answer."""
        return cls("drop")

    @classmethod
    def drop_midway(cls) -> Fault:
        """Read half of the request body, then close the connection (an upload cut off midway)."""
        return cls("drop_midway")


@dataclass(frozen=True)
class FileEntry:
    size: int
    oid: str  # git blob sha1 of the content (regular file) or of the LFS pointer
    lfs_sha256: str | None = None
    lfs_pointer_size: int | None = None

    @property
    def is_lfs(self) -> bool:
        return self.lfs_sha256 is not None


@dataclass(frozen=True)
class Commit:
    oid: str
    parents: tuple[str, ...]
    title: str
    description: str
    author: str
    date: str
    files: dict[str, FileEntry]
    added: tuple[str, ...]
    modified: tuple[str, ...]
    deleted: tuple[str, ...]

    @property
    def changed_paths(self) -> set[str]:
        return {*self.added, *self.modified, *self.deleted}


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    route: str
    status: int | None  # None when the connection was dropped


# ------------------------------------------------------------------------------------------------------------
# Storage


class HubError(Exception):
    """An error answer, shaped as the Hub shapes it."""

    def __init__(self, status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.code, self.headers = status, message, code, headers or {}


def git_blob_oid(content: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def _lfs_pointer(sha256: str, size: int) -> bytes:
    return f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha256}\nsize {size}\n".encode()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _gitattributes_lfs_patterns(content: bytes) -> list[str]:
    patterns = []
    for line in content.decode(errors="replace").splitlines():
        parts = line.split()
        if len(parts) > 1 and "filter=lfs" in parts[1:]:
            patterns.append(parts[0])
    return patterns


def _matches_gitattributes(path: str, pattern: str) -> bool:
    # A pattern without a slash matches the file name at any depth, as in git.
    return fnmatch.fnmatchcase(path if "/" in pattern else path.rsplit("/", 1)[-1], pattern)


class _Repository:
    """One dataset repository on disk: settings, branches, commits, blobs and LFS objects."""

    def __init__(self, root: Path, repo_id: str):
        self.root, self.repo_id = root, repo_id

    @classmethod
    def create(cls, root: Path, repo_id: str, *, private: bool, author: str) -> _Repository:
        """A new repository whose first commit holds the Hub's default .gitattributes, as on the Hub."""
        for folder in ("commits", "blobs", "lfs"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        repository = cls(root, repo_id)
        repository._write_json("settings.json", {"private": private, "gated": False, "createdAt": _now()})
        attributes = INITIAL_GITATTRIBUTES.encode()
        files = {".gitattributes": FileEntry(size=len(attributes), oid=repository.put_blob(attributes))}
        oid = repository.write_commit(parent=None, files=files, title="initial commit", description="", author=author)
        repository._write_json("refs.json", {DEFAULT_BRANCH: oid})
        return repository

    # settings and refs -------------------------------------------------------------------------------------
    def _read_json(self, name: str) -> Any:
        return json.loads((self.root / name).read_text())

    def _write_json(self, name: str, value: Any) -> None:
        tmp = self.root / f".{name}.tmp"
        tmp.write_text(json.dumps(value, indent=1, sort_keys=True))
        tmp.replace(self.root / name)

    @property
    def settings(self) -> dict[str, Any]:
        return self._read_json("settings.json")

    def update_settings(self, **changes: Any) -> None:
        self._write_json("settings.json", {**self.settings, **changes})

    @property
    def branches(self) -> dict[str, str]:
        return self._read_json("refs.json")

    def set_branch(self, branch: str, oid: str) -> None:
        self._write_json("refs.json", {**self.branches, branch: oid})

    # objects -----------------------------------------------------------------------------------------------
    def put_blob(self, content: bytes) -> str:
        oid = git_blob_oid(content)
        (self.root / "blobs" / oid).write_bytes(content)
        return oid

    def lfs_path(self, sha256: str) -> Path:
        return self.root / "lfs" / sha256

    def has_lfs(self, sha256: str, size: int | None = None) -> bool:
        path = self.lfs_path(sha256)
        return path.is_file() and (size is None or path.stat().st_size == size)

    def put_lfs(self, content: bytes) -> str:
        sha256 = hashlib.sha256(content).hexdigest()
        self.lfs_path(sha256).write_bytes(content)
        return sha256

    def content_path(self, entry: FileEntry) -> Path:
        return self.lfs_path(entry.lfs_sha256) if entry.is_lfs else self.root / "blobs" / entry.oid

    def lfs_entry(self, sha256: str) -> FileEntry:
        size = self.lfs_path(sha256).stat().st_size
        pointer = _lfs_pointer(sha256, size)
        return FileEntry(size=size, oid=git_blob_oid(pointer), lfs_sha256=sha256, lfs_pointer_size=len(pointer))

    # commits -----------------------------------------------------------------------------------------------
    def commit(self, oid: str) -> Commit:
        raw = json.loads((self.root / "commits" / f"{oid}.json").read_text())
        files = {path: FileEntry(**entry) for path, entry in raw.pop("files").items()}
        return Commit(files=files, **{k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})

    def resolve(self, revision: str) -> str | None:
        """The commit a branch name, a full oid or an oid prefix of at least 7 digits points to."""
        if revision in self.branches:
            return self.branches[revision]
        if re.fullmatch(r"[0-9a-f]{7,40}", revision):
            matches = [p.stem for p in (self.root / "commits").glob(f"{revision}*.json")]
            if len(matches) == 1:
                return matches[0]
        return None

    def history(self, oid: str) -> Iterator[Commit]:
        """The commit and its first-parent ancestors, newest first."""
        current: str | None = oid
        while current is not None:
            commit = self.commit(current)
            yield commit
            current = commit.parents[0] if commit.parents else None

    def write_commit(self, *, parent: str | None, files: dict[str, FileEntry], title: str, description: str,
                     author: str) -> str:
        before = self.commit(parent).files if parent else {}
        record = {
            "parents": [parent] if parent else [],
            "title": title,
            "description": description,
            "author": author,
            "date": _now(),
            "files": {path: entry.__dict__ for path, entry in sorted(files.items())},
            "added": sorted(files.keys() - before.keys()),
            "modified": sorted(p for p in files.keys() & before.keys() if files[p] != before[p]),
            "deleted": sorted(before.keys() - files.keys()),
        }
        oid = hashlib.sha1(json.dumps(record, sort_keys=True).encode()).hexdigest()
        (self.root / "commits" / f"{oid}.json").write_text(json.dumps({"oid": oid, **record}, sort_keys=True))
        return oid

    # derived views -----------------------------------------------------------------------------------------
    def upload_mode(self, commit_oid: str, path: str, size: int, sample: bytes) -> str:
        attributes = self.commit(commit_oid).files.get(".gitattributes")
        patterns = _gitattributes_lfs_patterns(self.content_path(attributes).read_bytes()) if attributes else []
        if size > REGULAR_FILE_MAX_SIZE or b"\0" in sample or any(_matches_gitattributes(path, p) for p in patterns):
            return "lfs"
        return "regular"

    def tree_entries(self, commit_oid: str, directory: str, *, recursive: bool) -> list[dict[str, Any]]:
        """Entries under ``directory`` ("" for the root), as the tree endpoint lists them."""
        files = self.commit(commit_oid).files
        prefix = f"{directory}/" if directory else ""
        entries: dict[str, dict[str, Any]] = {}
        for path, entry in files.items():
            if not path.startswith(prefix):
                continue
            parts = path[len(prefix):].split("/")
            for depth in range(1, len(parts)):
                folder = prefix + "/".join(parts[:depth])
                if depth == 1 or recursive:
                    entries.setdefault(folder, self.folder_entry(files, folder))
            if len(parts) == 1 or recursive:
                entries[path] = self.file_entry(path, entry)
        return [entries[path] for path in sorted(entries)]

    @staticmethod
    def file_entry(path: str, entry: FileEntry) -> dict[str, Any]:
        described: dict[str, Any] = {"type": "file", "oid": entry.oid, "size": entry.size, "path": path}
        if entry.is_lfs:
            described["lfs"] = {"oid": entry.lfs_sha256, "size": entry.size, "pointerSize": entry.lfs_pointer_size}
        return described

    @staticmethod
    def folder_entry(files: dict[str, FileEntry], folder: str) -> dict[str, Any]:
        inside = sorted((p, e.oid) for p, e in files.items() if p.startswith(folder + "/"))
        tree_oid = hashlib.sha1(json.dumps(inside).encode()).hexdigest()
        return {"type": "directory", "oid": tree_oid, "size": 0, "path": folder}


# ------------------------------------------------------------------------------------------------------------
# The stand-in


class HubStandIn:
    """The stand-in server and its state. Start it with ``start()``; ``reset()`` empties it between tests."""

    ROUTES: list[tuple[str, str, str]] = [
        # (methods, path regex, route name)
        ("POST", r"/api/repos/create", "create_repo"),
        ("GET", rf"/api/datasets{_REPO}(?:/revision/(?P<revision>[^/]+))?", "repo_info"),
        ("PUT", rf"/api/datasets{_REPO}/settings", "settings"),
        ("POST", rf"/api/datasets{_REPO}/branch/(?P<branch>[^/]+)", "create_branch"),
        ("POST", r"/api/validate-yaml", "validate_yaml"),
        ("POST", rf"/api/datasets{_REPO}/preupload/(?P<revision>[^/]+)", "preupload"),
        ("POST", rf"/datasets{_REPO}\.git/info/lfs/objects/batch", "lfs_batch"),
        ("PUT", rf"/lfs-storage/datasets{_REPO}/(?P<sha256>[0-9a-f]{{64}})", "lfs_upload"),
        ("POST", rf"/datasets{_REPO}\.git/info/lfs/objects/verify", "lfs_verify"),
        ("POST", rf"/api/datasets{_REPO}/commit/(?P<revision>[^/]+)", "commit"),
        ("GET", rf"/api/datasets{_REPO}/tree/(?P<revision>[^/]+)(?:/(?P<path>.*))?", "tree"),
        ("POST", rf"/api/datasets{_REPO}/paths-info/(?P<revision>[^/]+)", "paths_info"),
        ("GET HEAD", rf"/datasets{_REPO}/resolve/(?P<revision>[^/]+)/(?P<path>.+)", "resolve"),
    ]
    ROUTE_NAMES = frozenset(name for _, _, name in ROUTES)

    def __init__(self, root: Path, host: str = "127.0.0.1"):
        self._lock = threading.RLock()
        self._root = root
        self._tokens: dict[str, Token] = {}
        self._faults: dict[str, list[list[Any]]] = {}
        self._hooks: dict[str, list[Callable[[], None]]] = {}
        self._signed_uploads: dict[tuple[str, str], int] = {}
        self.tree_page_size = TREE_PAGE_SIZE
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []
        self._server = ThreadingHTTPServer((host, 0), _Handler)
        self._server.daemon_threads = True
        self._server.hub = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None
        self._routes = [(frozenset(methods.split()), re.compile(regex), name) for methods, regex, name in self.ROUTES]

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> HubStandIn:
        self._thread = threading.Thread(target=self._server.serve_forever, name="hub-standin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self, root: Path) -> None:
        """Forget every repository, token, fault, hook and recorded request; store new repositories in ``root``."""
        with self._lock:
            self._root = root
            self.tree_page_size = TREE_PAGE_SIZE
            self._tokens.clear()
            self._faults.clear()
            self._hooks.clear()
            self._signed_uploads.clear()
            self.requests.clear()
            self.errors.clear()

    # configuration -----------------------------------------------------------------------------------------
    def add_token(self, token: str, user: str, *, can_write: bool = True) -> None:
        self._tokens[token] = Token(user, can_write)

    def inject(self, route: str, fault: Fault, times: int = 1) -> None:
        """Answer the next ``times`` requests to ``route`` with ``fault`` instead of handling them."""
        self._check_route(route)
        with self._lock:
            self._faults.setdefault(route, []).append([fault, times])

    def before_next(self, route: str, callback: Callable[[], None]) -> None:
        """Run ``callback`` in the server just before the next request to ``route`` is handled."""
        self._check_route(route)
        with self._lock:
            self._hooks.setdefault(route, []).append(callback)

    def _check_route(self, route: str) -> None:
        if route not in self.ROUTE_NAMES:
            raise ValueError(f"unknown route {route!r}; one of {sorted(self.ROUTE_NAMES)}")

    # direct access for tests (what another client of the Hub could do) --------------------------------------
    def create_repo(self, repo_id: str) -> None:
        """Create a public repository, as its owner would."""
        with self._lock:
            if self._repository(repo_id) is not None:
                raise ValueError(f"{repo_id} exists")
            self._create_repository(repo_id, private=False, author=repo_id.split("/")[0])

    def commit_files(self, repo_id: str, files: dict[str, bytes]) -> str:
        """Add or replace files on the default branch, as another writer would (a concurrent commit, say)."""
        with self._lock:
            repository = self._existing(repo_id)
            head = repository.branches[DEFAULT_BRANCH]
            tree = dict(repository.commit(head).files)
            for path, content in files.items():
                if repository.upload_mode(head, path, len(content), content[:512]) == "lfs":
                    tree[path] = repository.lfs_entry(repository.put_lfs(content))
                else:
                    tree[path] = FileEntry(size=len(content), oid=repository.put_blob(content))
            oid = repository.write_commit(parent=head, files=tree, title="Commit from another client",
                                          description="", author="another-client")
            repository.set_branch(DEFAULT_BRANCH, oid)
            return oid

    def head(self, repo_id: str, revision: str = DEFAULT_BRANCH) -> str | None:
        repository = self._repository(repo_id)
        return repository.resolve(revision) if repository else None

    def commits(self, repo_id: str, revision: str = DEFAULT_BRANCH) -> list[Commit]:
        """History of ``revision``, newest first."""
        repository = self._existing(repo_id)
        return list(repository.history(repository.branches[revision]))

    def files(self, repo_id: str, revision: str = DEFAULT_BRANCH) -> dict[str, bytes]:
        repository = self._existing(repo_id)
        oid = repository.resolve(revision)
        if oid is None:
            raise KeyError(f"no revision {revision} in {repo_id}")
        commit = repository.commit(oid)
        return {path: repository.content_path(entry).read_bytes() for path, entry in commit.files.items()}

    def repo_settings(self, repo_id: str) -> dict[str, Any]:
        return self._existing(repo_id).settings

    def has_lfs_object(self, repo_id: str, sha256: str) -> bool:
        return self._existing(repo_id).has_lfs(sha256)

    def requests_to(self, route: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.route == route]

    # repositories ------------------------------------------------------------------------------------------
    def _repository(self, repo_id: str) -> _Repository | None:
        root = self._root / "datasets" / repo_id
        return _Repository(root, repo_id) if (root / "refs.json").is_file() else None

    def _existing(self, repo_id: str) -> _Repository:
        repository = self._repository(repo_id)
        if repository is None:
            raise KeyError(f"no repository {repo_id} on the stand-in")
        return repository

    def _create_repository(self, repo_id: str, *, private: bool, author: str) -> _Repository:
        return _Repository.create(self._root / "datasets" / repo_id, repo_id, private=private, author=author)

    # request handling --------------------------------------------------------------------------------------
    def _route(self, method: str, path: str) -> tuple[str, dict[str, str]]:
        for methods, regex, name in self._routes:
            match = regex.fullmatch(path)
            if match and method in methods:
                return name, {k: unquote(v) for k, v in match.groupdict().items() if v is not None}
        return "unknown", {}

    def _take_fault_and_hooks(self, route: str) -> tuple[Fault | None, list[Callable[[], None]]]:
        with self._lock:
            hooks = self._hooks.pop(route, [])
            queue = self._faults.get(route, [])
            if not queue:
                return None, hooks
            fault, remaining = queue[0]
            if remaining <= 1:
                queue.pop(0)
            else:
                queue[0][1] = remaining - 1
            return fault, hooks

    def _token(self, request: _Request) -> Token | None:
        header = request.headers.get("authorization")
        if header is None:
            return None
        scheme, _, secret = header.partition(" ")
        token = self._tokens.get(secret.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            raise HubError(401, "Invalid credentials in Authorization header")
        return token

    def _readable(self, request: _Request, params: dict[str, str]) -> _Repository:
        repo_id = f"{params['namespace']}/{params['name']}"
        repository = self._repository(repo_id)
        token = self._token(request)
        if repository is None or (repository.settings["private"] and not _may_read(token, repo_id)):
            # Like the Hub: never reveal whether a private repository exists.
            raise HubError(401 if token is None else 404, f"Repository not found: {repo_id}", code="RepoNotFound")
        return repository

    def _writable(self, request: _Request, params: dict[str, str]) -> tuple[_Repository, Token]:
        token = self._token(request)
        if token is None:
            raise HubError(401, "You must be authenticated to write to a repository.")
        repository = self._readable(request, params)
        if not (token.can_write and repository.repo_id.split("/")[0] == token.user):
            raise HubError(403, f"You don't have the rights to write to {repository.repo_id}: the token is "
                                f"read-only or does not belong to the namespace.")
        return repository, token

    @staticmethod
    def _commit_at(repository: _Repository, revision: str) -> str:
        oid = repository.resolve(revision)
        if oid is None:
            raise HubError(404, f"Invalid rev id: {revision}", code="RevisionNotFound")
        return oid

    # endpoints ---------------------------------------------------------------------------------------------
    def handle_create_repo(self, request: _Request, params: dict[str, str]) -> _Response:
        token = self._token(request)
        if token is None:
            raise HubError(401, "You must be authenticated to create a repository.")
        body = request.json()
        name, namespace = str(body.get("name", "")), body.get("organization") or token.user
        if body.get("type") != "dataset":
            raise HubError(400, "The stand-in only hosts dataset repositories.")
        if not _REPO_NAME.fullmatch(name) or "--" in name or ".." in name or name.endswith(".git"):
            raise HubError(400, f"Invalid repository name {name!r}: use 1 to 96 letters, digits, '-', '_' or '.', "
                                f"not starting or ending with '-' or '.', without '--' or '..'.")
        repo_id = f"{namespace}/{name}"
        url = f"{self.url}/datasets/{repo_id}"
        if not (token.can_write and namespace == token.user):
            raise HubError(403, f"You don't have the rights to create a dataset under the namespace {namespace!r}.")
        with self._lock:
            if self._repository(repo_id) is not None:
                return _Response.json({"error": "You already created this dataset repo", "url": url}, status=409)
            visibility = body.get("visibility", "public")
            self._create_repository(repo_id, private=visibility == "private", author=token.user)
        return _Response.json({"url": url, "name": repo_id}, status=200)

    def handle_repo_info(self, request: _Request, params: dict[str, str]) -> _Response:
        repository = self._readable(request, params)
        oid = self._commit_at(repository, params.get("revision", DEFAULT_BRANCH))
        commit, settings = repository.commit(oid), repository.settings
        siblings = [{"rfilename": path} for path in commit.files]
        info = {
            "id": repository.repo_id, "author": repository.repo_id.split("/")[0], "sha": oid,
            "lastModified": commit.date, "createdAt": settings["createdAt"], "private": settings["private"],
            "gated": settings["gated"], "disabled": False, "downloads": 0, "likes": 0, "tags": [],
            "siblings": siblings, "usedStorage": sum(e.size for e in commit.files.values()),
        }
        card = commit.files.get("README.md")
        if card is not None:
            metadata = _front_matter(repository.content_path(card).read_text(encoding="utf-8"))
            if isinstance(metadata, dict):
                info["cardData"] = metadata
        return _Response.json(info)

    def handle_settings(self, request: _Request, params: dict[str, str]) -> _Response:
        repository, _ = self._writable(request, params)
        body = request.json()
        changes: dict[str, Any] = {}
        if "gated" in body:
            if body["gated"] not in ("auto", "manual", False):
                raise HubError(400, "gated must be 'auto', 'manual' or false")
            changes["gated"] = body["gated"]
        if "visibility" in body or "private" in body:
            visibility = body.get("visibility", "private" if body.get("private") else "public")
            if visibility not in ("public", "private"):
                raise HubError(400, "visibility must be 'public' or 'private'")
            changes["private"] = visibility == "private"
        with self._lock:
            repository.update_settings(**changes)
        return _Response.json({})

    def handle_create_branch(self, request: _Request, params: dict[str, str]) -> _Response:
        repository, _ = self._writable(request, params)
        starting_point = request.json().get("startingPoint") or DEFAULT_BRANCH
        with self._lock:
            if params["branch"] in repository.branches:
                raise HubError(409, "Reference already exists")
            repository.set_branch(params["branch"], self._commit_at(repository, starting_point))
        return _Response.json({})

    def handle_validate_yaml(self, request: _Request, params: dict[str, str]) -> _Response:
        self._token(request)
        try:
            metadata = _front_matter(request.json().get("content", ""))
        except yaml.YAMLError as error:
            return _Response.json({"errors": [{"message": f"Invalid YAML in the card: {error}"}], "warnings": []},
                                  status=400)
        if metadata is None:
            return _Response.json({"errors": [], "warnings": [{"message": "empty or missing yaml metadata"}]})
        if not isinstance(metadata, dict):
            return _Response.json({"errors": [{"message": "The card's YAML metadata must be a mapping"}],
                                   "warnings": []}, status=400)
        return _Response.json({"errors": [], "warnings": []})

    def handle_preupload(self, request: _Request, params: dict[str, str]) -> _Response:
        repository, _ = self._writable(request, params)
        if request.query_flag("create_pr"):
            raise HubError(400, "The stand-in does not support pull requests.")
        oid = self._commit_at(repository, params["revision"])
        existing = repository.commit(oid).files
        answers = []
        for file in request.json()["files"]:
            sample = base64.b64decode(file["sample"])
            answer = {"path": file["path"], "shouldIgnore": False,
                      "uploadMode": repository.upload_mode(oid, file["path"], int(file["size"]), sample)}
            if file["path"] in existing:
                entry = existing[file["path"]]
                answer["oid"] = entry.lfs_sha256 if entry.is_lfs else entry.oid
            answers.append(answer)
        return _Response.json({"files": answers, "commitOid": oid})

    def handle_lfs_batch(self, request: _Request, params: dict[str, str]) -> _Response:
        repository, _ = self._writable(request, params)
        body = request.json()
        if body.get("operation") != "upload" or "basic" not in body.get("transfers", ["basic"]):
            raise HubError(400, "The stand-in only accepts uploads with the basic transfer.")
        objects = []
        for obj in body.get("objects", []):
            oid, size = str(obj.get("oid")), obj.get("size")
            if not re.fullmatch(r"[0-9a-f]{64}", oid) or not isinstance(size, int) or size < 0:
                objects.append({"oid": oid, "size": size if isinstance(size, int) else 0,
                                "error": {"code": 422, "message": "Invalid oid or size"}})
            elif repository.has_lfs(oid, size):
                objects.append({"oid": oid, "size": size})
            else:
                with self._lock:
                    self._signed_uploads[(repository.repo_id, oid)] = size
                objects.append({"oid": oid, "size": size, "authenticated": True, "actions": {
                    "upload": {"href": f"{self.url}/lfs-storage/datasets/{repository.repo_id}/{oid}"},
                    "verify": {"href": f"{self.url}/datasets/{repository.repo_id}.git/info/lfs/objects/verify"},
                }})
        return _Response.json({"transfer": "basic", "objects": objects}, content_type="application/vnd.git-lfs+json")

    def handle_lfs_upload(self, request: _Request, params: dict[str, str]) -> _Response:
        # A presigned storage URL: no Authorization, valid for the objects announced through the batch endpoint
        # (for the whole session: two files with the same content get the same URL, and both are PUT).
        repo_id, sha256 = f"{params['namespace']}/{params['name']}", params["sha256"]
        with self._lock:
            expected_size = self._signed_uploads.get((repo_id, sha256))
        repository = self._repository(repo_id)
        if expected_size is None or repository is None:
            raise HubError(403, "Request has expired or is not signed")
        content = request.body()
        if len(content) != expected_size or hashlib.sha256(content).hexdigest() != sha256:
            raise HubError(400, "The uploaded content does not match the announced oid and size")
        tmp = repository.lfs_path(sha256).with_suffix(".part")
        tmp.write_bytes(content)
        tmp.replace(repository.lfs_path(sha256))
        return _Response(200, b"", {"ETag": f'"{hashlib.md5(content).hexdigest()}"'})

    def handle_lfs_verify(self, request: _Request, params: dict[str, str]) -> _Response:
        repository, _ = self._writable(request, params)
        body = request.json()
        if not repository.has_lfs(str(body.get("oid")), body.get("size")):
            raise HubError(404, "Object not found")
        return _Response.json({})

    def handle_commit(self, request: _Request, params: dict[str, str]) -> _Response:
        repository, token = self._writable(request, params)
        if request.query_flag("create_pr"):
            raise HubError(400, "The stand-in does not support pull requests.")
        lines = [json.loads(line) for line in request.body().splitlines() if line.strip()]
        if not lines or lines[0].get("key") != "header":
            raise HubError(400, "The commit payload must start with a header")
        header = lines[0]["value"]
        branch = params["revision"]
        with self._lock:
            if branch not in repository.branches:
                raise HubError(404, f"Invalid rev id: {branch}", code="RevisionNotFound")
            head = repository.branches[branch]
            parent_commit = header.get("parentCommit")
            if parent_commit and not head.startswith(parent_commit):
                raise HubError(412, CONCURRENT_COMMIT_MESSAGE)
            files = dict(repository.commit(head).files)
            for operation in lines[1:]:
                self._apply(repository, files, operation["key"], operation["value"])
            oid = repository.write_commit(parent=head, files=files, title=header.get("summary", ""),
                                          description=header.get("description", ""), author=token.user)
            repository.set_branch(branch, oid)
        return _Response.json({"success": True, "commitOid": oid, "hookOutput": "",
                               "commitUrl": f"{self.url}/datasets/{repository.repo_id}/commit/{oid}"})

    @staticmethod
    def _apply(repository: _Repository, files: dict[str, FileEntry], key: str, value: dict[str, Any]) -> None:
        path = str(value.get("path", ""))
        if not path or path.startswith("/") or ".." in path.split("/") or path.split("/")[0] == ".git":
            raise HubError(400, f"Invalid path in commit: {path!r}")
        if key == "file":
            if value.get("encoding") != "base64":
                raise HubError(400, "Regular files must be sent base64-encoded")
            content = base64.b64decode(value["content"])
            files[path] = FileEntry(size=len(content), oid=repository.put_blob(content))
        elif key == "lfsFile":
            sha256 = str(value.get("oid"))
            if not repository.has_lfs(sha256, value.get("size")):
                raise HubError(400, f"Your push was rejected because an LFS pointer pointed to a file that does not "
                                    f"exist: {path} (oid {sha256})")
            files[path] = repository.lfs_entry(sha256)
        elif key == "deletedFile":
            if files.pop(path, None) is None:
                raise HubError(404, f"A file with this name doesn't exist: {path}", code="EntryNotFound")
        elif key == "deletedFolder":
            inside = [p for p in files if p.startswith(path.rstrip("/") + "/")]
            if not inside:
                raise HubError(404, f"A folder with this name doesn't exist: {path}", code="EntryNotFound")
            for p in inside:
                del files[p]
        else:
            raise HubError(400, f"Unknown commit operation {key!r}")

    def handle_tree(self, request: _Request, params: dict[str, str]) -> _Response:
        repository = self._readable(request, params)
        oid = self._commit_at(repository, params["revision"])
        directory = params.get("path", "").strip("/")
        entries = repository.tree_entries(oid, directory, recursive=request.query_flag("recursive"))
        if directory and not entries:
            raise HubError(404, f"Directory not found: {directory}", code="EntryNotFound")
        start = int(request.query.get("cursor", ["0"])[0])
        end = start + self.tree_page_size
        page = entries[start:end]
        headers = {}
        if end < len(entries):
            query = {k: v[0] for k, v in request.query.items()} | {"cursor": str(end)}
            headers["Link"] = f'<{self.url}{request.path}?{urlencode(query)}>; rel="next"'
        return _Response.json(page, headers=headers)

    def handle_paths_info(self, request: _Request, params: dict[str, str]) -> _Response:
        repository = self._readable(request, params)
        oid = self._commit_at(repository, params["revision"])
        files = repository.commit(oid).files
        found = []
        for path in parse_qs(request.body().decode()).get("paths", []):
            path = path.strip("/")
            if path in files:
                found.append(repository.file_entry(path, files[path]))
            elif any(p.startswith(path + "/") for p in files):
                found.append(repository.folder_entry(files, path))
        return _Response.json(found)

    def handle_resolve(self, request: _Request, params: dict[str, str]) -> _Response:
        repository = self._readable(request, params)
        repo_id = repository.repo_id
        if repository.settings["gated"] and not _may_read(self._token(request), repo_id):
            raise HubError(403, f"Access to dataset {repo_id} is restricted. You must have access to it and be "
                                f"authenticated to access it. Please log in.", code="GatedRepo")
        oid = self._commit_at(repository, params["revision"])
        entry = repository.commit(oid).files.get(params["path"])
        if entry is None:
            raise HubError(404, f"Entry not found: {params['path']}", code="EntryNotFound",
                           headers={"X-Repo-Commit": oid})
        headers = {"X-Repo-Commit": oid, "ETag": f'"{entry.oid}"', "Accept-Ranges": "bytes"}
        if entry.is_lfs:
            headers.update({"X-Linked-Etag": f'"{entry.lfs_sha256}"', "X-Linked-Size": str(entry.size)})
        content = repository.content_path(entry).read_bytes()
        status, content = _apply_range(request.headers.get("range"), content, headers)
        return _Response(status, content, headers, content_type="application/octet-stream")


def _may_read(token: Token | None, repo_id: str) -> bool:
    return token is not None and repo_id.split("/")[0] == token.user


def _front_matter(card: str) -> Any:
    """The parsed YAML front matter of a card, or None when it has none."""
    match = re.match(r"\A---\r?\n(.*?)\r?\n---\s*(?:\r?\n|\Z)", card, flags=re.DOTALL)
    return yaml.safe_load(match.group(1)) if match else None


def _apply_range(range_header: str | None, content: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    if range_header is None:
        return 200, content
    match = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", range_header)
    size = len(content)
    if match is None or match.groups() == ("", ""):
        raise HubError(416, f"Unsupported range {range_header!r}", headers={"Content-Range": f"bytes */{size}"})
    first, last = match.groups()
    start, end = (int(first), min(int(last) if last else size - 1, size - 1)) if first else (
        max(size - int(last), 0), size - 1)
    if start >= size or start > end:
        raise HubError(416, "Range not satisfiable", headers={"Content-Range": f"bytes */{size}"})
    headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    return 206, content[start:end + 1]


# ------------------------------------------------------------------------------------------------------------
# HTTP plumbing


@dataclass
class _Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"

    @classmethod
    def json(cls, value: Any, *, status: int = 200, headers: dict[str, str] | None = None,
             content_type: str = "application/json") -> _Response:
        return cls(status, json.dumps(value).encode(), headers or {}, content_type)


class _Request:
    def __init__(self, handler: _Handler, method: str):
        self._handler = handler
        self.method = method
        split = urlsplit(handler.path)
        self.path, self.query = split.path, parse_qs(split.query)
        self.headers = {k.lower(): v for k, v in handler.headers.items()}
        self._body: bytes | None = None

    def query_flag(self, name: str) -> bool:
        return self.query.get(name, ["false"])[0].lower() in ("1", "true")

    def body(self, limit: int | None = None) -> bytes:
        """The request body (read once); with ``limit``, read only that many bytes and leave the rest."""
        if self._body is not None:
            return self._body
        stream = self._handler.rfile
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while (size := int(stream.readline().split(b";")[0], 16)) > 0:
                chunks.append(stream.read(size))
                stream.readline()
                if limit is not None and sum(map(len, chunks)) >= limit:
                    return b"".join(chunks)
            stream.readline()
            data = b"".join(chunks)
        else:
            length = int(self.headers.get("content-length", "0"))
            if limit is not None and limit < length:
                return stream.read(limit)
            data = stream.read(length)
        self._body = data
        return data

    def json(self) -> Any:
        return json.loads(self.body() or b"{}")

    @property
    def declared_length(self) -> int:
        return int(self.headers.get("content-length", "0"))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hub-standin"

    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stand-in stays quiet
        pass

    def _handle(self, method: str) -> None:
        hub: HubStandIn = self.server.hub  # type: ignore[attr-defined]
        request = _Request(self, method)
        route, params = hub._route(method, request.path)
        fault, hooks = hub._take_fault_and_hooks(route)
        for hook in hooks:
            try:
                hook()
            except Exception:  # a broken test hook: report it through the fixture, still answer the request
                hub.errors.append(f"hook before {method} {request.path}\n{traceback.format_exc()}")
        if fault is not None and fault.kind != "status":
            request.body(limit=request.declared_length // 2 if fault.kind == "drop_midway" else None)
            hub.requests.append(RecordedRequest(method, request.path, route, None))
            self.close_connection = True
            return
        try:
            if fault is not None:
                raise HubError(fault.status or 500, fault.message or "", headers=dict(fault.headers))
            if route == "unknown":
                raise HubError(404, f"Not found: {method} {request.path} (not implemented by the Hub stand-in)")
            response = getattr(hub, f"handle_{route}")(request, params)
        except HubError as error:
            headers = {"X-Error-Message": error.message, **error.headers}
            if error.code:
                headers["X-Error-Code"] = error.code
            response = _Response.json({"error": error.message}, status=error.status, headers=headers)
        except Exception:  # a bug in the stand-in: answer 500 and let the test fixture report it
            hub.errors.append(f"{method} {request.path}\n{traceback.format_exc()}")
            response = _Response.json({"error": "stand-in internal error"}, status=500)
        request.body()  # drain what the handler did not read, so the connection can be reused
        hub.requests.append(RecordedRequest(method, request.path, route, response.status))
        self.send_response(response.status)
        for name, value in {"Content-Type": response.content_type, **response.headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(response.body)


