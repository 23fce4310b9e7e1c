"""The store schema, declared once, as named migrations applied in order.

Each migration is a list of statements that run in one transaction; the ``migrations`` table
records which ran. SQL is kept to what SQLite and PostgreSQL both accept; ``BLOB`` is
rewritten to ``BYTEA`` for PostgreSQL by the connection wrapper.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "0001_initial",
        [
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                version INTEGER NOT NULL DEFAULT 1,
                content_hash TEXT NOT NULL,
                source TEXT,
                raw_json TEXT NOT NULL,
                article_json TEXT,
                status TEXT NOT NULL DEFAULT 'pending',
                stage TEXT,
                reason TEXT,
                title TEXT,
                outlet TEXT,
                language TEXT,
                published TEXT,
                text TEXT,
                duplicate_of TEXT,
                story_id TEXT,
                embedded INTEGER NOT NULL DEFAULT 0,
                updated_at TEXT
            )""",
            "CREATE INDEX articles_story ON articles(story_id)",
            "CREATE INDEX articles_status ON articles(status)",
            """CREATE TABLE article_versions (
                id TEXT NOT NULL,
                version INTEGER NOT NULL,
                content_hash TEXT NOT NULL,
                raw_json TEXT NOT NULL,
                replaced_at TEXT,
                PRIMARY KEY (id, version)
            )""",
            """CREATE TABLE embeddings (
                hash TEXT PRIMARY KEY,
                dim INTEGER NOT NULL,
                vec BLOB NOT NULL
            )""",
            """CREATE TABLE extractions (
                article_id TEXT PRIMARY KEY,
                content_hash TEXT NOT NULL,
                json TEXT NOT NULL
            )""",
            """CREATE TABLE stories (
                id TEXT PRIMARY KEY,
                title TEXT,
                state_json TEXT NOT NULL,
                centroid BLOB,
                dirty INTEGER NOT NULL DEFAULT 1,
                first_published TEXT,
                last_published TEXT,
                article_count INTEGER NOT NULL DEFAULT 0,
                outlet_count INTEGER NOT NULL DEFAULT 0,
                languages TEXT,
                outlets TEXT,
                contradictions INTEGER NOT NULL DEFAULT 0,
                search_text TEXT,
                updated_at TEXT
            )""",
            "CREATE INDEX stories_dirty ON stories(dirty)",
            """CREATE TABLE dossiers (
                story_id TEXT PRIMARY KEY,
                built_for TEXT NOT NULL,
                json TEXT NOT NULL
            )""",
        ],
    ),
    (
        "0002_story_features_and_links",
        [
            # Clustering features per article (issue 8): re-clustering a grown set reads them
            # instead of recomputing names, dates and figures. Keyed by content hash.
            """CREATE TABLE story_features (
                article_id TEXT PRIMARY KEY,
                content_hash TEXT NOT NULL,
                json TEXT NOT NULL,
                vector BLOB NOT NULL
            )""",
            # Storylines: a story and its earlier/later occurrences of the same thread.
            """CREATE TABLE story_links (
                story_id TEXT NOT NULL,
                other_id TEXT NOT NULL,
                relation TEXT NOT NULL,
                score REAL,
                PRIMARY KEY (story_id, other_id)
            )""",
            # Corrections by a person: "together" (merge / move) and "apart" (split) constraints.
            """CREATE TABLE story_corrections (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                article_id TEXT NOT NULL,
                other_id TEXT NOT NULL,
                created_at TEXT
            )""",
        ],
    ),
    (
        # a story whose dossier failed: what failed, for which member set (``failed_for`` is the
        # dossier's ``built_for`` hash) and how often; retried once, then left failed
        "story_failures",
        [
            "ALTER TABLE stories ADD COLUMN status TEXT",
            "ALTER TABLE stories ADD COLUMN stage TEXT",
            "ALTER TABLE stories ADD COLUMN reason TEXT",
            "ALTER TABLE stories ADD COLUMN failed_for TEXT",
            "ALTER TABLE stories ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
        ],
    ),
]

