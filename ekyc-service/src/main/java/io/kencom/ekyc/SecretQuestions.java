package io.kencom.ekyc;

import io.kencom.contracts.events.SecretQuestionReset;
import io.kencom.ekyc.domain.SecretAnswer;
import io.kencom.ekyc.infra.Argon2Hasher;
import io.kencom.ekyc.infra.SecretQuestionTable;
import io.kencom.platform.Blocking;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The secret question (秘密の質問, guide p.32) that guards health data: a right answer gives a short-lived grant that
 * health-data endpoints require; {@value #MAX_WRONG_ANSWERS} wrong answers in a row lock it, and only a new eKYC
 * approval (or checkup viewing code) sets a new one (Q6, Q7).
 */
@ApplicationScoped
public class SecretQuestions {

    public static final int MAX_WRONG_ANSWERS = 5;

    /** A grant to open health data until {@code expiresAt}; opaque to the app. */
    public record Grant(String grant, Instant expiresAt) {
    }

    public record Question(String question) {
    }

    public record GrantHolder(UUID memberId, Instant expiresAt) {
    }

    private final Pool pool;
    private final SecretQuestionTable table;
    private final Secrets secrets;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration grantTtl;

    SecretQuestions(Pool pool, SecretQuestionTable table, Secrets secrets, Outbox outbox, Clock clock,
            @ConfigProperty(name = "kencom.ekyc.grant-ttl") Duration grantTtl) {
        this.pool = pool;
        this.table = table;
        this.secrets = secrets;
        this.outbox = outbox;
        this.clock = clock;
        this.grantTtl = grantTtl;
    }

    /**
     * A question and answer the member chose beside an approval without an application (JPKI, a checkup viewing
     * code): the answer in its compared form, or FIELD_INVALID (MISSING) for either.
     */
    public static String chosenAnswer(String question, String answer) {
        if (question == null || question.isBlank() || question.length() > Applications.MAX_QUESTION_LENGTH) {
            throw EkycProblems.fieldInvalid("question", "MISSING");
        }
        String normalised = answer == null ? "" : SecretAnswer.normalise(answer);
        if (normalised.isEmpty() || answer.length() > SecretAnswer.MAX_LENGTH) {
            throw EkycProblems.fieldInvalid("answer", "MISSING");
        }
        return normalised;
    }

    /** Whether the member has a question that is not locked. */
    public Uni<Boolean> usable(SqlClient client, UUID memberId) {
        return table.usable(client, memberId);
    }

    /** Whether the member has a usable question set at or after {@code since}: approved since then. */
    public Uni<Boolean> usableSetSince(SqlClient client, UUID memberId, Instant since) {
        return table.usableSetSince(client, memberId, since);
    }

    /** The approved application's question becomes the member's, replacing a locked or older one. */
    public Uni<Void> activate(SqlConnection conn, UUID applicationId, Instant now) {
        return table.activate(conn, applicationId, now);
    }

    /** Sets a question directly (JPKI, a checkup viewing code); the answer already normalised and hashed. */
    public Uni<Void> set(SqlConnection conn, UUID memberId, String question, String answerHash, Instant now) {
        return table.set(conn, memberId, question, answerHash, now);
    }

    /** The question to show before asking for the answer. */
    public Uni<Question> question(UUID memberId) {
        return stored(memberId).map(stored -> {
            if (stored.locked()) {
                throw EkycProblems.locked();
            }
            return new Question(stored.question());
        });
    }

    /** A right answer gives a grant and clears the count; the fifth wrong one in a row locks the question. */
    public Uni<Grant> answer(UUID memberId, String typed) {
        if (typed == null || typed.isBlank() || typed.length() > SecretAnswer.MAX_LENGTH) {
            throw EkycProblems.fieldInvalid("answer", typed == null || typed.isBlank() ? "MISSING" : "TOO_LONG");
        }
        String answer = SecretAnswer.normalise(typed);
        return stored(memberId).chain(stored -> {
            if (stored.locked()) {
                return Uni.createFrom().failure(EkycProblems.locked());
            }
            return Blocking.call(() -> Argon2Hasher.matches(answer, stored.answerHash()))
                    .chain(right -> right ? granted(memberId) : wrong(memberId));
        });
    }

    private Uni<Grant> granted(UUID memberId) {
        return table.clearWrongAnswers(pool, memberId)
                .map(open -> {
                    if (!open) {
                        throw EkycProblems.locked();
                    }
                    Instant expires = clock.instant().plus(grantTtl);
                    return new Grant(grant(memberId, expires), expires);
                });
    }

    /** The count is committed before the refusal is answered: a refusal must not roll back its own count. */
    private Uni<Grant> wrong(UUID memberId) {
        return pool.withTransaction(conn -> table.countWrongAnswer(conn, memberId, MAX_WRONG_ANSWERS, clock.instant())
                .chain(counted -> {
                    // Locked by another answer meanwhile: refused as locked, and said once, by that answer.
                    int wrong = counted == null ? MAX_WRONG_ANSWERS : counted;
                    if (counted == null || wrong < MAX_WRONG_ANSWERS) {
                        return Uni.createFrom().item(wrong);
                    }
                    return outbox.publish(conn, new SecretQuestionReset(memberId,
                            SecretQuestionReset.Reason.LOCKED_AFTER_WRONG_ANSWERS, clock.instant())).replaceWith(wrong);
                }))
                .map(wrong -> {
                    throw wrong < MAX_WRONG_ANSWERS ? EkycProblems.answerWrong(MAX_WRONG_ANSWERS - wrong)
                            : EkycProblems.locked();
                });
    }

    private Uni<SecretQuestionTable.Stored> stored(UUID memberId) {
        return table.stored(pool, memberId).map(stored -> {
            if (stored == null) {
                throw EkycProblems.noSecretQuestion();
            }
            return stored;
        });
    }

    /** {@code memberId.expiry.mac}: checked with the service key alone, no table read. */
    private String grant(UUID memberId, Instant expires) {
        String body = memberId + "." + expires.getEpochSecond();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "."
                + secrets.mac("sensitive-access|" + body).replace('+', '-').replace('/', '_').replace("=", "");
    }

    /** The holder of a grant that this service issued and that has not expired, or null. */
    public GrantHolder check(String grant) {
        try {
            String body = new String(Base64.getUrlDecoder().decode(grant.substring(0, grant.indexOf('.'))),
                    StandardCharsets.UTF_8);
            String[] parts = body.split("\\.");
            UUID memberId = UUID.fromString(parts[0]);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            boolean issuedHere = MessageDigest.isEqual(grant(memberId, expires).getBytes(StandardCharsets.UTF_8),
                    grant.getBytes(StandardCharsets.UTF_8));
            return issuedHere && clock.instant().isBefore(expires) ? new GrantHolder(memberId, expires) : null;
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
