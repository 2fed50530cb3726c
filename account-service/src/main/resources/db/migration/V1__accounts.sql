-- account-service: sign-up sessions, one-time codes, members and their consents, password resets, and this
-- service's projection of the group catalog (entitlement-service owns the catalog).

CREATE TABLE catalog_group (
    group_id          TEXT PRIMARY KEY,
    name              TEXT        NOT NULL,
    category          TEXT        NOT NULL,
    consent_documents TEXT        NOT NULL, -- JSON array of {kind, version, required}
    own_points        BOOLEAN     NOT NULL,
    contracted        BOOLEAN     NOT NULL,
    revision          BIGINT      NOT NULL,
    changed_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE catalog_insurer_number (
    insurer_number TEXT PRIMARY KEY,
    group_id       TEXT NOT NULL REFERENCES catalog_group ON DELETE CASCADE
);

CREATE TABLE signup (
    id                  UUID PRIMARY KEY,
    group_id            TEXT        NOT NULL,
    insurer_number      TEXT        NOT NULL,
    email               TEXT,
    password_sealed     TEXT,        -- AES-GCM; wiped once the account exists
    created_at          TIMESTAMPTZ NOT NULL,
    expires_at          TIMESTAMPTZ NOT NULL,
    member_id           UUID         -- set when the sign-up completed
);

-- What the member agreed to, in which version, when. Kept with the completed sign-up (signup.member_id) as the
-- member's record of consent.
CREATE TABLE signup_consent (
    signup_id UUID        NOT NULL REFERENCES signup ON DELETE CASCADE,
    kind      TEXT        NOT NULL,
    version   TEXT        NOT NULL,
    agreed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (signup_id, kind)
);

-- Codes are stored as HMACs only. The latest code of a flow is the valid one.
CREATE TABLE one_time_code (
    id          UUID PRIMARY KEY,
    flow_id     UUID        NOT NULL, -- the sign-up or the password reset
    email       TEXT        NOT NULL, -- for the daily cap per address
    code_mac    TEXT        NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL,
    wrong_tries INT         NOT NULL DEFAULT 0,
    used        BOOLEAN     NOT NULL DEFAULT false
);
CREATE INDEX one_time_code_flow ON one_time_code (flow_id, issued_at DESC);
CREATE INDEX one_time_code_email ON one_time_code (email, issued_at);

CREATE TABLE member (
    member_id             UUID PRIMARY KEY, -- = the Keycloak user id = the token's sub
    email                 TEXT        NOT NULL,
    group_id              TEXT        NOT NULL,
    insurer_number        TEXT        NOT NULL,
    status                TEXT        NOT NULL, -- ACTIVE, WITHDRAWN, CLOSED
    auth_level            TEXT        NOT NULL,
    qualification_lost_on DATE,
    created_at            TIMESTAMPTZ NOT NULL,
    ended_at              TIMESTAMPTZ
);
-- One active account per address; a withdrawn or closed member's address is free.
CREATE UNIQUE INDEX member_active_email ON member (email) WHERE status = 'ACTIVE';

-- A reset is recorded whether or not the address belongs to a member: both get the same answer.
CREATE TABLE password_reset (
    id           UUID PRIMARY KEY,
    email        TEXT        NOT NULL,
    member_id    UUID,
    created_at   TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ
);
CREATE INDEX password_reset_email ON password_reset (email, created_at);
