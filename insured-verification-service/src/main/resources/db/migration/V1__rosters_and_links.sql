-- insured-verification-service: the insurers' rosters, the one-insured-person-one-account ledger, attempts.
-- No clear personal data is stored: persons and cards are kept as keyed digests (HMAC-SHA256 under the service key),
-- which is all that matching by equality needs (docs/insured-verification-service.md, "Storage").

-- The catalog as this service needs it (from GroupChanged): which group an insurer number belongs to, and its card.
CREATE TABLE catalog_group (
    group_id    TEXT PRIMARY KEY,
    card_format TEXT    NOT NULL,
    contracted  BOOLEAN NOT NULL,
    revision    BIGINT  NOT NULL
);

CREATE TABLE catalog_insurer_number (
    insurer_number TEXT PRIMARY KEY,
    group_id       TEXT NOT NULL REFERENCES catalog_group (group_id)
);

-- One insured person of an insurer's roster (加入者名簿).
CREATE TABLE roster_entry (
    person_key     BYTEA       PRIMARY KEY,   -- digest of insurer number + personal ID
    insurer_number TEXT        NOT NULL,
    match_key      BYTEA,                     -- digest of insurer number, symbol, number, kana name, birth date
    qualified_on   DATE,
    lost_on        DATE,                      -- 資格喪失日; null while qualified
    updated_at     TIMESTAMPTZ NOT NULL,      -- the insurer's time of this state: older news never overwrites newer
    source_file    UUID                       -- the upload that wrote it last (finds a person twice in one file)
);

-- Found by equality only: a hash index holds 4-byte hash codes, a fraction of a B-tree over the digests.
CREATE INDEX roster_entry_match ON roster_entry USING hash (match_key);

-- Each roster file applied, by content: the same file sent again changes nothing and gets the first report.
CREATE TABLE roster_file (
    id             UUID        PRIMARY KEY,
    insurer_number TEXT        NOT NULL,
    sha256         BYTEA       NOT NULL,
    as_of          TIMESTAMPTZ NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL,
    report         TEXT        NOT NULL,      -- JSON: counts and rejected rows (line and reason only)
    UNIQUE (insurer_number, sha256)
);

-- 保険証情報の照会は1名あたり1回まで: an insured person is linked to one account, an account to one person.
CREATE TABLE insured_link (
    person_key       BYTEA       PRIMARY KEY,
    member_id        UUID        NOT NULL UNIQUE,
    group_id         TEXT        NOT NULL,
    insurer_number   TEXT        NOT NULL,
    linked_at        TIMESTAMPTZ NOT NULL,
    disaffiliated_on DATE                     -- the loss of qualification the member was told of
);

-- Failed verifications, for the limit of 5 in 24 hours; older rows are pruned.
CREATE TABLE verification_failure (
    member_id UUID        NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL,
    outcome   TEXT        NOT NULL
);

CREATE INDEX verification_failure_member ON verification_failure (member_id, failed_at);
