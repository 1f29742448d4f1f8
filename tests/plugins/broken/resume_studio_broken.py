"""Plugins that are broken in the ways real ones break."""

raise_on_import = False


class NoInfo:
    def export(self, resume, theme, options):  # type: ignore[no-untyped-def]
        return b""
