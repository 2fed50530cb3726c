-- notification-service: where each member's mail goes, and one delivery per event that deserves a mail.

-- member id → address, from AccountCreated; forgotten on MemberWithdrew and AccountClosed.
CREATE TABLE member_address (
    member_id UUID PRIMARY KEY,
    email     TEXT NOT NULL
);

-- The delivery log: one row per event (its CloudEvents id), so a redelivered event finds its row and sends
-- nothing more. No body is kept; what the sending needs (address, template data with the code) stays sealed
-- (AES-GCM) until the delivery is final, then is wiped.
CREATE TABLE delivery (
    id               UUID PRIMARY KEY,
    member_id        UUID,          -- absent for a sign-up code (no account yet)
    kind             TEXT        NOT NULL,
    status           TEXT        NOT NULL, -- PENDING, SENT, EXPIRED, NO_ADDRESS, FAILED
    attempts         INT         NOT NULL DEFAULT 0,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    next_attempt_at  TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    code_expires_at  TIMESTAMPTZ,   -- code mails: not sent once the code is dead
    recipient_sealed TEXT,
    data_sealed      TEXT,
    event_type       TEXT        NOT NULL,
    event_sealed     TEXT           -- the event as received, for the dead-letter topic if all attempts fail
);

CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_of_member ON delivery (member_id, created_at);

-- Wakes the senders of every instance when a delivery is committed.
CREATE FUNCTION delivery_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('delivery', '');
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER delivery_notify AFTER INSERT ON delivery FOR EACH STATEMENT EXECUTE FUNCTION delivery_notify();
