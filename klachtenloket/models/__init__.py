"""Peewee models, one module per aggregate."""
from klachtenloket.models.attachment import Attachment
from klachtenloket.models.audit import AuditEntry
from klachtenloket.models.callback import CallbackRequest
from klachtenloket.models.complaint import Complaint, Event, ReferenceCounter, TrackingToken
from klachtenloket.models.draft import Draft
from klachtenloket.models.letter import Letter
from klachtenloket.models.logo import Logo
from klachtenloket.models.measure import Measure
from klachtenloket.models.organisation import OrganisationConfig
from klachtenloket.models.outbox import OutboxMail
from klachtenloket.models.reminder import ReminderSent
from klachtenloket.models.report_text import AnnualReportText
from klachtenloket.models.spam import HeldSubmission
from klachtenloket.models.staff import BackupCode, KeptForm, LoginFailure, Staff

# Parents before the tables that refer to them (tests empty them in reverse order).
ALL_MODELS = [Staff, Complaint, Event, TrackingToken, ReferenceCounter, Draft, OrganisationConfig, OutboxMail, AuditEntry,
              CallbackRequest, Letter, ReminderSent, Measure, Attachment, HeldSubmission, Logo,
              BackupCode, LoginFailure, KeptForm, AnnualReportText]
