"""A throw-away third-party exporter: the résumé's name and bullets in capitals."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from exporters.registry import ExporterInfo


class ShoutOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

    exclaim: bool = True


class ShoutExporter:
    info = ExporterInfo(
        name="shout",
        display_name="Shouted text",
        extension="shout",
        mime_type="text/x-shout",
        options=ShoutOptions,
        binary=False,
    )

    def export(self, resume, theme, options):  # type: ignore[no-untyped-def]
        mark = "!" if options.exclaim else ""
        lines = [resume.basics.name.upper() + mark]
        lines += [h.upper() for w in resume.work for h in w.highlights]
        return ("\n".join(lines) + "\n").encode()
