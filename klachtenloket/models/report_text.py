"""The coordinator's own words in the yearly report (Awb 9:12a, seed 002): an introduction and
a closing per year, around the figures the register gives (migration 0019)."""
from peewee import DateTimeField, ForeignKeyField, IntegerField, TextField

from klachtenloket.models.base import BaseModel, utcnow
from klachtenloket.models.staff import Staff


class AnnualReportText(BaseModel):
    year = IntegerField(primary_key=True)
    introduction = TextField(default="")
    closing = TextField(default="")
    updated_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", index=False)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "annual_report_text"
