-- The holder's pseudonym (platform PersonReferences.holderOf: kanji name and birth date under the key ekyc-service
-- shares), carried on AccountVerified as holderRef: ekyc-service compares a My Number card's certificate with it.
-- Null when the roster gives no kanji name; the name itself is never kept.
ALTER TABLE roster_entry ADD COLUMN holder_ref BYTEA;
