"""The build report: what happened to every input file, and what each stage counted."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

FileStatus = Literal["read", "repaired", "skipped"]


class FileReport(BaseModel):
    """The outcome for one input file."""

    source_file: str
    status: FileStatus
    reason: str | None = None
    n_bytes: int = 0
    sha256: str | None = None
    encoding: str | None = None
    repairs: list[str] = Field(default_factory=list)
    page_type: str | None = None
    n_articles: int = 0
    warnings: list[str] = Field(default_factory=list)


class BuildReport(BaseModel):
    """Returned by `corpus_pkg.build` and written as `build-report.json` beside the dataset."""

    input_dir: str
    output_dir: str
    files: list[FileReport] = Field(default_factory=list)
    n_units: int = 0
    n_articles: int = 0
    n_duplicate_copies: int = 0
    n_duplicate_groups: int = 0
    split_counts: dict[str, int] = Field(default_factory=dict)
    stage_counts: dict[str, dict[str, int]] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)

    @property
    def files_read(self) -> int:
        return sum(1 for f in self.files if f.status != "skipped")

    @property
    def files_skipped(self) -> int:
        return sum(1 for f in self.files if f.status == "skipped")

    def all_warnings(self) -> list[str]:
        return self.warnings + [f"{f.source_file}: {w}" for f in self.files for w in f.warnings]

    def summary(self) -> str:
        """The one-screen summary printed at the end of a build."""
        splits = ", ".join(f"{name} {n}" for name, n in self.split_counts.items())
        lines = [
            f"files read      {self.files_read} ({self.files_skipped} skipped) from {self.input_dir}",
            f"articles        {self.n_articles} unique ({self.n_units} found on pages)",
            f"duplicates      {self.n_duplicate_copies} extra copies merged into {self.n_duplicate_groups} articles",
            f"splits          {splits}",
            f"output          {self.output_dir}",
        ]
        for f in self.files:
            if f.status != "read":
                detail = f.reason or ", ".join(f.repairs)
                lines.append(f"  {f.status:<9} {f.source_file}: {detail}")
        warnings = self.all_warnings()
        if warnings:
            lines.append(f"warnings        {len(warnings)} (see build-report.json)")
        return "\n".join(lines)
