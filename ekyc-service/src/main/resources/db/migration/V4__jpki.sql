-- eKYC by the My Number card's signing certificate (JPKI, docs/ekyc-service.md "JPKI").

-- The linked insured person's kanji name and birth date as a pseudonym (AccountVerified.holderRef): what a card's
-- certificate is compared with. Null when the roster gives no kanji name.
ALTER TABLE member_person ADD COLUMN holder_ref BYTEA;

-- Nonces issued for a card to sign: only their digest, single use, short-lived.
CREATE TABLE jpki_nonce (
    nonce_digest BYTEA PRIMARY KEY,
    member_id UUID NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX jpki_nonce_member ON jpki_nonce (member_id);

-- Each check, to prove it later: its time and result, and (sealed) the certificate's serial, issuer and SHA-256 when
-- the card was readable and good. No name, birth date or address; deleted on the photos' retention.
CREATE TABLE jpki_check (
    id UUID PRIMARY KEY,
    member_id UUID NOT NULL,
    checked_at TIMESTAMPTZ NOT NULL,
    result TEXT NOT NULL,
    certificate BYTEA
);
CREATE INDEX jpki_check_member ON jpki_check (member_id);
CREATE INDEX jpki_check_time ON jpki_check (checked_at);
