"""The read-along e-book: EPUB 3 Media Overlays for interviews with their recording.

An interview with ``audio:`` and timed turns gets, in its e-book, the recording as it is and
one SMIL document for its page: a ``<par>`` per timed turn, pointing at the turn's anchor and
at its stretch of the recording (:func:`exporters.timeline.spans`). Reading systems that play
overlays (Apple Books, Thorium) read the conversation aloud in the speakers' own voices and
mark the turn being heard with :data:`ACTIVE_CLASS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .model import Interview
from .timeline import RecordingCopy, clock, milliseconds, recordings, spans

AUDIO_FOLDER = "audio"
"""Where the recordings are in the book."""
ACTIVE_CLASS = "-epub-media-overlay-active"
"""The class a reading system puts on the turn being heard; the stylesheet styles it."""


@dataclass(frozen=True)
class Clip:
    fragment: str
    """The anchor of the turn heard, in its page."""
    begin: int
    end: int
    """Milliseconds into the recording."""


@dataclass(frozen=True)
class Recording:
    """A recording as it is in the book."""

    uid: str
    file_name: str
    path: Path
    media_type: str


@dataclass(frozen=True)
class Overlay:
    """One page's overlay: its SMIL document and what of which recording it plays when."""

    uid: str
    file_name: str
    page: str
    """The file name of the page it voices."""
    recording: Recording
    clips: tuple[Clip, ...]

    @property
    def duration(self) -> int:
        """How long it plays, in milliseconds."""
        return sum(clip.end - clip.begin for clip in self.clips)


def overlays(pages: Sequence[tuple[Interview, str, str]]) -> list[Overlay]:
    """The overlays of a book's interview pages, given as (interview, manifest id, file name):
    one for each interview with times and a recording in a core audio type, which interviews
    of one recording share (:func:`exporters.timeline.recordings`)."""
    copies = recordings(interview for interview, _, _ in pages)
    carried = {copy: recording(copy, interview.meta.audio_epub_type)
               for interview, _, _ in pages
               if (copy := copies.get(interview.meta.slug)) is not None}
    found = []
    for interview, page_uid, page in pages:
        copy, heard = copies.get(interview.meta.slug), clips(interview)
        if copy is not None and heard and (played := carried[copy]) is not None:
            found.append(Overlay(f"{page_uid}-overlay", f"{Path(page).stem}.smil", page,
                                 played, heard))
    return found


def clips(interview: Interview) -> tuple[Clip, ...]:
    """Each timed turn's stretch of its interview's recording, to the millisecond."""
    return tuple(clip for clip in (
        Clip(span.turn.id, milliseconds(span.start), milliseconds(span.end))
        for span in spans(interview) if span.end is not None) if clip.end > clip.begin)


def recording(copy: RecordingCopy, media_type: str | None) -> Recording | None:
    """The recording as the book carries it; None when it is not in an audio type EPUB
    allows (``media_type`` None)."""
    if media_type is None:
        return None
    return Recording(f"audio-{Path(copy.name).stem}", f"{AUDIO_FOLDER}/{copy.name}",
                     copy.source, media_type)


def smil_clock(milliseconds: int) -> str:
    """A SMIL full clock value, ``H:MM:SS.mmm``: for clips and ``media:duration``."""
    return clock(milliseconds, ".", 1)
