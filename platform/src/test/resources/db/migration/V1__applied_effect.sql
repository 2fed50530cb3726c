-- Test-only: one row per effect the test consumer applied, so a double effect shows as two rows.
CREATE TABLE applied_effect (
    id       BIGSERIAL PRIMARY KEY,
    subject  TEXT NOT NULL,
    event_id UUID NOT NULL
);
