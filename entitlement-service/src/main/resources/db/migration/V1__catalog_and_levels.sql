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

-- Every instance keeps levels and groups in memory for the entitlement reads; these notifications (delivered at
-- commit) tell all of them what changed. Payload: member id, level, group id, level_changed_at in microseconds.
CREATE FUNCTION member_level_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('member_level', NEW.member_id || ' ' || NEW.level || ' ' || coalesce(NEW.group_id, '') || ' '
        || (extract(epoch FROM NEW.level_changed_at) * 1000000)::bigint);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER member_level_inserted AFTER INSERT ON member_facts
    FOR EACH ROW EXECUTE FUNCTION member_level_notify();
CREATE TRIGGER member_level_changed AFTER UPDATE ON member_facts
    FOR EACH ROW WHEN (OLD.level IS DISTINCT FROM NEW.level OR OLD.group_id IS DISTINCT FROM NEW.group_id)
    EXECUTE FUNCTION member_level_notify();

CREATE FUNCTION catalog_group_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('catalog_group', NEW.group_id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER catalog_group_changed AFTER INSERT OR UPDATE ON catalog_group
    FOR EACH ROW EXECUTE FUNCTION catalog_group_notify();
