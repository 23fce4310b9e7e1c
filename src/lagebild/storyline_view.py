"""The storyline fields of a dossier (issue 8): the story's event date and its related stories.

:class:`StorylineView` reads the stories' states and links once for a whole dossier stage
(issue #9: read per dossier, they made the stage quadratic in the number of stories) and
keeps the stand-in titles it computes; a related story's list title is read live, since
dossiers built earlier in the same stage give their stories one.
"""

from __future__ import annotations

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

    def state(self, sid: str) -> StoryState | None:
        from .cluster import StoryState

        got = self._parsed.get(sid)
        if got is None:
            row = self._states.get(sid)
            if row is None:
                return None
            got = self._parsed[sid] = StoryState.from_json(row[0], row[1] or b"")
        return got

    def _title(self, sid: str, members: list[str]) -> str:
        title = self.store.story_list_title(sid)
        if title:
            return title
        got = self._fallback_titles.get(sid)
        if got is None:
            from .dossier import story_title

            got = self._fallback_titles[sid] = story_title(self.store.articles(members[:5]))
        return got

    def fields(self, story_id: str) -> dict[str, object]:
        """The dossier's ``story.event_date``, ``event_date_from`` and ``related``."""
        me = self.state(story_id)
        related = []
        for other, relation, _score in self._links.get(story_id, []):
            st = self.state(other)
            if st is None:
                continue
            members = self._members.get(other)
            if members is None:
                members = self._members[other] = self.store.story_members(other)
            related.append({"id": other, "title": self._title(other, members), "event_date": st.event_date,
                            "relation": relation, "article_count": len(members)})
        return {
            "event_date": me.event_date if me else None,
            "event_date_from": me.event_date_from if me else "unknown",
            "related": related,
        }


def storyline_fields(store: Store, story_id: str) -> dict[str, object]:
    """The storyline fields of one story (reads the store afresh; see StorylineView)."""
    return StorylineView(store).fields(story_id)
