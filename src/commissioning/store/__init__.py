"""A durable event store for every aggregate's records: SQLite embedded, PostgreSQL shared.

An adapter at the edge: the domain core never imports it. A store keeps one
row per [`EventRecord`][commissioning.machine.EventRecord] (the core's record stored form, as
JSON with its ``format_version``), grouped in *streams* (one per aggregate),
each stored with its aggregate type. It appends a command's records atomically
with optimistic concurrency ([`VersionConflict`][commissioning.VersionConflict]), loads and
rebuilds aggregates with their ``replay`` classmethod, and offers a global feed
in commit order for projections.

- [`SQLiteEventStore`][commissioning.store.SQLiteEventStore]: standard library ``sqlite3``, a file (WAL) or ``":memory:"``.
- [`PostgresEventStore`][commissioning.store.PostgresEventStore]: psycopg 3 (``pip install 'commissioning[postgres]'``).
- [`Repository`][commissioning.store.Repository]: load -> command -> append in one call.

Examples:
    >>> from commissioning.store import SQLiteEventStore, EventStore
    >>> with SQLiteEventStore(":memory:") as store:
    ...     isinstance(store, EventStore), store.version("nothing-yet")
    (True, 0)
"""

from ._base import EventStore
from ._codec import STORE_READABLE_FORMAT_VERSIONS, STORE_SCHEMA_VERSION, FeedEntry
from ._errors import StoreSchemaError, UnknownStream, UnreadableRecord
from ._postgres import PostgresEventStore
from ._projection import ObligationsProjection
from ._repository import Repository
from ._sqlite import SQLiteEventStore

__all__ = [
    "STORE_READABLE_FORMAT_VERSIONS",
    "STORE_SCHEMA_VERSION",
    "EventStore",
    "FeedEntry",
    "ObligationsProjection",
    "PostgresEventStore",
    "Repository",
    "SQLiteEventStore",
    "StoreSchemaError",
    "UnknownStream",
    "UnreadableRecord",
]

for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type):
        _value.__module__ = __name__
