"""The `corpus-pkg` command: argument parsing and printing only; every action is a Python API call."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import BuildConfig, ConfigError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130     # 128 + SIGINT, as shells report Ctrl-C


def _build(args: argparse.Namespace) -> int:
    from .pipeline import BuildError, build, print_progress

    overrides = {"input_dir": args.input, "output_dir": args.output, "workers": args.workers,
                 "strict": True if args.strict else None}
    if args.profile:
        overrides["profiles"] = [Path(p) for p in args.profile]
    try:
        config = BuildConfig.load(args.config, **overrides)
        if args.engine or args.ray_address:
            engine = {"name": args.engine or ("ray" if args.ray_address else None), "address": args.ray_address}
            config = config.model_copy(update={"engine": config.engine.model_copy(
                update={k: v for k, v in engine.items() if v is not None})})
        report = build(config, progress=None if args.quiet else print_progress)
    except (ConfigError, BuildError) as exc:
        print(f"corpus-pkg build: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:      # a full disk, an output folder that cannot be written
        print(f"corpus-pkg build: {exc}; the output folder was left as it was", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("corpus-pkg build: interrupted; the output folder was left as it was", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(report.summary())
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from .explain import explain_file

    try:
        print(explain_file(Path(args.file), profiles=[Path(p) for p in args.profile or []]), end="")
    except (OSError, ValueError) as exc:
        print(f"corpus-pkg explain: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate

    problems = validate(Path(args.dir))
    if problems:
        print(f"{args.dir}: {len(problems)} problem(s)", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.dir}: card, metadata, files and data agree")
    return EXIT_OK


def _publish(args: argparse.Namespace) -> int:
    from .publish import run_publish_cli

    return run_publish_cli(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="corpus-pkg", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the dataset from a folder of pages")
    b.add_argument("--input", type=Path, default=None, help="input folder (default: seeds)")
    b.add_argument("--output", type=Path, default=None, help="output folder (default: build/dataset)")
    b.add_argument("--config", type=Path, default=None, help="a TOML file with BuildConfig keys")
    b.add_argument("--profile", action="append", help="an extra site-profile TOML file (repeatable)")
    b.add_argument("--workers", type=int, default=None, help="processes used for reading and extraction")
    b.add_argument("--strict", action="store_true", help="treat every warning as a failure")
    b.add_argument("--engine", choices=["local", "ray"], default=None,
                   help="where the build runs: this machine's processes (default) or a Ray cluster")
    b.add_argument("--ray-address", default=None, metavar="ADDRESS",
                   help="the Ray cluster to join ('auto' or HOST:PORT); implies --engine ray")
    b.add_argument("--quiet", action="store_true", help="no progress on stderr")
    b.set_defaults(run=_build)

    e = sub.add_parser("explain", help="show the role given to every line of a page, and why")
    e.add_argument("file")
    e.add_argument("--profile", action="append", help="an extra site-profile TOML file (repeatable)")
    e.set_defaults(run=_explain)

    v = sub.add_parser("validate", help="check that a built folder's card, files and data agree")
    v.add_argument("dir")
    v.set_defaults(run=_validate)

    p = sub.add_parser("publish", help="publish a built folder to the Hugging Face Hub in one commit")
    p.add_argument("dir")
    p.add_argument("--repo-id", required=True, help="NAMESPACE/NAME")
    p.add_argument("--private", action="store_true")
    p.add_argument("--gated", action="store_true", help="ask for access requests (manual approval)")
    p.add_argument("--revision", default=None, help="branch to commit to (default: main)")
    p.add_argument("--message", default=None, help="commit message")
    p.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    p.add_argument("--allow-restricted-public", action="store_true",
                   help="publish texts flagged restricted to a public, ungated repo anyway")
    p.set_defaults(run=_publish)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
