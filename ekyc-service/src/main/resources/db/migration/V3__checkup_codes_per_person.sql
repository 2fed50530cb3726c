-- Checkup viewing codes issued to one insured person (健診閲覧コード, Q7): the person as the pseudonym that
-- insured-verification-service also computes (platform PersonReferences, a key the two share), never the personal ID.

-- The insured person each member is linked to (AccountVerified.personRef); person_ref null when the roster entry
-- predates the reference. Older news never overwrites newer.
CREATE TABLE member_person (
    member_id   UUID PRIMARY KEY,
    person_ref  BYTEA,
    verified_at TIMESTAMPTZ NOT NULL
);

-- Set when the code was issued to one person: only that person's member redeems it. Null: any member of the group.
ALTER TABLE checkup_code ADD COLUMN person_ref BYTEA;

-- The group's insurer numbers (GroupChanged): a code issued to a person of another insurer is refused at loading.
-- Null until the group's next change arrives.
ALTER TABLE catalog_group ADD COLUMN insurer_numbers TEXT[];
