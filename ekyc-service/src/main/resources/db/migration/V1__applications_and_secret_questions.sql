-- ekyc-service: eKYC applications (健診・医療アクセス認証), their images (encrypted), the review queue, secret questions
-- (hashed answers), checkup viewing codes (digests). Names and birth dates typed by the member, questions and images
-- are sealed with the service key (AES-GCM); answers are Argon2id hashes; codes are keyed digests.

-- The catalog as this service needs it (from GroupChanged): does the group link checkup data (guide p.17)?
CREATE TABLE catalog_group (
    group_id          TEXT PRIMARY KEY,
    checkup_data_link BOOLEAN NOT NULL,
    revision          BIGINT  NOT NULL
);

-- Each member's level and group (from AuthLevelChanged): eKYC needs PERSONAL.
CREATE TABLE member_level (
    member_id  UUID PRIMARY KEY,
    group_id   TEXT        NOT NULL,
    level      TEXT        NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE application (
    id                   UUID PRIMARY KEY,
    member_id            UUID        NOT NULL,
    status               TEXT        NOT NULL,  -- OPEN, IN_REVIEW, APPROVED, REJECTED, EXPIRED
    document_type        TEXT,
    has_remarks          BOOLEAN,
    read_name            TEXT,                  -- sealed; as OCR read it off the front
    read_birth_date      TEXT,                  -- sealed
    confirmed_name       TEXT,                  -- sealed; the new name from the remarks when there is one
    confirmed_birth_date TEXT,                  -- sealed
    name_from_remarks    BOOLEAN,
    data_as_read         BOOLEAN,               -- the member confirmed what was read (width and spaces aside)
    challenge_turn       TEXT,
    challenge_mouth      TEXT,
    document_match       DOUBLE PRECISION,      -- front selfie vs document portrait (cosine)
    selfie_match         DOUBLE PRECISION,      -- challenge photo vs front selfie
    challenge_outcome    TEXT,
    front_liveness       DOUBLE PRECISION,
    challenge_liveness   DOUBLE PRECISION,
    front_yaw            DOUBLE PRECISION,
    challenge_yaw        DOUBLE PRECISION,
    face_refusals        INT         NOT NULL DEFAULT 0,
    secret_question      TEXT,                  -- sealed
    secret_answer_hash   TEXT,
    review_reasons       TEXT[]      NOT NULL DEFAULT '{}',
    decision_reason      TEXT,
    redo                 TEXT[]      NOT NULL DEFAULT '{}',
    decided_by           UUID,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    submitted_at         TIMESTAMPTZ,
    decided_at           TIMESTAMPTZ
);

-- One application in progress or in review per member.
CREATE UNIQUE INDEX application_one_open ON application (member_id) WHERE status IN ('OPEN', 'IN_REVIEW');
CREATE INDEX application_review_queue ON application (submitted_at) WHERE status = 'IN_REVIEW';

-- Photos, re-encoded without metadata and sealed; deleted a retention period after the decision. The face read off a
-- photo (embedding and measures, biometric data) is sealed beside it, so a later step compares without re-reading.
CREATE TABLE application_image (
    application_id UUID  NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    kind           TEXT  NOT NULL,              -- FRONT, BACK, REMARKS, FACE_FRONT, FACE_CHALLENGE
    media_type     TEXT  NOT NULL,
    sealed         BYTEA NOT NULL,
    face           BYTEA,                       -- sealed FaceReading of the photo's main face
    PRIMARY KEY (application_id, kind)
);

-- The question asked before health data is shown (秘密の質問, guide p.32).
CREATE TABLE secret_question (
    member_id     UUID PRIMARY KEY,
    question      TEXT        NOT NULL,         -- sealed
    answer_hash   TEXT        NOT NULL,         -- Argon2id of the normalised answer
    wrong_answers INT         NOT NULL DEFAULT 0,
    locked_at     TIMESTAMPTZ,
    set_at        TIMESTAMPTZ NOT NULL
);

-- Checkup viewing codes (健診閲覧コード, Q7) a group issued; single use.
CREATE TABLE checkup_code (
    code_digest BYTEA PRIMARY KEY,              -- keyed digest of group id + code
    group_id    TEXT        NOT NULL,
    expires_on  DATE        NOT NULL,
    redeemed_by UUID,
    redeemed_at TIMESTAMPTZ
);

-- Wrong codes tried, to stop guessing (5 in 24 hours).
CREATE TABLE checkup_code_failure (
    member_id UUID        NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX checkup_code_failure_member ON checkup_code_failure (member_id, failed_at);
