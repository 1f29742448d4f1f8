"""The live preview: the real exporter output, rendered off the GUI thread."""

from .pane import PREVIEW_FORMATS, PreviewPane

__all__ = ["PREVIEW_FORMATS", "PreviewPane"]
