package io.kencom.ekyc;

import io.kencom.contracts.events.SecretQuestionReset;
import io.kencom.ekyc.domain.SecretAnswer;
import io.kencom.ekyc.infra.Argon2Hasher;
import io.kencom.platform.Blocking;
import io.kencom.platform.Clocks;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
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
    private final Secrets secrets;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration grantTtl;

    SecretQuestions(Pool pool, Secrets secrets, Outbox outbox, Clock clock,
            @ConfigProperty(name = "kencom.ekyc.grant-ttl") Duration grantTtl) {
        this.pool = pool;
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
        return client.preparedQuery("SELECT 1 FROM secret_question WHERE member_id = $1 AND locked_at IS NULL")
                .execute(Tuple.of(memberId)).map(rows -> rows.size() > 0);
    }

    /** The approved application's question becomes the member's, replacing a locked or older one. */
    public Uni<Void> activate(SqlConnection conn, UUID applicationId, UUID memberId, Instant now) {
        return conn.preparedQuery("INSERT INTO secret_question (member_id, question, answer_hash, set_at) "
                        + "SELECT member_id, secret_question, secret_answer_hash, $2 FROM application WHERE id = $1 "
                        + "ON CONFLICT (member_id) DO UPDATE SET question = EXCLUDED.question, "
                        + "answer_hash = EXCLUDED.answer_hash, wrong_answers = 0, locked_at = NULL, set_at = $2")
                .execute(Tuple.of(applicationId, Clocks.timestamptz(now)))
                .chain(() -> conn.preparedQuery("UPDATE application SET secret_question = NULL, "
                        + "secret_answer_hash = NULL WHERE id = $1").execute(Tuple.of(applicationId)))
                .replaceWithVoid();
    }

    /** Sets a question directly (the checkup viewing code path); the answer already normalised and hashed. */
    public Uni<Void> set(SqlConnection conn, UUID memberId, String question, String answerHash, Instant now) {
        return conn.preparedQuery("INSERT INTO secret_question (member_id, question, answer_hash, set_at) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (member_id) DO UPDATE SET question = $2, "
                        + "answer_hash = $3, wrong_answers = 0, locked_at = NULL, set_at = $4")
                .execute(Tuple.of(memberId, secrets.seal(question), answerHash, Clocks.timestamptz(now)))
                .replaceWithVoid();
    }

    /** The question to show before asking for the answer. */
    public Uni<Question> question(UUID memberId) {
        return stored(memberId).map(row -> {
            if (row.getValue("locked_at") != null) {
                throw EkycProblems.locked();
            }
            return new Question(secrets.open(row.getString("question")));
        });
    }

    /** A right answer gives a grant and clears the count; the fifth wrong one in a row locks the question. */
    public Uni<Grant> answer(UUID memberId, String typed) {
        if (typed == null || typed.isBlank() || typed.length() > SecretAnswer.MAX_LENGTH) {
            throw EkycProblems.fieldInvalid("answer", typed == null || typed.isBlank() ? "MISSING" : "TOO_LONG");
        }
        String answer = SecretAnswer.normalise(typed);
        return stored(memberId).chain(row -> {
            if (row.getValue("locked_at") != null) {
                return Uni.createFrom().failure(EkycProblems.locked());
            }
            String hash = row.getString("answer_hash");
            return Blocking.call(() -> Argon2Hasher.matches(answer, hash))
                    .chain(right -> right ? granted(memberId) : wrong(memberId));
        });
    }

    private Uni<Grant> granted(UUID memberId) {
        return pool.preparedQuery("UPDATE secret_question SET wrong_answers = 0 WHERE member_id = $1 "
                        + "AND locked_at IS NULL RETURNING 1").execute(Tuple.of(memberId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw EkycProblems.locked();
                    }
                    Instant expires = clock.instant().plus(grantTtl);
                    return new Grant(grant(memberId, expires), expires);
                });
    }

    /** The count is committed before the refusal is answered: a refusal must not roll back its own count. */
    private Uni<Grant> wrong(UUID memberId) {
        return pool.withTransaction(conn -> conn
                .preparedQuery("UPDATE secret_question SET wrong_answers = wrong_answers + 1, locked_at = CASE "
                        + "WHEN wrong_answers + 1 >= $2 THEN $3::timestamptz END WHERE member_id = $1 "
                        + "AND locked_at IS NULL RETURNING wrong_answers")
                .execute(Tuple.of(memberId, MAX_WRONG_ANSWERS, Clocks.timestamptz(clock.instant())))
                .chain(rows -> {
                    int wrong = rows.size() == 0 ? MAX_WRONG_ANSWERS : rows.iterator().next().getInteger(0);
                    if (rows.size() == 0 || wrong < MAX_WRONG_ANSWERS) {
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

    private Uni<Row> stored(UUID memberId) {
        return pool.preparedQuery("SELECT question, answer_hash, locked_at FROM secret_question WHERE member_id = $1")
                .execute(Tuple.of(memberId)).map(rows -> {
                    Iterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        throw EkycProblems.noSecretQuestion();
                    }
                    return it.next();
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
