"""BuildConfig: everything a build depends on besides its input files, validated by pydantic."""

from __future__ import annotations

import difflib
import fnmatch
import tomllib
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic.fields import FieldInfo

from .inputs.layouts import FIELDS, RecordLayout

RightsAction = Literal["include", "withhold_text", "exclude"]
PageLayout = Literal["auto", "single", "multi"]
TitleRule = Literal["auto", "first_line"]
RIGHTS_ACTIONS: tuple[str, ...] = get_args(RightsAction)
SPLITS = ("train", "validation", "test")


class ConfigError(ValueError):
    """A configuration that cannot be used; the message names the key and what is allowed."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SplitConfig(_Strict):
    """Group-aware hash split: each duplicate group goes to the split its hash falls in."""

    train: float = Field(0.8, ge=0, le=1)
    validation: float = Field(0.1, ge=0, le=1)
    test: float = Field(0.1, ge=0, le=1)
    salt: str = Field("corpus-pkg-split-v1", description="Changing it reshuffles every split.")

    @model_validator(mode="after")
    def _ratios_sum_to_one(self) -> "SplitConfig":
        total = self.train + self.validation + self.test
        if abs(total - 1.0) > 1e-9:
            raise ValueError(f"split ratios must sum to 1 (train {self.train:g} + validation {self.validation:g} "
                             f"+ test {self.test:g} = {total:g})")
        return self

    def ratios(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in SPLITS}


class DedupConfig(_Strict):
    """MinHash/LSH near-duplicate detection over word shingles of the normalised body."""

    num_perm: int = Field(128, ge=16, le=1024)
    shingle_size: int = Field(5, ge=1, le=20)
    same_article_threshold: float = Field(0.8, gt=0, le=1, description="Estimated Jaccard at or above which two texts are one article.")
    related_threshold: float = Field(0.5, gt=0, le=1, description="Estimated Jaccard at or above which two articles share a split group.")
    seed: int = 1

    @model_validator(mode="after")
    def _ordered(self) -> "DedupConfig":
        if self.related_threshold > self.same_article_threshold:
            raise ValueError("related_threshold must not exceed same_article_threshold")
        return self


class RightsConfig(_Strict):
    """What the builder does with each outlet's texts. Keys of `outlets` are outlet names as extracted, or a name,
    alias or domain the registry lists for an outlet (`rights.publisher_key`); a key that matches no outlet of
    the build is a warning (`rights.unmatched_rule_warnings`)."""

    default: RightsAction = Field("include", description="Action for texts no other rule covers.")
    restricted: RightsAction = Field("withhold_text", description="Action for outlets whose published terms forbid "
                                     "reuse in datasets (registry `rights_status: restricted`); `include` is an "
                                     "explicit choice the card reports.")
    outlets: dict[str, RightsAction] = Field(default_factory=dict, description="Per-outlet actions; they win over the others.")


class ParquetConfig(_Strict):
    """Writer settings, within the Hub's guidance (see README: 'Parquet layout')."""

    max_shard_bytes: int = Field(500_000_000, ge=1_000_000, description="Uncompressed bytes per shard, at most.")
    row_group_bytes: int = Field(100_000_000, ge=100_000, description="Uncompressed bytes per row group, at most.")
    compression_level: int = Field(6, ge=1, le=22)


class CardConfig(_Strict):
    """The dataset card: the builder's card file (title, summary, collection, uses...; see `corpus-pkg init`)
    and whether access is gated. Without a file every statement only the builder can make is "not stated"."""

    file: Path | None = Field(None, description="The builder's card file (TOML), as `corpus-pkg init` writes it.")
    gated: bool = False


class InputsConfig(_Strict):
    """How scrapers' records (JSON Lines, JSON, Parquet) are read: see `corpus_pkg.inputs.records`."""

    fields: dict[str, str] = Field(default_factory=dict, description="Our field (text, title, url, date, "
                                   "updated_date, authors, description, site_name, language, tags, fetch_date) -> "
                                   "the record's key (dotted for nested); empty: the record layouts are recognised.")
    layouts: dict[str, RecordLayout] = Field(default_factory=dict, description="Record layouts added to (or "
                                             "replacing) the built-in ones, by name, in the format of "
                                             "corpus_pkg/inputs/record_layouts.toml.")

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r} (allowed: {', '.join(FIELDS)})")
        if value and "text" not in value:
            raise ValueError("a field mapping must name the record's text field (text = \"...\")")
        return value


