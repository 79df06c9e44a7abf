"""Page primitives of the official documents: an A4 portrait page in DejaVu Sans with a footer,
centred titles, paragraphs, bordered tables whose rows may run over a page break, and
signature blocks that are never split.

Every text is passed through glyphs.printable, so any stored text can be drawn. fpdf2's own
table refuses a row taller than a page (an RHK or an objection's reasons may be 4,000
characters), so tables are drawn here line by line: a row that does not fit on the rest of
the page starts on the next one (with the heading rows again), and a row taller than a whole
page continues there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import cast

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from .glyphs import BOLD, REGULAR, printable
from .labels import long_date

FONT = "DejaVu"
BODY_PT, SMALL_PT, TITLE_PT = 8.5, 7, 11
LINE = 4.0  # mm per line of body text
PAD = 1.0  # mm above and below the text of a table cell
MARGIN = 15  # mm left, right and top
BOTTOM = 17  # mm kept free for the footer
SHADE = 235  # grey of heading cells
SIGNATURE_GAP = 18  # mm left blank for a handwritten signature


@dataclass(frozen=True)
class Cell:
    text: str = ""
    span: int = 1
    bold: bool = False
    align: str = "L"
    shade: bool = False


Row = list[Cell]
Laid = tuple[float, float, Cell, list[str]]  # x, width, cell, its lines


@dataclass(frozen=True)
class Signature:
    place_date: str
    role: str
    name: str
    number: str


class OfficialPdf(FPDF):
    def __init__(self, title: str, author: str, printed_on: date):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.add_font(FONT, "", REGULAR)
        self.add_font(FONT, "B", BOLD)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_title(printable(title))
        self.set_author(printable(author))
        self.set_creator("Kinerja")
        self.set_lang("id")
        self.printed_on = printed_on
        self.add_page()

    # --- text ------------------------------------------------------------------------------

    def style(self, bold: bool = False, size: float = BODY_PT) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    def footer(self) -> None:
        self.set_y(-12)
        self.style(size=SMALL_PT)
        self.cell(0, 4, f"Dicetak dari Kinerja pada {long_date(self.printed_on)}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Halaman {self.page_no()} dari {self.str_alias_nb_pages}", align="R")

    def titles(self, lines: list[str]) -> None:
        self.style(bold=True, size=TITLE_PT)
        for line in lines:
            self.multi_cell(0, 5.5, printable(line), align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def paragraph(self, text: str, bold: bool = False, size: float = BODY_PT) -> None:
        self.style(bold, size)
        self.multi_cell(0, LINE, printable(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def gap(self, mm: float = 3) -> None:
        self.ln(mm)

    # --- tables ----------------------------------------------------------------------------

    def wrapped(self, width: float, text: str, bold: bool = False) -> list[str]:
        """The lines `text` takes in a cell `width` wide (long words are broken)."""
        self.style(bold)
        lines = self.multi_cell(width, LINE, printable(text) or " ", dry_run=True,
                                output=MethodReturnValue.LINES)
        return cast(list[str], lines) or [""]

    def grid(self, widths: list[float], rows: list[Row], heading: list[Row] | None = None,
             borders: bool = True) -> None:
        """`widths`: fractions of the text width, one per column; a cell spans `span` columns.
        `heading` rows start the table and every page it continues on."""
        columns = [w / sum(widths) * self.epw for w in widths]
        heading = heading or []
        for row in heading:
            self._row(columns, row, [], borders)
        for row in rows:
            self._row(columns, row, heading, borders)
        self.gap(2)

    def _laid_out(self, columns: list[float], row: Row) -> list[Laid]:
        out: list[Laid] = []
        x, index = float(self.l_margin), 0
        for cell in row:
            width = float(sum(columns[index:index + cell.span]))
            index += cell.span
            out.append((x, width, cell, self.wrapped(width, cell.text, cell.bold)))
            x += width
        return out

    def _room(self) -> int:
        """Whole lines of a cell that fit between here and the page's bottom margin."""
        return math.floor((self.page_break_trigger - self.get_y() - 2 * PAD) / LINE)

    def _new_page(self, columns: list[float], heading: list[Row], borders: bool) -> None:
        self.add_page()
        for row in heading:
            self._row(columns, row, [], borders)

    def _row(self, columns: list[float], row: Row, heading: list[Row], borders: bool) -> None:
        laid = self._laid_out(columns, row)
        total = max(len(lines) for *_, lines in laid)
        fresh = self.page_break_trigger - self.t_margin - 2 * PAD
        if self._room() < total and total * LINE <= fresh * 0.6:
            # not split when it fits on the next page; a very tall row is split at once
            # rather than leaving most of this page blank
            self._new_page(columns, heading, borders)
        done = 0
        while done < total:
            if self._room() < 1:
                self._new_page(columns, heading, borders)
            take = min(self._room(), total - done)
            self._segment(laid, done, take, borders)
            done += take
            if done < total:
                self._new_page(columns, heading, borders)

    def _segment(self, laid: list[Laid], start: int, count: int, borders: bool) -> None:
        top, height = self.get_y(), count * LINE + 2 * PAD
        for x, width, cell, lines in laid:
            if cell.shade:
                self.set_fill_color(SHADE)
                self.rect(x, top, width, height, style="F")
            if borders:
                self.rect(x, top, width, height)
            self.style(cell.bold)
            for k, line in enumerate(lines[start:start + count]):
                self.set_xy(x, top + PAD + k * LINE)
                self.cell(width, LINE, line, align=cell.align)
        self.set_xy(self.l_margin, top + height)

    # --- signatures ------------------------------------------------------------------------

    def signatures(self, blocks: list[Signature]) -> None:
        """One or two blocks side by side (one stands on the right), kept on one page."""
        assert 1 <= len(blocks) <= 2
        width = self.epw / 2
        laid: list[list[tuple[str | None, bool]]] = []
        for block in blocks:
            lines: list[tuple[str | None, bool]] = []
            for text, bold in ((block.place_date, False), (block.role, False), (None, False),
                               (block.name, True), (block.number, False)):
                if text is None:
                    lines.append((None, False))  # the space for the signature
                else:
                    lines += [(line, bold) for line in self.wrapped(width, text, bold)]
            laid.append(lines)
        height = max(sum(SIGNATURE_GAP if t is None else LINE for t, _ in b) for b in laid)
        self.gap(4)
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()
        top, offset = self.get_y(), 2 - len(laid)  # a single block: the right half
        for index, lines in enumerate(laid):
            x, y = self.l_margin + width * (index + offset), top
            for text, bold in lines:
                if text is None:
                    y += SIGNATURE_GAP
                    continue
                self.style(bold)
                self.set_xy(x, y)
                self.cell(width, LINE, text, align="C")
                y += LINE
        self.set_xy(self.l_margin, top + height)
