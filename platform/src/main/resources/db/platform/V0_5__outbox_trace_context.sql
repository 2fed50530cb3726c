-- The trace of the request (or event) that wrote the row, as W3C Trace Context: the relay sends the event as a child
-- of it, so one member's sign-up, verification and level change join one trace across the services (TraceContext).
ALTER TABLE outbox_event ADD COLUMN traceparent TEXT, ADD COLUMN tracestate TEXT;
