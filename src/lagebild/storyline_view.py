"""The storyline fields of a dossier (issue 8): the story's event date and its related stories.

:class:`StorylineView` reads the stories' states and links once for a whole dossier stage
(issue #9: read per dossier, they made the stage quadratic in the number of stories) and
keeps the stand-in titles it computes. A related story's title is the one its dossier built
earlier in the same stage gave it, in story id order: the dossier stage passes the titles it
built (``fields(..., built=...)``), so the result does not depend on which worker finished
first; without them the list title is read live.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cluster import StoryState
    from .store import Store

__all__ = ["StorylineView", "storyline_fields"]


class StorylineView:
    """Storyline fields of any story, for one dossier stage (stories and links do not change
    while dossiers are built)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._states = {sid: (js, c) for sid, js, c in store.story_states()}
        self._links = store.story_links()
        self._parsed: dict[str, StoryState] = {}
        self._members: dict[str, list[str]] = {}
        self._fallback_titles: dict[str, str] = {}
        self._before: dict[str, str] | None = None  # list titles when the stage began

    def links(self, story_id: str) -> list[str]:
        """Ids of the stories linked to ``story_id``."""
        return [other for other, _relation, _score in self._links.get(story_id, [])]

    def state(self, sid: str) -> StoryState | None:
        from .cluster import StoryState

        got = self._parsed.get(sid)
        if got is None:
            row = self._states.get(sid)
            if row is None:
                return None
            got = self._parsed[sid] = StoryState.from_json(row[0], row[1] or b"")
        return got

    def _title(self, sid: str, members: list[str], live: bool = True) -> str:
        if live:
            title = self.store.story_list_title(sid)
        else:
            if self._before is None:
                self._before = self.store.story_list_titles()
            title = self._before.get(sid)
        if title:
            return title
        got = self._fallback_titles.get(sid)
        if got is None:
            from .dossier import story_title

            got = self._fallback_titles[sid] = story_title(self.store.articles(members[:5]))
        return got

    def fields(self, story_id: str, built: Mapping[str, str] | None = None) -> dict[str, object]:
        """The dossier's ``story.event_date``, ``event_date_from`` and ``related``.

        ``built``: story id -> title of the dossiers built so far in this stage. A related
        story with a smaller id then shows its title from there (or the one it had when the
        stage began), one with a larger id the one it had when the stage began."""
        me = self.state(story_id)
        related = []
        for other, relation, _score in self._links.get(story_id, []):
            st = self.state(other)
            if st is None:
                continue
            members = self._members.get(other)
            if members is None:
                members = self._members[other] = self.store.story_members(other)
            if built is None:
                title = self._title(other, members)
            elif other < story_id and other in built:
                title = built[other]
            else:
                title = self._title(other, members, live=False)
            related.append({"id": other, "title": title, "event_date": st.event_date,
                            "relation": relation, "article_count": len(members)})
        return {
            "event_date": me.event_date if me else None,
            "event_date_from": me.event_date_from if me else "unknown",
            "related": related,
        }


def storyline_fields(store: Store, story_id: str) -> dict[str, object]:
    """The storyline fields of one story (reads the store afresh; see StorylineView)."""
    return StorylineView(store).fields(story_id)
