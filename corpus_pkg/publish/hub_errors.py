"""Errors from the Hub, explained: what went wrong and what to do; the token never shown."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

from .model import _TOKEN_HELP, PublishFailed


@contextmanager
def _explained_hub_errors(endpoint: str, repo_id: str, revision: str | None) -> Iterator[None]:
    try:
        yield
    except (httpx2.TransportError, HfHubHTTPError, RuntimeError, ValueError) as error:
        explanation = _explain(error, endpoint, repo_id, revision or "main")
        if explanation is None:
            raise
        raise PublishFailed(f"{explanation} No commit was made.") from error


def _explain(error: BaseException, endpoint: str, repo_id: str, branch: str) -> str | None:
    """A message saying what went wrong and what to do, from the root cause of `error`; None if not a Hub error."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, (httpx2.TransportError, HfHubHTTPError)):
        cause = cause.__cause__
    if isinstance(cause, httpx2.TransportError):
        return (f"The connection to the Hub at {endpoint} failed ({type(cause).__name__}: {cause}). Check the "
                f"network connection, the proxy settings and HF_ENDPOINT, then run publish again.")
    if not isinstance(cause, HfHubHTTPError):
        return None
    status, url_path = cause.response.status_code, cause.response.request.url.path
    server = f" The Hub says: {cause.server_message}" if cause.server_message else ""
    namespace = repo_id.split("/")[0]
    if status == 401:
        return f"The Hub rejected the token (401 Unauthorized): it is invalid, expired or revoked. {_TOKEN_HELP}"
    if status == 403 and "authorization" in cause.response.request.headers:
        return (f"The token may not write to {repo_id} (403 Forbidden): it is read-only, or it has no write access "
                f"to the namespace {namespace!r}. Use a token with the write role, or a fine-grained token with "
                f"write access to {namespace!r}.{server}")
    if status == 400 and url_path.endswith("/api/repos/create"):
        return f"The Hub rejected the repository name {repo_id!r} (400 Bad Request).{server}"
    if status == 400 and url_path.endswith("/api/validate-yaml"):
        return f"The Hub rejected the YAML metadata of README.md (400 Bad Request).{server}"
    if status == 412:
        return (f"Someone else committed to {repo_id} (branch {branch}) while this publish was running (412 "
                f"Precondition Failed on the parent commit). Run publish again: it plans against the new head.")
    if status == 429:
        retry_after = cause.response.headers.get("Retry-After")
        wait = f" for {retry_after} s" if retry_after else ""
        return f"The Hub is rate limiting these requests (429 Too Many Requests). Wait{wait} and run publish again."
    if isinstance(cause, RepositoryNotFoundError):
        return f"Repository {repo_id} was not found, or the token cannot see it ({status}).{server}"
    if status >= 500:
        return f"The Hub failed ({status}); try again later.{server}"
    return f"The Hub refused a request ({status} on {url_path}).{server}"


def _redact(text: str, token: str | None) -> str:
    """A last guard: whatever a server or library echoed, the token never reaches a message."""
    return text.replace(token, "hf_***") if token else text
