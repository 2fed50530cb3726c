package io.kencom.ekyc;

import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.contracts.model.PersonalId;
import io.kencom.ekyc.infra.Argon2Hasher;
import io.kencom.ekyc.infra.CheckupCodeTable;
import io.kencom.ekyc.infra.EkycMeters;
import io.kencom.ekyc.infra.MemberTable;
import io.kencom.platform.Blocking;
import io.kencom.platform.Clocks;
import io.kencom.platform.crypto.PersonReferences;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.kencom.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
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

    /** A code issued to the insured person the insurer knows by {@code personalId} (個人識別番号). */
    public record PersonalCode(String code, String insurerNumber, String personalId) {

        @Override
        public String toString() {
            return "PersonalCode[…]";
        }
    }

    public record Loaded(int added, int alreadyKnown) {
    }

    public record Redeemed(EkycApproved.Method method) {
    }

    private final Pool pool;
    private final CheckupCodeTable table;
    private final EkycMeters meters;
    private final MemberTable memberTable;
    private final Secrets secrets;
    private final PersonReferences personRefs;
    private final Outbox outbox;
    private final Clock clock;
    private final Members members;
    private final SecretQuestions questions;

    CheckupCodes(Pool pool, CheckupCodeTable table, EkycMeters meters, MemberTable memberTable, Secrets secrets,
            PersonReferences personRefs, Outbox outbox, Clock clock, Members members, SecretQuestions questions) {
        this.pool = pool;
        this.table = table;
        this.meters = meters;
        this.memberTable = memberTable;
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

    /** Codes for anyone of the group ({@code codes}), codes each issued to one person ({@code personalCodes}). */
    public Uni<Loaded> load(String groupId, List<String> codes, List<PersonalCode> personalCodes, LocalDate expiresOn) {
        List<String> anyone = codes == null ? List.of() : codes;
        List<PersonalCode> personal = personalCodes == null ? List.of() : personalCodes;
        if (anyone.isEmpty() && personal.isEmpty()) {
            throw EkycProblems.fieldInvalid("codes", "MISSING");
        }
        if (expiresOn == null) {
            throw EkycProblems.fieldInvalid("expiresOn", "MISSING");
        }
        List<CheckupCodeTable.Code> loaded = new ArrayList<>();
        Set<String> insurers = new TreeSet<>();
        for (String code : anyone) {
            loaded.add(new CheckupCodeTable.Code(digest(groupId, wellFormed(code, "codes")), null));
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
            loaded.add(new CheckupCodeTable.Code(digest(groupId, code), personRefs.of(insurer, personalId)));
        }
        return memberTable.insurersOf(pool, groupId).chain(known -> {
            if (known != null && !known.containsAll(insurers)) {
                return Uni.createFrom().failure(EkycProblems.fieldInvalid("personalCodes.insurerNumber",
                        "NOT_OF_THIS_GROUP"));
            }
            return table.load(pool, groupId, loaded, expiresOn)
                    .map(added -> new Loaded(added, loaded.size() - added));
        });
    }

    private static String wellFormed(String code, String field) {
        if (code == null || normalise(code).isEmpty() || code.length() > MAX_CODE_LENGTH) {
            throw EkycProblems.fieldInvalid(field, "INVALID_CODE");
        }
        return code;
    }

    /**
     * A wrong code is counted in the transaction that judged it, under the member's lock, and refused after the
     * commit: parallel tries wait for each other, so a burst is judged no further than the limit.
     */
    public Uni<Redeemed> redeem(UUID memberId, String code, String question, String typedAnswer) {
        if (code == null || code.isBlank() || code.length() > MAX_CODE_LENGTH) {
            throw EkycProblems.fieldInvalid("code", "MISSING");
        }
        String answer = SecretQuestions.chosenAnswer(question, typedAnswer);
        Instant now = clock.instant();
        return Blocking.call(() -> Argon2Hasher.hash(answer)).chain(hash -> pool.withTransaction(conn -> members
                        .eligible(conn, memberId, questions)
                        .chain(member -> table.lockMember(conn, memberId)
                                .chain(() -> table.failuresSince(conn, memberId, now.minus(FAILURE_WINDOW)))
                                .chain(failures -> {
                                    if (failures.size() >= MAX_FAILURES) {
                                        return Uni.createFrom().<Object>item(EkycProblems.tooManyAttempts(
                                                failures.get(0).plus(FAILURE_WINDOW), now));
                                    }
                                    return use(conn, memberId, member.groupId(), code, question, hash, now)
                                            .chain(used -> used != null ? Uni.createFrom().<Object>item(used)
                                                    : table.recordFailure(conn, memberId, now)
                                                            .map(x -> EkycProblems.codeInvalid(
                                                                    MAX_FAILURES - failures.size() - 1)));
                                }))))
                .map(outcome -> {
                    meters.decided(EkycApproved.Method.CHECKUP_VIEWING_CODE, outcome instanceof Redeemed
                            ? EkycMeters.Outcome.APPROVED : EkycMeters.Outcome.REFUSED);
                    if (outcome instanceof ApiProblem refused) {
                        throw refused;
                    }
                    return (Redeemed) outcome;
                });
    }

    /** Spends the code for the member and sets the question; null when it is no code of theirs to spend. */
    private Uni<Redeemed> use(SqlConnection conn, UUID memberId, String groupId, String code, String question,
            String hash, Instant now) {
        return table.spend(conn, memberId, groupId, digest(groupId, code), now, Clocks.todayInJapan(clock))
                .chain(spent -> !spent ? Uni.createFrom().nullItem()
                        : questions.set(conn, memberId, question.strip(), hash, now)
                                .chain(() -> outbox.publish(conn, new EkycApproved(memberId, null,
                                        EkycApproved.Method.CHECKUP_VIEWING_CODE, now)))
                                .map(x -> new Redeemed(EkycApproved.Method.CHECKUP_VIEWING_CODE)));
    }
}
