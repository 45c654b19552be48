"""The `corpus-pkg` command: argument parsing and printing only; every action is a Python API call."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import BuildConfig, ConfigError, EngineConfig

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130     # 128 + SIGINT, as shells report Ctrl-C
EXIT_BROKEN_PIPE = 141     # 128 + SIGPIPE, as shells report a reader that left


def _build(args: argparse.Namespace) -> int:
    from .pipeline import build, print_progress
    from .output import BuildError

    overrides = {"input_dir": args.input, "output_dir": args.output, "workers": args.workers,
                 "strict": True if args.strict else None}
    if args.profile:
        overrides["profiles"] = [Path(p) for p in args.profile]
    try:
        config = BuildConfig.load(args.config, **overrides)
        if args.card:
            config = config.model_copy(update={"card": config.card.model_copy(update={"file": args.card})})
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
        config = BuildConfig.load(args.config) if args.config else None
        print(explain_file(Path(args.file), profiles=[Path(p) for p in args.profile or []], layout=args.layout,
                           title=args.title, record=args.record, config=config), end="")
    except BrokenPipeError:
        raise       # not the file's fault: `main` stops quietly
    except (OSError, ValueError) as exc:
        print(f"corpus-pkg explain: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .validate import check

    result = check(Path(args.dir))
    if result.warnings:
        print(f"{args.dir}: {len(result.warnings)} warning(s)", file=sys.stderr)
        for warning in result.warnings:
            print(f"  - warning: {warning}", file=sys.stderr)
    if result.problems:
        print(f"{args.dir}: {len(result.problems)} problem(s)", file=sys.stderr)
        for problem in result.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.dir}: card, metadata, files and data agree"
          + (f" ({len(result.warnings)} warning(s) above)" if result.warnings else ""))
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from .card.statement import card_template

    path = Path(args.file)
    if path.exists() and not args.force:
        print(f"corpus-pkg init: {path} exists; not replacing it (use --force)", file=sys.stderr)
        return EXIT_FAILED
    try:
        path.write_text(card_template(), encoding="utf-8")
    except OSError as exc:
        print(f"corpus-pkg init: {path}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"wrote {path}: fill it in, then build with --card {path}")
    return EXIT_OK


def _publish(args: argparse.Namespace) -> int:
    from .publish import run_publish_cli

    return run_publish_cli(args)


def _default(key: str):
    """BuildConfig's default for a key, so --help shows what a build uses when the option is not given."""
    return BuildConfig.model_fields[key].default


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="corpus-pkg", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the dataset from a folder of pages",
                       description="Build the dataset. An option given here wins over the same key in --config; "
                                   "the defaults shown are BuildConfig's.")
    b.add_argument("--input", default=None, help="input folder, or a URI: s3://bucket/prefix, gs://... (needs "
                   f"corpus-pkg[cloud]) (default: {_default('input_dir')})")
    b.add_argument("--output", default=None, help="output folder, or a URI: s3://bucket/prefix, gs://... "
                   f"(default: {_default('output_dir')})")
    b.add_argument("--config", type=Path, default=None,
                   help="a TOML file with BuildConfig keys, e.g. examples/build.toml (default: none, all defaults)")
    b.add_argument("--profile", action="append",
                   help="an extra site-profile TOML file, e.g. examples/my-sites.toml; repeatable "
                        "(default: the built-in profiles only)")
    b.add_argument("--card", type=Path, default=None,
                   help="the builder's card file (title, summary, collection, uses...; see `corpus-pkg init`) "
                        "(default: none: what only the builder can say is printed as not stated)")
    b.add_argument("--workers", type=int, default=None,
                   help=f"processes used for reading and extraction (default: {_default('workers')})")
    b.add_argument("--strict", action="store_true",
                   help=f"treat every warning as a failure (default: {'on' if _default('strict') else 'off'})")
    b.add_argument("--engine", choices=["local", "ray"], default=None,
                   help="where the build runs: this machine's processes or a Ray cluster "
                        f"(default: {EngineConfig.model_fields['name'].default})")
    b.add_argument("--ray-address", default=None, metavar="ADDRESS",
                   help="the Ray cluster to join ('auto' or HOST:PORT); implies --engine ray "
                        "(default: none: Ray started on this machine)")
    b.add_argument("--quiet", action="store_true", help="no progress on stderr (default: progress is shown)")
    b.set_defaults(run=_build)

    e = sub.add_parser("explain", help="show the role given to every line of a page, and why")
    e.add_argument("file", help="a page (.txt, .html) or a WARC, JSON Lines, JSON or Parquet file, read as the "
                   "build reads it")
    e.add_argument("--record", type=int, default=None, metavar="N",
                   help="of a WARC, JSON Lines, JSON or Parquet file: only its Nth page, counting from 1 "
                        "(default: every page in turn)")
    e.add_argument("--config", type=Path, default=None,
                   help="the build's TOML config: its profiles, record field mapping, and layout and title for "
                        "this file's path (default: none, all defaults)")
    e.add_argument("--profile", action="append",
                   help="an extra site-profile TOML file; repeatable (default: the built-in profiles only)")
    e.add_argument("--layout", choices=["auto", "single", "multi"], default=None,
                   help="what the page holds: decide (auto), one article, or several (default: the config's "
                        "layout for this file, else auto)")
    e.add_argument("--title", choices=["auto", "first_line"], default=None,
                   help="the headline above the text (auto) or the file's first line (default: the config's "
                        "title rule for this file, else auto)")
    e.set_defaults(run=_explain)

    i = sub.add_parser("init", help="write the documented template of the builder's card file")
    i.add_argument("file", nargs="?", default="card.toml", help="where to write it (default: card.toml)")
    i.add_argument("--force", action="store_true", help="replace an existing file")
    i.set_defaults(run=_init)

    v = sub.add_parser("validate", help="check that a built folder's card, files and data agree")
    v.add_argument("dir")
    v.set_defaults(run=_validate)

    p = sub.add_parser("publish", help="publish a built folder to the Hugging Face Hub in one commit")
    p.add_argument("dir")
    p.add_argument("--repo-id", required=True, help="NAMESPACE/NAME")
    p.add_argument("--private", action="store_true",
                   help="create the repository private, or make it private (default: public, or as it is)")
    p.add_argument("--gated", action="store_true", help="ask for access requests, manual approval (default: not gated)")
    p.add_argument("--revision", default=None, help="branch to commit to (default: main)")
    p.add_argument("--message", default=None, help="commit message (default: a summary of what changed)")
    p.add_argument("--dry-run", action="store_true",
                   help="run the local checks and list every file to upload, with no network call (default: off)")
    p.add_argument("--compare-with-hub", action="store_true",
                   help="with --dry-run: read the repository and plan add/replace/delete against it (default: off)")
    p.add_argument("--allow-restricted-public", action="store_true",
                   help="publish texts flagged restricted to a public, ungated repo anyway (default: refused)")
    p.set_defaults(run=_publish)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # the reader of our output left early ('corpus-pkg explain FILE | head'): stop quietly, as Unix tools
        # do. Standard output goes to /dev/null so that the interpreter's last flush raises nothing (the recipe
        # of the Python docs, "Note on SIGPIPE"); a build's output folder was complete before its summary printed.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
