-- When a row was written, by the database's clock (the event's occurred_at is the service's): what the outbox's
-- oldest-row age (kencom_outbox_oldest_age_seconds, an alert of docs/operations.md) is measured from.
ALTER TABLE outbox_event ADD COLUMN written_at TIMESTAMPTZ NOT NULL DEFAULT now();