class EngineConfig(_Strict):
    """Where pass 1, deduplication's candidate pairs and pass 2 run. The output is the same bytes either way."""

    name: Literal["local", "ray"] = Field("local", description="'local': this machine's processes (`workers`); "
                                          "'ray': a Ray cluster (pip install 'corpus-pkg[ray]').")
    address: str | None = Field(None, description="Ray only: the cluster to join ('auto' or 'HOST:PORT'; "
                                "none: a Ray instance on this machine with `workers` CPUs.")
    files_per_task: int = Field(256, ge=1, le=100_000, description="Ray only: input files read by one pass-1 task, at most.")


class StorageConfig(_Strict):
    """Inputs and outputs named by URI (s3://, gs://, any fsspec protocol; see `corpus_pkg.storage`)."""

    options: dict[str, Any] = Field(default_factory=dict, description="fsspec storage options for every URI of "
                                    "the build, e.g. {endpoint_url = \"http://minio:9000\"} (default: the "
                                    "library's own: AWS/GCP credential chains, environment variables).")
    staging_dir: Path | None = Field(None, description="Where a build for a URI output is staged before it is "
                                     "uploaded; on a Ray cluster a folder every node sees (default: the system's "
                                     "temporary folder).")


class BuildConfig(_Strict):
    input_dir: Path | str = Field(Path("seeds"), description="A folder, or a URI (s3://bucket/prefix, gs://...).")
    output_dir: Path | str = Field(Path("build/dataset"), description="A folder, or a URI (s3://bucket/prefix, ...).")
    profiles: list[Path] = Field(default_factory=list, description="Extra site-profile TOML files.")
    use_builtin_profiles: bool = True
    workers: int = Field(1, ge=1, le=64)
    strict: bool = False
    split: SplitConfig = Field(default_factory=SplitConfig)
    dedup: DedupConfig = Field(default_factory=DedupConfig)
    rights: RightsConfig = Field(default_factory=RightsConfig)
    parquet: ParquetConfig = Field(default_factory=ParquetConfig)
    card: CardConfig = Field(default_factory=CardConfig)
    layout: PageLayout | dict[str, PageLayout] = Field(
        "auto", description="What a page holds: auto (decided per page), single (one article) or multi (one per "
                            "header); one value for the whole input, or a table of path globs (first match wins).")
    title: TitleRule | dict[str, TitleRule] = Field(
        "auto", description="Where a page's headline is: auto (the headline above the text) or first_line; one "
                            "value, or a table of path globs (first match wins).")
    inputs: InputsConfig = Field(default_factory=InputsConfig)
    engine: EngineConfig = Field(default_factory=EngineConfig)
    storage: StorageConfig = Field(default_factory=StorageConfig)

    @field_validator("engine", mode="before")
    @classmethod
    def _engine_by_name(cls, value):
        return {"name": value} if isinstance(value, str) else value

    @field_validator("input_dir", "output_dir", mode="before")
    @classmethod
    def _folder_or_uri(cls, value):
        from .storage import location   # a URI stays a string: Path("s3://b/k") would lose a slash

        return location(value) if isinstance(value, (str, Path)) else value

    @field_validator("input_dir")
    @classmethod
    def _not_empty(cls, value: Path | str) -> Path | str:
        if str(value) == "":
            raise ValueError("must name a folder")
        return value

    @field_validator("output_dir")
    @classmethod
    def _not_the_working_folder(cls, value: Path) -> Path:
        if str(value) in ("", "."):     # the build replaces its output folder as a whole
            raise ValueError("must name a folder other than the current one")
        return value

    def page_options(self, relative_path: str) -> tuple[str, str]:
        """(layout, title) for an input file, by its path relative to the input folder ('auto' when no
        glob of a table matches)."""
        return _by_glob(self.layout, relative_path), _by_glob(self.title, relative_path)

    @classmethod
    def load(cls, path: Path | None = None, **overrides) -> "BuildConfig":
        """Read a TOML config (optional) and apply keyword overrides; errors become one-line ConfigErrors."""
        data: dict = {}
        if path is not None:
            try:
                data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{path}: cannot read config: {exc}") from None
        data.update({k: v for k, v in overrides.items() if v is not None})
        try:
            config = cls.model_validate(data)
        except ValidationError as exc:
            raise ConfigError(describe_validation_error(exc, source=str(path) if path else "config")) from None
        config.check_profiles()
        return config

    def check_profiles(self) -> None:
        """Load the site profiles now, so a missing or bad profile file fails before any input is read.

        Raises ProfileError (a ConfigError) naming the file and the problem in one line."""
        from .profiles import load_profile  # profiles imports this module

        load_profile(tuple(self.profiles), self.use_builtin_profiles)