# Queryable copies of what the dossiers hold (one row per fact, support, quote, carrier,
# contradiction claim and entity), rewritten with each dossier in the same transaction, and the
# outlet registry. Written by ``store/tables.py``; documented in README ("Tables").
MIGRATIONS.append(
    (
        "0100_queryable_tables_and_outlets",
        [
            """CREATE TABLE outlets (
                key TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                domain TEXT,
                country TEXT,
                language TEXT,
                kind TEXT,
                origin TEXT,
                updated_at TEXT
            )""",
            "CREATE INDEX outlets_domain ON outlets(domain)",
            """CREATE TABLE facts (
                story_id TEXT NOT NULL,
                fact_id TEXT NOT NULL,
                text TEXT NOT NULL,
                outlets INTEGER NOT NULL,
                supports INTEGER NOT NULL,
                PRIMARY KEY (story_id, fact_id)
            )""",
            """CREATE TABLE fact_supports (
                story_id TEXT NOT NULL,
                fact_id TEXT NOT NULL,
                article_id TEXT NOT NULL,
                sentence INTEGER NOT NULL,
                outlet TEXT,
                sentence_text TEXT,
                PRIMARY KEY (story_id, fact_id, article_id, sentence)
            )""",
            """CREATE TABLE quotes (
                story_id TEXT NOT NULL,
                quote_id TEXT NOT NULL,
                speaker TEXT,
                text TEXT NOT NULL,
                carriers INTEGER NOT NULL,
                PRIMARY KEY (story_id, quote_id)
            )""",
            """CREATE TABLE quote_carriers (
                story_id TEXT NOT NULL,
                quote_id TEXT NOT NULL,
                article_id TEXT NOT NULL,
                sentence INTEGER NOT NULL,
                outlet TEXT,
                text TEXT,
                match TEXT,
                PRIMARY KEY (story_id, quote_id, article_id, sentence)
            )""",
            """CREATE TABLE contradictions (
                story_id TEXT NOT NULL,
                contradiction_id TEXT NOT NULL,
                kind TEXT,
                severity TEXT,
                explanation TEXT,
                PRIMARY KEY (story_id, contradiction_id)
            )""",
            """CREATE TABLE contradiction_claims (
                story_id TEXT NOT NULL,
                contradiction_id TEXT NOT NULL,
                article_id TEXT NOT NULL,
                sentence INTEGER NOT NULL,
                outlet TEXT,
                sentence_text TEXT,
                PRIMARY KEY (story_id, contradiction_id, article_id, sentence)
            )""",
            """CREATE TABLE entities (
                story_id TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT,
                role TEXT,
                mentions INTEGER,
                aliases TEXT,
                articles TEXT,
                PRIMARY KEY (story_id, entity_id)
            )""",
            """CREATE TABLE watch_state (
                url TEXT PRIMARY KEY,
                etag TEXT,
                last_modified TEXT,
                checked_at TEXT,
                status TEXT
            )""",
            """CREATE TABLE watch_seen (
                key TEXT PRIMARY KEY,
                article_id TEXT,
                seen_at TEXT
            )""",
        ],
    )
)

# HanTa's tags of German sentences, by a hash of language and text (issue #9: the extraction
# tags every sentence; the dossier of a story read by another worker process reads them here
# instead of tagging them again). Written by the article stage, read by dossier tasks.
MIGRATIONS.append(
    (
        "0200_sentence_tags",
        [
            """CREATE TABLE sentence_tags (
                hash TEXT PRIMARY KEY,
                tags TEXT NOT NULL
            )""",
        ],
    )
)

# A story's ok members by one index (issue #9): "story_id = ? AND status = 'ok'" made SQLite
# pick articles_status (every ok article, then a sort), 5 ms per story at 1,000 articles: the
# dossier stage of the 10kGNAD speed bench spent ~20 % of its in-process time in the
# member queries. With both columns and id, the look-up and its id order come from the index.
MIGRATIONS.append(
    (
        "0210_articles_story_status",
        ["CREATE INDEX articles_story_status ON articles(story_id, status, id)"],
    )
)
