-- Wakes the outbox relay when events are committed: NOTIFY is delivered at commit only, so the relay sends
-- within milliseconds instead of at its next poll (which stays, as the fallback).
CREATE FUNCTION outbox_event_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
