package io.kencom.ekyc;

import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.contracts.model.PersonalId;
import io.kencom.ekyc.infra.Argon2Hasher;
import io.kencom.platform.Blocking;
import io.kencom.platform.Clocks;
import io.kencom.platform.crypto.PersonReferences;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.kencom.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Checkup viewing codes (健診閲覧コード, domain.md Q7): codes a group issued to its insured people, loaded by operations
 * staff (role {@code ops-admin}); a member of that group at {@code PERSONAL} who enters one and sets a secret question
 * is {@code SENSITIVE} without eKYC. A code issued to one insured person (named by insurer number and personal ID) is
 * that person's member's only: it is kept with the person's pseudonym ({@link PersonReferences}), which
 * {@code AccountVerified} brings for each member. A code is used once; {@value #MAX_FAILURES} wrong codes in 24 hours
 * stop trying, and another person's code is a wrong code.
 */
@ApplicationScoped
public class CheckupCodes {

    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofHours(24);
    static final int MAX_CODE_LENGTH = 64;

    /** Codes for anyone of the group ({@code codes}), codes each issued to one person ({@code personalCodes}). */
    public record Batch(List<String> codes, List<PersonalCode> personalCodes, LocalDate expiresOn) {
    }

    /** A code issued to the insured person the insurer knows by {@code personalId} (個人識別番号). */
    public record PersonalCode(String code, String insurerNumber, String personalId) {

        @Override
        public String toString() {
            return "PersonalCode[…]";
        }
    }

    public record Loaded(int added, int alreadyKnown) {
    }

    public record Redemption(String code, String question, String answer) {
    }

    public record Redeemed(EkycApproved.Method method) {
    }

    private final Pool pool;
    private final Secrets secrets;
    private final PersonReferences personRefs;
    private final Outbox outbox;
    private final Clock clock;
    private final Members members;
    private final SecretQuestions questions;

    CheckupCodes(Pool pool, Secrets secrets, PersonReferences personRefs, Outbox outbox, Clock clock, Members members,
            SecretQuestions questions) {
        this.pool = pool;
        this.secrets = secrets;
        this.personRefs = personRefs;
        this.outbox = outbox;
        this.clock = clock;
        this.members = members;
        this.questions = questions;
    }

    /** The comparable form of a code: width, case, spaces and hyphens do not count. */
    static String normalise(String code) {
        return Normalizer.normalize(code, Normalizer.Form.NFKC).replaceAll("[\\s\\-‐‑‒–—―ー−]", "")
                .toUpperCase(Locale.ROOT);
    }

    private byte[] digest(String groupId, String code) {
        return secrets.lookupDigest("checkup-code|" + groupId + "|" + normalise(code));
    }

    public Uni<Loaded> load(String groupId, Batch batch) {
        List<String> anyone = batch.codes() == null ? List.of() : batch.codes();
        List<PersonalCode> personal = batch.personalCodes() == null ? List.of() : batch.personalCodes();
        if (anyone.isEmpty() && personal.isEmpty()) {
            throw EkycProblems.fieldInvalid("codes", "MISSING");
        }
        if (batch.expiresOn() == null) {
            throw EkycProblems.fieldInvalid("expiresOn", "MISSING");
        }
        List<Buffer> digests = new ArrayList<>();
        List<Buffer> persons = new ArrayList<>();
        Set<String> insurers = new TreeSet<>();
        for (String code : anyone) {
            digests.add(Buffer.buffer(digest(groupId, wellFormed(code, "codes"))));
            persons.add(null);
        }
        for (PersonalCode issued : personal) {
            if (issued == null) {
                throw EkycProblems.fieldInvalid("personalCodes", "MISSING");
            }
            String code = wellFormed(issued.code(), "personalCodes.code");
            if (InsurerNumber.problemWith(issued.insurerNumber()).isPresent()) {
                throw EkycProblems.fieldInvalid("personalCodes.insurerNumber", "INSURER_NUMBER_INVALID");
            }
            InsurerNumber insurer = InsurerNumber.parse(issued.insurerNumber());
            String personalId = PersonalId.normalise(issued.personalId());
            if (personalId == null) {
                throw EkycProblems.fieldInvalid("personalCodes.personalId", "PERSONAL_ID_INVALID");
            }
            insurers.add(insurer.value());
            digests.add(Buffer.buffer(digest(groupId, code)));
            persons.add(Buffer.buffer(personRefs.of(insurer, personalId)));
        }
        return insurersOf(groupId).chain(known -> {
            if (known != null && !known.containsAll(insurers)) {
                return Uni.createFrom().failure(EkycProblems.fieldInvalid("personalCodes.insurerNumber",
                        "NOT_OF_THIS_GROUP"));
            }
            return pool.preparedQuery("INSERT INTO checkup_code (code_digest, group_id, expires_on, person_ref) "
                            + "SELECT d, $2, $3, p FROM unnest($1::bytea[], $4::bytea[]) AS i(d, p) "
                            + "ON CONFLICT DO NOTHING")
                    .execute(Tuple.of(digests.toArray(Buffer[]::new), groupId, batch.expiresOn(),
                            persons.toArray(Buffer[]::new)))
                    .map(rows -> new Loaded(rows.rowCount(), digests.size() - rows.rowCount()));
        });
    }

    private static String wellFormed(String code, String field) {
        if (code == null || normalise(code).isEmpty() || code.length() > MAX_CODE_LENGTH) {
            throw EkycProblems.fieldInvalid(field, "INVALID_CODE");
        }
        return code;
    }

    /** The group's insurer numbers as the catalog gave them; null while unknown. */
    private Uni<Set<String>> insurersOf(String groupId) {
        return pool.preparedQuery("SELECT insurer_numbers FROM catalog_group WHERE group_id = $1")
                .execute(Tuple.of(groupId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    String[] numbers = rows.iterator().next().getArrayOfStrings("insurer_numbers");
                    return numbers == null ? null : Set.of(numbers);
                });
    }

    /**
     * A wrong code is counted in the transaction that judged it, under the member's lock, and refused after the
     * commit: parallel tries wait for each other, so a burst is judged no further than the limit.
     */
    public Uni<Redeemed> redeem(UUID memberId, Redemption r) {
        if (r == null || r.code() == null || r.code().isBlank() || r.code().length() > MAX_CODE_LENGTH) {
            throw EkycProblems.fieldInvalid("code", "MISSING");
        }
        String answer = SecretQuestions.chosenAnswer(r.question(), r.answer());
        Instant now = clock.instant();
        return Blocking.call(() -> Argon2Hasher.hash(answer)).chain(hash -> pool.withTransaction(conn -> members
                        .eligible(conn, memberId, questions)
                        .chain(member -> conn.preparedQuery(
                                        "SELECT pg_advisory_xact_lock(hashtextextended('checkup:' || $1, 0))")
                                .execute(Tuple.of(memberId.toString()))
                                .chain(() -> conn.preparedQuery("SELECT failed_at FROM checkup_code_failure WHERE "
                                        + "member_id = $1 AND failed_at > $2 ORDER BY failed_at").execute(Tuple.of(
                                        memberId, Clocks.timestamptz(now.minus(FAILURE_WINDOW)))))
                                .chain(failures -> {
                                    if (failures.size() >= MAX_FAILURES) {
                                        Instant first = failures.iterator().next().getOffsetDateTime(0).toInstant();
                                        return Uni.createFrom().<Object>item(
                                                EkycProblems.tooManyAttempts(first.plus(FAILURE_WINDOW), now));
                                    }
                                    return use(conn, memberId, member.groupId(), r, hash, now)
                                            .chain(used -> used != null ? Uni.createFrom().<Object>item(used)
                                                    : conn.preparedQuery("INSERT INTO checkup_code_failure "
                                                                    + "(member_id, failed_at) VALUES ($1, $2)")
                                                            .execute(Tuple.of(memberId, Clocks.timestamptz(now)))
                                                            .map(x -> EkycProblems.codeInvalid(
                                                                    MAX_FAILURES - failures.size() - 1)));
                                }))))
                .map(outcome -> {
                    if (outcome instanceof ApiProblem refused) {
                        throw refused;
                    }
                    return (Redeemed) outcome;
                });
    }

    /** Spends the code for the member and sets the question; null when it is no code of theirs to spend. */
    private Uni<Redeemed> use(SqlConnection conn, UUID memberId, String groupId, Redemption r, String hash,
            Instant now) {
        // Another person's code is no code of this member's: a wrong code.
        return conn.preparedQuery("UPDATE checkup_code SET redeemed_by = $1, redeemed_at = $2 WHERE code_digest = $3 "
                        + "AND group_id = $4 AND redeemed_by IS NULL AND expires_on >= $5 AND (person_ref IS NULL "
                        + "OR person_ref = (SELECT person_ref FROM member_person WHERE member_id = $1)) RETURNING 1")
                .execute(Tuple.of(memberId, Clocks.timestamptz(now), Buffer.buffer(digest(groupId, r.code())),
                        groupId, Clocks.todayInJapan(clock)))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().nullItem()
                        : questions.set(conn, memberId, r.question().strip(), hash, now)
                                .chain(() -> outbox.publish(conn, new EkycApproved(memberId, null,
                                        EkycApproved.Method.CHECKUP_VIEWING_CODE, now)))
                                .map(x -> new Redeemed(EkycApproved.Method.CHECKUP_VIEWING_CODE)));
    }
}
