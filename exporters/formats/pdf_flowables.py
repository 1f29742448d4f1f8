"""The few flowables platypus lacks: a header line with text at both ends, a
section title over a rule, and a paragraph that moves whole to the next page.

This module imports reportlab at import time; only ``pdf_story`` imports it,
from inside ``PdfExporter.export``.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph

_GAP = 12.0  # points between the two ends of a header line


class WholeParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that is never cut across pages unless it is taller than a page.

    A page number sits between pages in the text stream, and ATS parsers join
    pages without a break, so a cut bullet would read with "Page 1 of 3" inside
    it. Moving a whole bullet costs at most a few lines of white space.
    """

    def __init__(
        self, text: str | None, style: Any, frame_height: float | None = None, **kwargs: Any
    ) -> None:
        super().__init__(text, style, **kwargs)
        # None for the pieces reportlab makes when it does cut one: they may cut again.
        self._frame_height = frame_height
        self._wrapped_at: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Line breaking is most of an export's time, and KeepTogether measures
        # its content before the frame lays it out: break lines once per width.
        # (reportlab drops the broken lines when it splits one, so check they are there.)
        if avail_width != self._wrapped_at or not hasattr(self, "blPara"):
            super().wrap(avail_width, avail_height)
            self._wrapped_at = avail_width
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        _, height = self.wrap(avail_width, avail_height)
        if self._frame_height is not None and height <= self._frame_height:
            return []
        return list(super().split(avail_width, avail_height))


class Pieces(Flowable):  # type: ignore[misc]
    """One very long field set as consecutive paragraphs.

    reportlab re-breaks the rest of a paragraph each time it cuts it across a
    page, so a field of a megabyte took minutes. In pieces, every line is
    broken once. The pieces read as one paragraph; only a piece boundary forces
    a line end.
    """

    def __init__(self, pieces: list[Flowable]) -> None:
        super().__init__()
        self.pieces = pieces
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._sizes = [p.wrap(avail_width, avail_height) for p in self.pieces]
        self.width = avail_width
        self.height = sum(height for _, height in self._sizes)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        return list(self.pieces)

    def draw(self) -> None:
        y = self.height
        for piece, (_, height) in zip(self.pieces, self._sizes, strict=True):
            y -= height
            piece.drawOn(self.canv, 0, y)

    def getSpaceBefore(self) -> float:
        return float(self.pieces[0].getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.pieces[-1].getSpaceAfter())


def _too_tall(flowable: Flowable, frame_height: float | None) -> bool:
    return frame_height is not None and float(flowable.height) > frame_height


class TwoEnds(Flowable):  # type: ignore[misc]
    """``left`` wraps on the left; ``right`` sits flush right on the first line.

    Used for "Position ........ Nov 2021 – Present": both are real text, drawn
    left first so extraction reads the position before the dates.
    """

    def __init__(
        self,
        left: Paragraph,
        right: Paragraph | None,
        *,
        space_before: float = 0.0,
        frame_height: float | None = None,
    ) -> None:
        super().__init__()
        self.left = left
        self.right = right
        self.space_before = space_before
        self.frame_height = frame_height
        self._right_width = 0.0

    def getSpaceBefore(self) -> float:
        return self.space_before

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        right_h = 0.0
        self._right_width = 0.0
        if self.right is not None:
            # Dates are short; cap them so a runaway field still leaves room.
            self.right.wrap(avail_width * 0.45, avail_height)
            natural = max(self.right.getActualLineWidths0() or [0.0])
            self._right_width = min(float(natural), avail_width * 0.45)
            _, right_h = self.right.wrap(self._right_width + 0.5, avail_height)
        left_width = avail_width - (self._right_width + _GAP if self.right is not None else 0)
        _, left_h = self.left.wrap(left_width, avail_height)
        left_shift, right_shift = self._shifts()
        self.width = avail_width
        self.height = max(left_h + left_shift, right_h + right_shift)
        return self.width, self.height

    def _shifts(self) -> tuple[float, float]:
        """How far each side moves down so both first baselines line up.

        reportlab puts a paragraph's first baseline one font size below its top.
        """
        if self.right is None:
            return 0.0, 0.0
        diff = float(self.left.style.fontSize - self.right.style.fontSize)
        return max(0.0, -diff), max(0.0, diff)

    def draw(self) -> None:
        left_shift, right_shift = self._shifts()
        self.left.drawOn(self.canv, 0, self.height - left_shift - self.left.height)
        if self.right is not None:
            x = self.width - self._right_width
            self.right.drawOn(self.canv, x, self.height - right_shift - self.right.height)

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        # Moves whole to the next page; only a header taller than a page (a
        # pasted essay as a job title) falls apart into two plain paragraphs.
        if not _too_tall(self, self.frame_height):
            return []
        pieces = list(self.left.split(avail_width, avail_height)) or [self.left]
        return pieces if self.right is None else [*pieces, self.right]


class RuledTitle(Flowable):  # type: ignore[misc]
    """A section title with a thin rule under it, kept as one unit."""

    def __init__(
        self,
        title: Paragraph,
        color: Any,
        thickness: float,
        gap: float,
        frame_height: float | None = None,
    ) -> None:
        super().__init__()
        self.title = title
        self.frame_height = frame_height
        self.color = color
        self.thickness = thickness
        self.gap = gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.title.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = h + self.gap + self.thickness
        return self.width, self.height

    def draw(self) -> None:
        self.title.drawOn(self.canv, 0, self.height - self.title.height)
        if self.thickness > 0:
            self.canv.setStrokeColor(self.color)
            self.canv.setLineWidth(self.thickness)
            y = self.thickness / 2
            self.canv.line(0, y, self.width, y)

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        if not _too_tall(self, self.frame_height):
            return []
        return list(self.title.split(avail_width, avail_height)) or [self.title]

    def getSpaceBefore(self) -> float:
        return float(self.title.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.title.getSpaceAfter())
