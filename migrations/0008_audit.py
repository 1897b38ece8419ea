"""The audit trail (issue 4, "Audit"): one append-only row per change or view by staff.

The table is a frozen copy of klachtenloket/models/audit.py. The database refuses UPDATE and
DELETE of its rows (and TRUNCATE on PostgreSQL) through the triggers of
klachtenloket.models.audit.install_guard, the one place that defines them."""
from peewee import *


def up(migrator, db):
    from klachtenloket.models.audit import install_guard

    class Complaint(Model):
        class Meta:
            database = db
            table_name = 'complaint'

    class AuditEntry(Model):
        at = DateTimeField()
        staff_id = IntegerField(null=True)
        staff_name = CharField(max_length=200, default='')
        complaint = ForeignKeyField(Complaint, null=True, index=False)
        action = CharField(max_length=40)
        detail = CharField(max_length=200, default='')
        class Meta:
            database = db
            table_name = 'audit_entry'
            indexes = ((('complaint', 'at'), False),)
    db.create_tables([AuditEntry])
    install_guard(db)


def down(migrator, db):
    from klachtenloket.models.audit import remove_guard
    remove_guard(db)
    migrator.migrate(migrator.drop_table('audit_entry'))
