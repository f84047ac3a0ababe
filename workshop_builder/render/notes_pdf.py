"""The deck with its speaker notes as a PDF: LibreOffice's notes pages, one a slide.

Each page shows the slide above its notes, for circulating the presentation to people who
were not in the room. Made like deck-pdf, from the very same deck: its notes pages already
carry the notes master's size and margins and shrink long notes to fit (pptx_writer), so
LibreOffice prints every word of them.
"""

from __future__ import annotations

from .deck_pdf import DeckPdf


class NotesPdf(DeckPdf):
    name = "notes-pdf"
    suffix = "-notes.pdf"
    description = "the deck with its speaker notes as a tagged PDF, one page a slide (needs LibreOffice)"
    export = {"UseTaggedPDF": True, "ExportBookmarks": True, "ExportNotesPages": True, "ExportOnlyNotesPages": True}
