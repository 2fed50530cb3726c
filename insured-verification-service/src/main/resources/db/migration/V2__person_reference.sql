-- The insured person's pseudonym that ekyc-service can compute too (platform PersonReferences, a key the two share),
-- carried on AccountVerified: a checkup viewing code issued to one person is redeemed by that person's member only.
-- Null for entries written before it: the insurer's next news of the person fills it in.
ALTER TABLE roster_entry ADD COLUMN person_ref BYTEA;
