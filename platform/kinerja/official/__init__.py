"""Official documents as PDF (issue 11 §3): the SKP, the periodic and annual evaluation
("Dokumen Evaluasi Kinerja Pegawai") and the decision on an objection (keberatan), laid out
after the annexes of PermenPANRB 6/2022 on A4 portrait, in Indonesian.

- `service.py` loads one document through the domains' access classes (who may read the SKP,
  the result, the objection) and repositories, into the plain values of `model.py`;
- `skp_pdf.py`, `evaluation_pdf.py`, `objection_pdf.py` render one document each (pure, no
  I/O besides the bundled fonts), from the blocks in `blocks.py` and the page primitives in
  `layout.py` (tables whose rows may run over a page, signature blocks, footer);
- `labels.py` holds the Indonesian labels and date formats the documents print;
- `glyphs.py` makes any text printable in the bundled DejaVu Sans (`fonts/`).
"""
