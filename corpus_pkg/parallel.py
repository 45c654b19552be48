"""Independent tasks after pass 1 run side by side in forked processes, on the cores pass 1's workers used.

After pass 1 a build with several workers has cores left idle while one process deduplicates and writes. The
parts that depend on nothing but what pass 1 left (the candidate blocks of deduplication, the articles and the
pages configs) are run in processes forked from the build's, which see its arrays and spools without copying
them; what each part decides comes back pickled. The build's output is the same bytes however the parts run.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable


def side_by_side(tasks: dict[str, Callable[[], object]], processes: int) -> dict[str, object]:
    """{name: task()} for every task. With `processes` > 1 (where the platform can fork), every task but the
    first runs in a process forked from this one (at most `processes` - 1 of them) while this one runs the
    first; else they run here one after the other. A task's result comes back pickled; whatever else it
    changes in its process is lost, so a task returns all it decides. Tasks that write files write their own,
    so the bytes are the same however they are run. An error of a task is raised here once every task has
    ended."""
    names = list(tasks)
    if processes <= 1 or len(names) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return {name: task() for name, task in tasks.items()}
    forked = {name: _forked(tasks[name]) for name in names[1 : processes]}
    try:
        results = {names[0]: tasks[names[0]]()}
    finally:
        answers = {name: wait_for() for name, wait_for in forked.items()}   # every child waited for, even on error
    for name in names[1:]:
        if name in answers:
            ok, value = answers[name]
            if not ok:
                raise value
            results[name] = value
        else:       # more tasks than processes: the rest here
            results[name] = tasks[name]()
    return {name: results[name] for name in names}


def _forked(task: Callable[[], object]) -> Callable[[], tuple[bool, object]]:
    """`task()` started in a forked child process; returns the function that waits for it and gives (True, its
    result) or (False, the exception it raised)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:       # the child: run, send the answer, leave without the parent's exit handlers
        try:
            os.close(read)
            try:
                answer = pickle.dumps((True, task()))
            except BaseException as error:      # noqa: BLE001 (given to the parent, which raises it)
                try:
                    answer = pickle.dumps((False, error))
                except Exception:               # noqa: BLE001 (an exception that does not pickle)
                    answer = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
            with os.fdopen(write, "wb") as out:
                out.write(answer)
        finally:
            os._exit(0)
    os.close(write)

    def wait_for() -> tuple[bool, object]:
        with os.fdopen(read, "rb") as source:
            answer = source.read()
        _, status = os.waitpid(pid, 0)
        if not answer:
            return False, RuntimeError(f"a writing process ended without an answer (wait status {status})")
        return pickle.loads(answer)
    return wait_for
