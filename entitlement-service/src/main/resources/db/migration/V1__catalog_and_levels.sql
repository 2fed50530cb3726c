-- entitlement-service: the group catalog it owns (published as GroupChanged), and each member's verified facts
-- with the level derived from them.

CREATE TABLE catalog_group (
    group_id   TEXT PRIMARY KEY,
    revision   BIGINT      NOT NULL,
    state      TEXT        NOT NULL, -- the GroupChanged payload of this revision (JSON)
    changed_at TIMESTAMPTZ NOT NULL
);

-- One insurer number belongs to one group: the sign-up's group ID check depends on it.
CREATE TABLE catalog_insurer_number (
    insurer_number TEXT PRIMARY KEY,
    group_id       TEXT NOT NULL REFERENCES catalog_group ON DELETE CASCADE
);

-- Facts, not steps (ARCHITECTURE): each column keeps the earliest or latest time seen, so that duplicates and
-- any order of arrival give the same row. No personal data: ids, times and the loss date only.
CREATE TABLE member_facts (
    member_id             UUID PRIMARY KEY,
    group_id              TEXT,
    account_created_at    TIMESTAMPTZ,
    verified_at           TIMESTAMPTZ,
    ekyc_approved_at      TIMESTAMPTZ,
    disaffiliated_at      TIMESTAMPTZ,
    qualification_lost_on DATE,
    reaffiliated_at       TIMESTAMPTZ,
    ended_at              TIMESTAMPTZ,
    level                 TEXT        NOT NULL,
    level_changed_at      TIMESTAMPTZ NOT NULL
);
