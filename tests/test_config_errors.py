"""Issue 6: a bad configuration is refused with one line per problem naming the key and what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_pkg import BuildConfig, ConfigError
from corpus_pkg.cli import main

SECTIONS = "input_dir, output_dir, profiles, use_builtin_profiles, workers, strict, split, dedup, rights, parquet, card, layout, title, inputs, engine, storage"
POLICIES = "'include', 'withhold_text' or 'exclude'"

CASES = {
    "unknown key": (
        "outptu_dir = 'build/x'\n",
        f"unknown key 'outptu_dir' (allowed here: {SECTIONS}); did you mean 'output_dir'?"),
    "unknown key in a section": (
        "[split]\ntrian = 0.8\n",
        "unknown key 'split.trian' (allowed here: train, validation, test, salt); did you mean 'train'?"),
    "unknown section": (
        "[dedupe]\nseed = 2\n",
        f"unknown key 'dedupe' (allowed here: {SECTIONS}); did you mean 'dedup'?"),
    "wrong type": (
        "workers = 'many'\n",
        "workers: Input should be a valid integer, unable to parse string as an integer (got 'many'); "
        "allowed: an integer from 1 to 64"),
    "wrong type in a section": (
        "[dedup]\nsame_article_threshold = 'high'\n",
        "dedup.same_article_threshold: Input should be a valid number, unable to parse string as a number "
        "(got 'high'); allowed: a number above 0 to 1"),
    "wrong type for a boolean": (
        "strict = 'yes please'\n",
        "strict: Input should be a valid boolean, unable to interpret input (got 'yes please'); allowed: true or false"),
    "a value where a section belongs": (
        "split = 0.8\n",
        "split: Input should be a valid dictionary or instance of SplitConfig (got 0.8); "
        "allowed: a table with keys train, validation, test, salt"),
    "out of range": (
        "[split]\ntrain = 1.5\n",
        "split.train: Input should be less than or equal to 1 (got 1.5); allowed: a number from 0 to 1"),
    "split ratios not summing to 1": (
        "[split]\ntrain = 0.5\nvalidation = 0.1\ntest = 0.1\n",
        "split: split ratios must sum to 1 (train 0.5 + validation 0.1 + test 0.1 = 0.7)"),
    "unknown rights policy": (
        "[rights]\ndefault = 'maybe'\n",
        f"rights.default: Input should be {POLICIES} (got 'maybe')"),
    "unknown rights policy for an outlet": (
        "[rights.outlets]\n'Le Monde' = 'drop'\n",
        f"rights.outlets.Le Monde: Input should be {POLICIES} (got 'drop')"),
}


@pytest.mark.parametrize("toml, expected", CASES.values(), ids=CASES.keys())
def test_bad_config_is_one_line_naming_the_key_and_the_allowed_values(tmp_path, toml, expected):
    path = tmp_path / "corpus.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        BuildConfig.load(path)
    assert str(raised.value) == f"{path}: {expected}"


@pytest.mark.parametrize("toml, expected", [CASES["unknown key"], CASES["split ratios not summing to 1"],
                                            CASES["unknown rights policy"], CASES["wrong type"]])
def test_cli_exits_non_zero_with_the_message(tmp_path, capsys, toml, expected):
    path = tmp_path / "corpus.toml"
    path.write_text(toml, encoding="utf-8")
    assert main(["build", "--config", str(path), "--output", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == f"corpus-pkg build: {path}: {expected}\n"
    assert not (tmp_path / "out").exists()


def test_a_bad_command_line_value_names_its_key(tmp_path, capsys):
    assert main(["build", "--workers", "0", "--output", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == ("corpus-pkg build: config: workers: Input should be greater than or equal to 1 "
                                       "(got 0); allowed: an integer from 1 to 64\n")


def test_every_problem_gets_its_own_line(tmp_path):
    path = tmp_path / "corpus.toml"
    path.write_text("workers = 'many'\n[rights]\ndefault = 'maybe'\n[split]\ntrian = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        BuildConfig.load(path)
    lines = str(raised.value).splitlines()
    assert len(lines) == 3
    for start in ("workers: ", "rights.default: ", "unknown key 'split.trian'"):
        assert sum(line.startswith(f"{path}: {start}") for line in lines) == 1, start


def test_unreadable_toml_names_the_file_and_the_place(tmp_path):
    path = tmp_path / "corpus.toml"
    path.write_text("workers = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"corpus\.toml: cannot read config: .*line 1, column 11"):
        BuildConfig.load(path)
    with pytest.raises(ConfigError, match=r"missing\.toml: cannot read config"):
        BuildConfig.load(Path(tmp_path / "missing.toml"))


def test_a_card_files_misspelt_key_gets_the_same_hint_as_a_config_key(tmp_path):
    from corpus_pkg.card.statement import CardFileError, load_card_file

    path = tmp_path / "card.toml"
    path.write_text('license = "CC-BY-4.0"\n[curation]\nrationle = "why"\n', encoding="utf-8")
    with pytest.raises(CardFileError) as raised:
        load_card_file(path)
    lines = str(raised.value).splitlines()
    assert len(lines) == 2
    assert any(line.startswith(f"{path}: unknown key 'license' (allowed here: title, ")
               and line.endswith("; did you mean 'licence'?") for line in lines), lines
    assert f"{path}: unknown key 'curation.rationle' (allowed here: rationale, selection, curators, funding, " \
           "conflicts_of_interest); did you mean 'rationale'?" in lines
