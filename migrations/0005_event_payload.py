"""What a step carries (the handler assigned, a note's text, a date …), as JSON on its event.

klachtenloket.domain.states.replay reads these payloads to derive the case; events stored
before this migration get an empty one ('{}')."""
from peewee import TextField


def up(migrator, db):
    migrator.migrate(migrator.add_column('event', 'payload_json', TextField(default='{}')))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('event', 'payload_json'))
