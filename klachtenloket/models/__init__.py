"""Peewee models, one module per aggregate."""
from klachtenloket.models.complaint import Complaint, Event, ReferenceCounter, TrackingToken
from klachtenloket.models.draft import Draft
from klachtenloket.models.organisation import OrganisationConfig
from klachtenloket.models.outbox import OutboxMail

ALL_MODELS = [Complaint, Event, TrackingToken, ReferenceCounter, Draft, OrganisationConfig, OutboxMail]
