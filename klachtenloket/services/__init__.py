"""Things with side effects: storing complaints, the mail outbox, tokens."""
