"""A real Ray cluster on 127.0.0.1 for the tests: a head node and worker nodes, each its own `ray start` process.

Every node is started with `ray start --block` as a child of the test process, so stopping it (SIGTERM to that
`ray start`) takes down exactly the processes that node started: unlike `ray stop`, which stops every Ray node
of the machine, it cannot touch a cluster another program runs here. Its ports are chosen free, the dashboard
is off, usage statistics are off (RAY_USAGE_STATS_ENABLED=0: Ray must not try to reach the network), and the
object store is kept small, so the cluster fits a 2-core shared machine.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

RAY = str(Path(sys.executable).with_name("ray"))
# RAY_AUTH_MODE set for the nodes and every driver alike: left unset, Ray turns token authentication on for a
# node when it finds ~/.ray/auth_token (which a local `ray.init()` writes) but not for a driver joining it
ENV = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalRayCluster:
    """`with LocalRayCluster(workers=1) as cluster:` a head (1 CPU) and `workers` worker nodes (1 CPU each);
    `cluster.address` is what `--ray-address` takes."""

    def __init__(self, workers: int = 1, cpus_per_node: int = 1, object_store_bytes: int = 150_000_000):
        self.n_workers, self.cpus, self.store = workers, cpus_per_node, object_store_bytes
        self.nodes: list[subprocess.Popen] = []
        self.temp_dir = Path(tempfile.mkdtemp(prefix="rt"))   # short: Ray's socket paths have a length limit
        self.address = f"127.0.0.1:{free_port()}"

    def _start(self, *args: str) -> subprocess.Popen:
        ports = ["--node-manager-port", str(free_port()), "--object-manager-port", str(free_port()),
                 "--dashboard-agent-listen-port", str(free_port()), "--dashboard-agent-grpc-port", str(free_port()),
                 "--runtime-env-agent-port", str(free_port()), "--metrics-export-port", str(free_port())]
        command = [RAY, "start", "--block", "--node-ip-address", "127.0.0.1", "--num-cpus", str(self.cpus),
                   "--object-store-memory", str(self.store), "--disable-usage-stats", *ports, *args]
        log = open(self.temp_dir / f"node{len(self.nodes)}.log", "wb")
        node = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=ENV, start_new_session=True)
        self.nodes.append(node)
        return node

    def __enter__(self) -> "LocalRayCluster":
        try:
            self._start("--head", "--port", self.address.rsplit(":", 1)[1], "--include-dashboard", "false",
                        "--temp-dir", str(self.temp_dir))
            self._wait_for_nodes(1)
            for _ in range(self.n_workers):
                self._start("--address", self.address)
            self._wait_for_nodes(1 + self.n_workers)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _wait_for_nodes(self, n: int, timeout: float = 120) -> None:
        """Until `n` nodes are alive in the cluster (asked from a separate process, so this one never joins)."""
        probe = ("import ray, sys; ray.init(address=sys.argv[1], logging_level='ERROR', log_to_driver=False); "
                 "print(sum(1 for n in ray.nodes() if n['Alive']))")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for node in self.nodes:
                if node.poll() is not None:
                    raise RuntimeError(f"a Ray node exited ({node.returncode}); see {self.temp_dir}/node*.log")
            try:
                out = subprocess.run([sys.executable, "-c", probe, self.address], capture_output=True, text=True,
                                     env=ENV, timeout=60)
            except subprocess.TimeoutExpired:
                continue
            self.last_probe = out.stderr[-3000:]
            if out.returncode == 0 and out.stdout.strip().splitlines()[-1:] == [str(n)]:
                return
            time.sleep(1)
        raise TimeoutError(f"the Ray cluster did not reach {n} nodes in {timeout:.0f} s")

    def task_processes(self, name: str) -> list[psutil.Process]:
        """This cluster's worker processes now running a task of the given function name (`ray::name`)."""
        found = []
        for node in self.nodes:
            try:
                for child in psutil.Process(node.pid).children(recursive=True):
                    if " ".join(child.cmdline()).startswith(f"ray::{name}"):
                        found.append(child)
            except psutil.Error:
                continue
        return found

    def stop(self) -> None:
        """SIGTERM to each node's `ray start --block` (workers first); what outlives it is killed, then the temp dir goes."""
        for node in reversed(self.nodes):
            descendants = _descendants(node.pid)
            if node.poll() is None:
                node.send_signal(signal.SIGTERM)
                try:
                    node.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    node.kill()
                    node.wait()
            _, alive = psutil.wait_procs(descendants, timeout=10)
            for process in alive:
                try:
                    process.kill()
                except psutil.Error:
                    pass
        self.nodes.clear()
        shutil.rmtree(self.temp_dir, ignore_errors=True)


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []
