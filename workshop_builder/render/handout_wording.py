"""Every sentence and label the handouts print, in one place for the HTML and the Word handout.

Where the Word handout says something differently from the HTML one today, both variants
are here, the Word one named WORD_*, so that the outputs stay as they were until someone
decides which wording to keep.
"""

from __future__ import annotations

FACILITATOR_KIND = "Facilitator handout"
PARTICIPANT_KIND = "Participant handout"
DOC_TITLE = "{title}: {kind} ({audience})"  # the HTML <title>; kind in lower case

# the cover
ORGANISATION_EDITION = "{organisation} · {edition}"
LOGO_ALT = "{edition} logo"
FACT_AUDIENCE, FACT_DATE, FACT_TIME = "Audience", "Date", "Time"
TIME_SPAN = "{start}–{end}"
COVER_TIME = "{start}–{end} ({minutes} minutes)"

# the agenda
AGENDA = "Agenda"
FACILITATOR_AGENDA_COLUMNS = ("Start", "End", "Session", "Minutes")
PARTICIPANT_AGENDA_COLUMNS = ("Time", "Session")
AGENDA_TOTAL = "Total (slot: {minutes} minutes)"
AGENDA_CONTENT_NOTE = "Content note"
WORD_AGENDA_CONTENT_NOTE = " [content note]"  # the Word agenda's flag (HTML: a "Content note" badge)
PARTICIPANT_CARE = ("Some sessions discuss abuse and exploitation of children and adults. Look after "
                    "yourself: you can step out at any time, and the support section at the end lists who "
                    "can help.")

# content notes (facilitator)
CONTENT_NOTES = "Content notes"
CONTENT_NOTES_INTRO = ("Some of this material may distress participants, including people with their own "
                       "experience of abuse or exploitation. Say at the start what is coming, that people may "
                       "step out at any time, and where support is. Give these notes before each session:")

# a module
MODULE_TIMING = "{start}–{end} · {minutes}"
CONTENT_NOTE_LABEL = "Content note:"
FACILITATOR_OUTCOMES = "By the end, participants can:"
PARTICIPANT_OUTCOMES = "In this session you will:"
ACTIVITY = "Activity: {title}"
ACTIVITY_MINUTES = "({minutes})"
WHAT_TO_SAY = "What to say"
FACILITATOR_GUIDANCE = "Facilitator guidance"

# the slide vocabulary
CHART_TABLE_CAPTION = "The figures in the chart: {title}"  # the data table under a chart
CHART_UNTITLED = "chart"
CHART_TABLE_UNIT = " ({unit})"
CYCLE_RETURN = "Then back to step 1: {first}"  # Word: the line under a cycle's numbered steps

# references and support
REFERENCES = "References"
FOOTNOTES = "Notes"
NO_YEAR = "n.d."
SUPPORT = "Support and contacts"
SUPPORT_INTRO = ("If anything in this workshop has affected you, or you are worried about a child or an "
                 "adult, these services can help. If someone is in immediate danger, call 999.")
SUPPORT_COLUMNS = ("Service", "Contact", "What it is for")

# the footer and the document properties
FOOTER = "{title} · {audience} · {organisation} · Built {date} with workshop-builder."
WORD_SUBJECT = "{kind}: {audience}"
WORD_KEYWORDS = "workshop; handout; {audience_id}"
WORD_COMMENTS = "Built with workshop-builder"
