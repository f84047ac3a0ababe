"""The facilitator and participant handouts: one self-contained HTML file each, from Jinja2.

The templates render the handout model (`handout_model.build_handout`), the same one the
Word handout renders; they receive it as `h`, and `html` to write its blocks. The names
older project templates use (r, w, audience, date, content_notes, facilitator) are passed too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved
from ..links import scrub_html
from ..phone_numbers import wrap_numbers_in_html
from .base import Renderer, RenderOptions, default_templates_dir, long_date, minutes_text
from .handout_model import Handout, build_handout
from .html_fragment import HtmlWriter
from .page_furniture import page_css

_ENVIRONMENTS: dict = {}


def environment(project_root=None):
    """Templates from the project's templates/ first (when given), then the package's defaults.

    One environment per project folder, kept for the process: each template is compiled once
    (Jinja2 recompiles a template whose file changed since, so `watch` sees edits).
    """
    key = (str(project_root), (project_root / "templates").is_dir()) if project_root is not None else None
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(project_root)
    return _ENVIRONMENTS[key]


def _new_environment(project_root=None):
    """A Jinja2 environment over the project's templates/ and the package's."""
    import jinja2

    folders = ([project_root / "templates"] if project_root is not None else []) + [default_templates_dir()]
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
        from .rendered_handout import handout_bytes  # the checks' render of it, when they made one

        return handout_bytes(self.name, resolved, options, lambda: self._render(resolved, options))

    def _render(self, resolved: Resolved, options: RenderOptions) -> bytes:
        from .thumbnails import Thumbnails, slide_thumbnails

        thumbs = (slide_thumbnails(resolved, getattr(options, "cache_dir", None))
                  if self.thumbnails and options.thumbnails else Thumbnails())
        page = render_page(
            environment(resolved.workshop.root), self.template, build_handout(resolved, self.facilitator),
            HtmlWriter(resolved, heading_offset=1), thumbs,
            # what project templates written before the handout model use:
            r=resolved, w=resolved.workshop, audience=resolved.audience, facilitator=self.facilitator,
            date=long_date(resolved.workshop.date),
            content_notes=[m for m in resolved.modules if m.module.content_note],
        )
        return wrap_numbers_in_html(scrub_html(page)).encode("utf-8")


def render_page(env, template: str, handout: Handout, html: HtmlWriter, thumbs, **extra) -> str:
    """One handout model through a page template (facilitator.html.j2 or participant.html.j2); its
    style sheet ends with the printed pages' running head and page numbers."""
    css = Markup(env.loader.get_source(env, "handout.css")[0] + page_css(handout))
    return env.get_template(template).render(h=handout, html=html, css=css, thumbs=thumbs, **extra)


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
