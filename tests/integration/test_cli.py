"""Command-line tasks an administrator runs."""
from klachtenloket.models import Complaint, Event


def test_init_db_is_safe_to_run_again(runner):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0 and "up to date" in result.output


def test_demo_data_fills_the_register(runner):
    result = runner.invoke(args=["demo-data", "--count", "5"])
    assert result.exit_code == 0, result.output
    assert Complaint.select().count() == 5
    assert Event.select().where(Event.kind == "received").count() == 5
    assert all(c.reference.startswith("KL-") for c in Complaint.select())


def test_outbox_command_lists_failed_mail_for_staff(runner):
    from klachtenloket.models import OutboxMail
    OutboxMail.create(kind="acknowledgement", recipient="a@example.nl", subject="s", body="b",
                      status=OutboxMail.FAILED, attempts=8, last_error="SMTP 550")
    OutboxMail.create(kind="link", recipient="b@example.nl", subject="s", body="b")
    result = runner.invoke(args=["outbox"])
    assert result.exit_code == 0, result.output
    assert "pending: 1" in result.output and "failed: 1" in result.output
    assert "after 8 attempt(s): SMTP 550" in result.output


def test_demo_data_leaves_a_filled_register_alone_unless_asked(runner):
    runner.invoke(args=["demo-data", "--count", "2"])
    again = runner.invoke(args=["demo-data", "--count", "2"])
    assert "nothing added" in again.output and Complaint.select().count() == 2
    runner.invoke(args=["demo-data", "--count", "2", "--again"])
    assert Complaint.select().count() == 4
    assert all(len(c.submission_key) >= 40 for c in Complaint.select()), "keys are secrets"
