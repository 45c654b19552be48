"""A real Ray cluster on 127.0.0.1 for the tests: a head node and worker nodes, each its own raylet with its own
worker processes, all registered under 127.0.0.1.

Ray resolves a loopback node address to the address this machine's route to the internet leaves from
(`ray._private.services.resolve_ip_for_localhost`), unless Ray clusters are switched off
(`RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0`, the Windows/macOS default); and with them switched off, `ray start
--address` refuses to start a worker node. So the nodes are started by Ray's own multi-node test cluster
(`ray.cluster_utils.Cluster`, "Tips for testing Ray programs" in Ray's docs), given node_ip_address 127.0.0.1,
in one launcher process (this file run as a script) with clusters switched off: nothing it starts registers
or connects under another address. Stopping the launcher (SIGTERM) shuts down exactly the processes it
started, never another program's Ray. Its ports are chosen free, the dashboard is off, usage statistics are
off (Ray must not try to reach the network), and the object store is kept small, so the cluster fits a
2-core shared machine.
"""

from __future__ import annotations

import json
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

# RAY_AUTH_MODE set for the nodes and every driver alike: left unset, Ray turns token authentication on for a
# node when it finds ~/.ray/auth_token (which a local `ray.init()` writes) but not for a driver joining it.
# ENV is what the tests' drivers (builds) run with: the engine keeps itself on 127.0.0.1 (engines/ray.py).
ENV = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}
# the launcher and the probe: Ray's resolution of 127.0.0.1 to another address switched off (see above)
LOOPBACK_ENV = {**ENV, "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def _ports() -> dict[str, int]:
    """Every port a node listens on, chosen free (Ray's defaults would collide between nodes and sessions)."""
    return {name: free_port() for name in ("node_manager_port", "object_manager_port", "dashboard_agent_listen_port",
                                           "metrics_agent_port", "runtime_env_agent_port", "metrics_export_port")}


def serve(port: int, workers: int, cpus: int, store: int, temp_dir: str) -> None:
    """The launcher: a head and `workers` worker nodes on 127.0.0.1, until SIGTERM; prints 'ready' when all are up."""
    os.environ.update(LOOPBACK_ENV)      # before Ray is imported: it reads the clusters switch once, at import
    # Ray's default temporary folder inside this cluster's own: `Cluster` writes the head's address to the default
    # folder's `ray_current_cluster` whatever the head's temp_dir (Ray 2.60), which fails where /tmp/ray does not
    # exist (a new machine) and would point another program's `ray.init()` at this cluster where it does
    os.environ["RAY_TMPDIR"] = temp_dir
    os.makedirs(os.path.join(temp_dir, "ray"), exist_ok=True)
    from ray.cluster_utils import Cluster

    common = {"node_ip_address": LOOPBACK, "num_cpus": cpus, "object_store_memory": store}
    cluster = Cluster(initialize_head=True, shutdown_at_exit=True,
                      head_node_args={**common, **_ports(), "gcs_server_port": port, "include_dashboard": False,
                                      "temp_dir": temp_dir})
    for _ in range(workers):
        cluster.add_node(**common, **_ports())
    signal.signal(signal.SIGTERM, lambda *_: (cluster.shutdown(), os._exit(0)))
    print("ready", flush=True)
    while True:
        signal.pause()


class LocalRayCluster:
    """`with LocalRayCluster(workers=1) as cluster:` a head (1 CPU) and `workers` worker nodes (1 CPU each);
    `cluster.address` is what `--ray-address` takes."""

    def __init__(self, workers: int = 1, cpus_per_node: int = 1, object_store_bytes: int = 150_000_000):
        self.n_workers, self.cpus, self.store = workers, cpus_per_node, object_store_bytes
        self.nodes: list[subprocess.Popen] = []      # the launcher, whose descendants are every node's processes
        self.temp_dir = Path(tempfile.mkdtemp(prefix="rt"))   # short: Ray's socket paths have a length limit
        self.address = f"{LOOPBACK}:{free_port()}"

    def __enter__(self) -> "LocalRayCluster":
        try:
            log = open(self.temp_dir / "launcher.log", "wb")
            self.nodes.append(subprocess.Popen(
                [sys.executable, __file__, self.address.rsplit(":", 1)[1], str(self.n_workers), str(self.cpus),
                 str(self.store), str(self.temp_dir)],
                stdout=log, stderr=subprocess.STDOUT, env=LOOPBACK_ENV, start_new_session=True))
            self._wait_for_nodes(1 + self.n_workers)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def node_addresses(self) -> list[str]:
        """The NodeManagerAddress of every live node (`ray.nodes()`, asked from a separate driver process)."""
        probe = ("import json, ray, sys; ray.init(address=sys.argv[1], logging_level='ERROR', log_to_driver=False); "
                 "print(json.dumps([n['NodeManagerAddress'] for n in ray.nodes() if n['Alive']]))")
        out = subprocess.run([sys.executable, "-c", probe, self.address], capture_output=True, text=True,
                             env=LOOPBACK_ENV, timeout=60)
        self.last_probe = out.stderr[-3000:]
        if out.returncode != 0 or not out.stdout.strip():
            return []
        return json.loads(out.stdout.strip().splitlines()[-1])

    def _wait_for_nodes(self, n: int, timeout: float = 120) -> None:
        """Until `n` nodes are alive in the cluster (asked from a separate process, so this one never joins)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.nodes[0].poll() is not None:
                raise RuntimeError(f"the Ray launcher exited ({self.nodes[0].returncode}); see {self.temp_dir}/launcher.log")
            try:
                if len(self.node_addresses()) == n:
                    return
            except subprocess.TimeoutExpired:
                continue
            time.sleep(1)
        raise TimeoutError(f"the Ray cluster did not reach {n} nodes in {timeout:.0f} s")

    def processes(self) -> list[psutil.Process]:
        """Every process of the cluster (the launcher and its descendants)."""
        found = []
        for node in self.nodes:
            try:
                launcher = psutil.Process(node.pid)
                found += [launcher, *launcher.children(recursive=True)]
            except psutil.Error:
                continue
        return found

    def task_processes(self, name: str) -> list[psutil.Process]:
        """This cluster's worker processes now running a task of the given function name (`ray::name`)."""
        found = []
        for process in self.processes():
            try:
                if " ".join(process.cmdline()).startswith(f"ray::{name}"):
                    found.append(process)
            except psutil.Error:
                continue
        return found

    def stop(self) -> None:
        """SIGTERM to the launcher (it shuts its nodes down); what outlives it is killed, then the temp dir goes."""
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


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
