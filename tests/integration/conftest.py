"""Fixtures for the integration tests only (the shared ones are in tests/conftest.py)."""
import pytest


@pytest.fixture
def cheap_hashing(monkeypatch):
    """argon2 with the least cost: tests that log in a dozen times test access, not hashing.
    Production's parameters are what test_accounts.py checks."""
    from argon2 import PasswordHasher
    from klachtenloket.services import accounts
    cheapest = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(accounts, "hasher", cheapest)
