"""The README's example commands, run as a new user runs them, with the files `examples/` ships; profile and
config errors are one line, before anything is read; `--help` gives the defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpus_pkg import BuildConfig
from corpus_pkg.cli import main as cli
from corpus_pkg.config import ConfigError

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# A page of our own, in the furniture of the made-up site that examples/my-sites.toml describes.
HARBOUR_PAGE = """Harbour Herald

Ferry timetable changes from Monday

By Ann Example

12 March 2024

The harbour authority said on Tuesday that ferries to the outer islands will leave twenty minutes earlier from next week, because the evening tide now turns sooner than the old timetable assumed.

Island councillors said the change would help commuters but asked for a later boat on Fridays, when the market closes.

The authority said it would review the Friday service after a month and publish passenger counts for every crossing.

Send | Post | Save

Harbour Herald newsletter: sign up for the morning briefing
"""


def readme_commands() -> list[str]:
    """The `corpus-pkg` commands of the README's "Example files" section."""
    section = README.split("### Example files", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.startswith("corpus-pkg ")]


def run_readme_command(command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> tuple[int, str, str]:
    """Run one README command from the repository root, its output folder moved under tmp_path."""
    args = command.split()[1:]
    if args[0] == "build" and "--help" not in args:
        args += ["--output", str(tmp_path / "out"), "--quiet"]   # the last --output wins: the README's stays clean
    monkeypatch.chdir(ROOT)
    try:
        code = cli(args)
    except SystemExit as exc:      # --help
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_readme_example_commands_run_with_the_shipped_files(monkeypatch, tmp_path, capsys):
    commands = readme_commands()
    assert commands == ["corpus-pkg build --config examples/build.toml",
                        "corpus-pkg build --input seeds --output build/dataset --profile examples/my-sites.toml",
                        "corpus-pkg build --help"]
    for i, command in enumerate(commands):
        code, out, err = run_readme_command(command, monkeypatch, tmp_path / str(i), capsys)
        assert code == 0, (command, err)
        if "--help" in command:
            for option, default in (("--input", "seeds"), ("--output", "build/dataset"), ("--workers", "1"),
                                    ("--strict", "off"), ("--profile", "built-in profiles only")):
                assert re.search(rf"{option} .*?\(default: [^)]*{re.escape(default)}", " ".join(out.split())), option
        else:
            assert (tmp_path / str(i) / "out" / "README.md").is_file()
    # the example config's outlet rule applies: Sputnik's texts are withheld, its records ship
    articles = pq.read_table(tmp_path / "0" / "out" / "data").to_pylist()
    sputnik = [a for a in articles if a["outlet"] == "Sputnik"]
    assert sputnik and all(a["rights_status"] == "withheld" and a["text"] == "" for a in sputnik)


def test_the_example_config_loads_with_every_key_and_matches_the_defaults_it_states():
    config = BuildConfig.load(ROOT / "examples/build.toml", output_dir="out")
    defaults = BuildConfig()
    assert config.output_dir == Path("out") and config.profiles == [Path("examples/my-sites.toml")]
    for section in ("split", "dedup", "parquet"):
        assert getattr(config, section) == getattr(defaults, section), section
    assert (config.rights.default, config.rights.restricted) == (defaults.rights.default, defaults.rights.restricted)


def test_the_example_profile_removes_its_sites_furniture(tmp_path):
    from corpus_pkg import build

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "ferry.txt").write_text(HARBOUR_PAGE, encoding="utf-8")
    build(input_dir=pages, output_dir=tmp_path / "with", profiles=[ROOT / "examples/my-sites.toml"])
    build(input_dir=pages, output_dir=tmp_path / "without")

    def details(out: Path) -> set[str]:
        page = pq.read_table(out / "pages").to_pylist()[0]
        return {s["detail"] for s in page["spans"]}

    (article,) = pq.read_table(tmp_path / "with" / "data").to_pylist()
    assert "newsletter" not in article["text"] and "Send | Post" not in article["text"]
    assert article["text"].startswith("The harbour authority said")
    assert "newsletter_promo" in details(tmp_path / "with")
    assert "newsletter_promo" not in details(tmp_path / "without")


@pytest.mark.parametrize(("profile", "expected"), [
    (None, "cannot read profile: No such file or directory"),
    ('name = "x"\n[[site]]\nname = "A"\nmasthead = ["A"]\n',
     "unknown key 'site.0.masthead' (allowed here: name, mastheads, domains, categories), did you mean 'mastheads'?"),
    ('name = "x"\n[[furniture]]\nkind = "k"\npattern = "(unclosed"\n', "furniture kind 'k': bad pattern"),
    ("name = \n", "not valid TOML"),
])
def test_a_missing_or_bad_profile_is_one_line_before_anything_is_read(tmp_path, capsys, profile, expected):
    path = tmp_path / "my-sites.toml"
    if profile is not None:
        path.write_text(profile, encoding="utf-8")
    out = tmp_path / "out"

    code = cli(["build", "--input", str(ROOT / "seeds"), "--output", str(out), "--profile", str(path), "--quiet"])

    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith(f"corpus-pkg build: {path}: ") and expected in err, err
    assert "Traceback" not in err
    assert not out.exists() and not list(tmp_path.glob(".out*"))     # no staging folder: nothing was read
    with pytest.raises(ConfigError, match=re.escape(expected)):      # the Python API says the same
        BuildConfig.load(None, profiles=[path])
    with pytest.raises(ConfigError, match=re.escape(expected)):
        from corpus_pkg import build
        build(input_dir=ROOT / "seeds", output_dir=out, profiles=[path])


def test_a_profile_named_in_a_config_file_is_checked_too(tmp_path, capsys):
    config = tmp_path / "build.toml"
    config.write_text('profiles = ["nowhere/my-sites.toml"]\n', encoding="utf-8")
    code = cli(["build", "--config", str(config), "--output", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1 and err.strip() == "corpus-pkg build: nowhere/my-sites.toml: cannot read profile: No such file or directory"