def _by_glob(setting: str | dict[str, str], relative_path: str) -> str:
    if isinstance(setting, str):
        return setting
    return next((value for pattern, value in setting.items() if fnmatch.fnmatchcase(relative_path, pattern)), "auto")


def describe_validation_error(exc: ValidationError, source: str) -> str:
    """One line per problem: the dotted key, what was wrong, what was given, and what is allowed."""
    lines = []
    for err in exc.errors():
        loc = err["loc"]
        key = ".".join(str(p) for p in loc) or "(top level)"
        if err["type"] == "extra_forbidden":
            lines.append(f"{source}: {unknown_key(BuildConfig, loc)}")
            continue
        line = f"{source}: {key}: {err['msg'].removeprefix('Value error, ')}"
        if not isinstance(err.get("input"), dict):
            line += f" (got {err['input']!r})"
        field = _field_at(loc)
        # a literal's message already lists its values; a validator's own message says what is wrong
        if field is not None and err["type"] not in ("literal_error", "value_error"):
            line += f"; allowed: {_expected(field)}"
        lines.append(line)
    return "\n".join(lines)


def unknown_key(root: type[BaseModel], loc: tuple) -> str:
    """The problem of an unknown key at `loc` (a pydantic error's location) in a file `root` models: "unknown key
    'split.trian' (allowed here: train, validation, test, salt); did you mean 'train'?" (the hint: the closest
    allowed key, `difflib.get_close_matches`, when one is close). Used for every TOML file a user writes (the
    build config, the card file)."""
    parent = _model_at(root, loc[:-1])
    allowed = list(parent.model_fields) if parent else []
    guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    return (f"unknown key '{'.'.join(str(p) for p in loc)}' (allowed here: {', '.join(allowed) or 'see README'})"
            + (f"; did you mean '{guess[0]}'?" if guess else ""))


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    for part in loc:
        field = model.model_fields.get(str(part))
        if field is None or not _is_model(field.annotation):
            return None
        model = field.annotation
    return model


def _field_at(loc: tuple) -> FieldInfo | None:
    """The BuildConfig field (or nested section's field) an error's location names."""
    parent = _model_at(BuildConfig, loc[:-1]) if loc else None
    return parent.model_fields.get(str(loc[-1])) if parent else None


def _is_model(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


_KINDS = {int: "an integer", float: "a number", bool: "true or false", str: "a string", Path: "a path"}


def _expected(field: FieldInfo) -> str:
    """'an integer from 1 to 64', 'a table with keys train, validation, test, salt'."""
    if _is_model(field.annotation):
        return f"a table with keys {', '.join(field.annotation.model_fields)}"
    kind = _KINDS.get(field.annotation)
    if kind is None:
        return str(field.annotation).replace("pathlib.", "").replace("typing.", "")
    bound = {name: getattr(m, name) for m in field.metadata for name in ("ge", "gt", "le") if hasattr(m, name)}
    low = f"from {bound['ge']}" if "ge" in bound else f"above {bound['gt']}" if "gt" in bound else None
    if low and "le" in bound:
        return f"{kind} {low} to {bound['le']}"
    if low:
        return f"{kind} {low} up"
    return kind
