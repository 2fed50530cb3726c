-- Messaging foundation shared by every service (platform module). Versions 0.x are the platform's; a service's
-- own migrations start at V1 in db/migration.

-- Transactional outbox: written in the same transaction as the change it announces, relayed to Kafka in seq order.
CREATE TABLE outbox_event (
    seq         BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    source      TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL
);

-- Idempotent consumption: an event id is recorded in the transaction of its effect, so a redelivery has none.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
