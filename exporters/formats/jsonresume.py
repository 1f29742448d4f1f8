"""JSON Resume, the native format, as an export: normalised and pretty-printed."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..registry import ExporterInfo

if TYPE_CHECKING:
    from ..model.resume import Resume
    from ..theme import Theme


class JsonOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    indent: int = Field(2, ge=0, le=8, description="spaces per level; 0 = one line")
    app_settings: bool = Field(
        True, description="keep Résumé Studio's settings in meta.resumeStudio"
    )


class JsonResumeExporter:
    info = ExporterInfo(
        name="json",
        display_name="JSON Resume",
        extension="json",
        mime_type="application/json",
        options=JsonOptions,
        binary=False,
    )

    def export(self, resume: Resume, theme: Theme, options: JsonOptions | None = None) -> bytes:
        opts = options if isinstance(options, JsonOptions) else JsonOptions()
        data = resume.to_json_data()
        if not opts.app_settings:
            meta = data.get("meta")
            if isinstance(meta, dict):
                meta.pop("resumeStudio", None)
                if not meta:
                    data.pop("meta")
        text = json.dumps(data, ensure_ascii=False, indent=opts.indent or None)
        return (text + "\n").encode("utf-8")
