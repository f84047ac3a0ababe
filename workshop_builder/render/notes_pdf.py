"""The deck with its speaker notes as a PDF: LibreOffice's notes pages, one a slide.

Each page shows the slide above its notes, for circulating the presentation to people who
were not in the room. Made like deck-pdf, from the same deck, with each notes placeholder set
to shrink its text to fit, as LibreOffice otherwise cuts long notes off at the page's foot.
"""

from __future__ import annotations

from .deck_pdf import DeckPdf


class NotesPdf(DeckPdf):
    name = "notes-pdf"
    suffix = "-notes.pdf"
    description = "the deck with its speaker notes as a tagged PDF, one page a slide (needs LibreOffice)"
    export = {"UseTaggedPDF": True, "ExportBookmarks": True, "ExportNotesPages": True, "ExportOnlyNotesPages": True}

    def prepare(self, deck: bytes) -> bytes:
        """The deck with every slide's notes set to shrink to fit their box on the notes page."""
        import io

        from pptx import Presentation
        from pptx.enum.text import MSO_AUTO_SIZE

        prs = Presentation(io.BytesIO(deck))
        for slide in prs.slides:
            box = slide.notes_slide.notes_placeholder if slide.has_notes_slide else None
            if box is not None:
                box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        out = io.BytesIO()
        prs.save(out)
        return out.getvalue()
