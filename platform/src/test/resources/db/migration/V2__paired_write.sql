-- Test-only: a request writes two rows of one key in one transaction (FrozenDatabaseTest), so a half-written
-- request shows as a key with one row.
CREATE TABLE paired_write (
    key  TEXT NOT NULL,
    half INT  NOT NULL,
    PRIMARY KEY (key, half)
);
