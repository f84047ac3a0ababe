"""The facilitator and participant handouts: one self-contained HTML file each, from Jinja2."""

from __future__ import annotations

from markupsafe import Markup

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved
from .base import Renderer, RenderOptions, default_templates_dir, long_date, minutes_text
from .html_fragment import HtmlWriter
from ..links import scrub_html


def _environment(resolved: Resolved):
    """Templates from the project's templates/ first, then the package's defaults."""
    import jinja2

    folders = [resolved.workshop.root / "templates", default_templates_dir()]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders if f.is_dir()]),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["minutes"] = minutes_text
    return env


class _Handout(Renderer):
    template = ""
    facilitator = False
    thumbnails = False  # shows slide pictures when RenderOptions.thumbnails is on

    def render(self, resolved: Resolved, options: RenderOptions) -> bytes:
        from .thumbnails import Thumbnails, slide_thumbnails

        env = _environment(resolved)
        html = HtmlWriter(resolved, heading_offset=1)
        page = env.get_template(self.template).render(
            r=resolved, w=resolved.workshop, audience=resolved.audience, html=html,
            facilitator=self.facilitator, css=Markup(env.loader.get_source(env, "handout.css")[0]),
            date=long_date(resolved.workshop.date),
            content_notes=[m for m in resolved.modules if m.module.content_note],
            thumbs=slide_thumbnails(resolved) if self.thumbnails and options.thumbnails else Thumbnails(),
        )
        return scrub_html(page).encode("utf-8")


class FacilitatorHandout(_Handout):
    name = "facilitator"
    suffix = "-facilitator.html"
    description = "facilitator handout: agenda, what to say, activities, references"
    template = "facilitator.html.j2"
    facilitator = True
    thumbnails = True


class ParticipantHandout(_Handout):
    name = "participant"
    suffix = "-participant.html"
    description = "participant handout: key points, further reading, references, support"
    template = "participant.html.j2"
