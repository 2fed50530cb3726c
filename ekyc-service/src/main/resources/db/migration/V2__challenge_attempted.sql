-- Whether a challenge photo was judged against the drawn challenge; until then a retaken front selfie keeps the
-- challenge (no fishing for an easy one).
ALTER TABLE application ADD COLUMN challenge_attempted BOOLEAN NOT NULL DEFAULT false;
