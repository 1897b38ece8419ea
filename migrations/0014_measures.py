"""Measures (issue 6, "Learning from complaints"): each decided on a complaint, with an owner,
a due date and a status (open, in_progress, done). klachtenloket.models.measure."""
from peewee import (AutoField, CharField, DateField, DateTimeField, ForeignKeyField, Model,
                    TextField)


def up(migrator, db):
    class Staff(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "staff"

    class Complaint(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "complaint"

    class Measure(Model):
        id = AutoField()
        complaint = ForeignKeyField(Complaint, on_delete="CASCADE", index=True)
        text = TextField()
        owner = ForeignKeyField(Staff, null=True, on_delete="SET NULL", index=False)
        due_on = DateField(null=True)
        status = CharField(max_length=12, default="open")
        created_at = DateTimeField()
        done_on = DateField(null=True)

        class Meta:
            database = db
            table_name = "measure"
            indexes = ((("status", "due_on"), False), (("owner", "status"), False))

    db.create_tables([Measure])


def down(migrator, db):
    db.execute_sql("DROP TABLE IF EXISTS measure")
