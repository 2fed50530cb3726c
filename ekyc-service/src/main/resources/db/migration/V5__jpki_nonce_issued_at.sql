-- When each JPKI nonce was issued: a usable secret question set since then means the member was approved meanwhile,
-- and a check with this nonce is refused rather than approved a second time (JpkiVerifications).
ALTER TABLE jpki_nonce ADD COLUMN issued_at TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE jpki_nonce ALTER COLUMN issued_at DROP DEFAULT;
