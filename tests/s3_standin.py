"""A local S3 stand-in for the tests: moto's ThreadedMotoServer (https://docs.getmoto.org, "Server mode") on
127.0.0.1, reached through the real s3fs client with `endpoint_url` pointing at it. Nothing leaves the loopback:
the credentials are given (so no credential chain or instance-metadata lookup runs) and the endpoint is local."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

# no AWS configuration of the machine is read, and botocore never asks an instance-metadata endpoint
ENV = {"AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


class S3StandIn:
    """`with S3StandIn() as s3:` a moto S3 server on 127.0.0.1; `s3.options` are the fsspec storage options for
    it (BuildConfig.storage.options), `s3.fs` an s3fs file system on it, `s3.config(path)` a build config naming it."""

    def __init__(self):
        from moto.server import ThreadedMotoServer

        os.environ.update(ENV)
        self.port = free_port()
        self.endpoint = f"http://{LOOPBACK}:{self.port}"
        self.server = ThreadedMotoServer(ip_address=LOOPBACK, port=self.port, verbose=False)
        self.options = {"endpoint_url": self.endpoint, "key": "testing", "secret": "testing"}

    def __enter__(self) -> "S3StandIn":
        import s3fs

        self.server.start()
        self.fs = s3fs.S3FileSystem(**self.options, skip_instance_cache=True, use_listings_cache=False)
        return self

    def __exit__(self, *exc) -> None:
        self.server.stop()

    def config(self, path: Path, extra: str = "") -> Path:
        """A build config (TOML) whose storage options name this server."""
        options = "".join(f"{key} = {json.dumps(value)}\n" for key, value in self.options.items())
        path.write_text(f"{extra}\n[storage.options]\n{options}", encoding="utf-8")
        return path

    def upload(self, folder: Path, prefix: str) -> str:
        """Every file below `folder` under `prefix` (bucket/key, the bucket made if missing); returns the s3:// URI."""
        bucket = prefix.split("/")[0]
        if not self.fs.exists(bucket):
            self.fs.mkdir(bucket)
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            self.fs.pipe_file(f"{prefix}/{path.relative_to(folder).as_posix()}", path.read_bytes())
        return f"s3://{prefix}"

    def objects(self, prefix: str) -> dict[str, bytes]:
        """{key below prefix: bytes} of every object under `prefix`."""
        self.fs.invalidate_cache()
        return {key[len(prefix) + 1:]: self.fs.cat_file(key) for key in sorted(self.fs.find(prefix))}
