package io.kencom.ekyc.infra;

import io.kencom.platform.Clocks;
import io.kencom.platform.Rows;
import io.kencom.platform.crypto.Secrets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The member's secret question ({@code secret_question}): the question sealed, the answer as its Argon2 hash, the
 * wrong answers in a row and when it locked. The use case ({@code SecretQuestions}) says when.
 */
@ApplicationScoped
public class SecretQuestionTable {

    /** The member's question, opened, with its answer's hash. */
    public record Stored(String question, String answerHash, boolean locked) {
    }

    private final Secrets secrets;

    SecretQuestionTable(Secrets secrets) {
        this.secrets = secrets;
    }

    /** Whether the member has a question that is not locked. */
    public Uni<Boolean> usable(SqlClient client, UUID memberId) {
        return client.preparedQuery("SELECT 1 FROM secret_question WHERE member_id = $1 AND locked_at IS NULL")
                .execute(Tuple.of(memberId)).map(rows -> rows.size() > 0);
    }

    /** Whether the member has a usable question set at or after {@code since}. */
    public Uni<Boolean> usableSetSince(SqlClient client, UUID memberId, Instant since) {
        return client.preparedQuery("SELECT 1 FROM secret_question WHERE member_id = $1 AND locked_at IS NULL "
                        + "AND set_at >= $2")
                .execute(Tuple.of(memberId, Clocks.timestamptz(since))).map(rows -> rows.size() > 0);
    }

    /** The application's question becomes the member's, replacing a locked or older one; the application keeps none. */
    public Uni<Void> activate(SqlConnection conn, UUID applicationId, Instant now) {
        return conn.preparedQuery("INSERT INTO secret_question (member_id, question, answer_hash, set_at) "
                        + "SELECT member_id, secret_question, secret_answer_hash, $2 FROM application WHERE id = $1 "
                        + "ON CONFLICT (member_id) DO UPDATE SET question = EXCLUDED.question, "
                        + "answer_hash = EXCLUDED.answer_hash, wrong_answers = 0, locked_at = NULL, set_at = $2")
                .execute(Tuple.of(applicationId, Clocks.timestamptz(now)))
                .chain(() -> conn.preparedQuery("UPDATE application SET secret_question = NULL, "
                        + "secret_answer_hash = NULL WHERE id = $1").execute(Tuple.of(applicationId)))
                .replaceWithVoid();
    }

    /** Sets the member's question, sealed, replacing a locked or older one. */
    public Uni<Void> set(SqlConnection conn, UUID memberId, String question, String answerHash, Instant now) {
        return conn.preparedQuery("INSERT INTO secret_question (member_id, question, answer_hash, set_at) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (member_id) DO UPDATE SET question = $2, "
                        + "answer_hash = $3, wrong_answers = 0, locked_at = NULL, set_at = $4")
                .execute(Tuple.of(memberId, secrets.seal(question), answerHash, Clocks.timestamptz(now)))
                .replaceWithVoid();
    }

    /** The member's question; null when they have none. */
    public Uni<Stored> stored(SqlClient client, UUID memberId) {
        return client.preparedQuery("SELECT question, answer_hash, locked_at FROM secret_question WHERE member_id = $1")
                .execute(Tuple.of(memberId)).map(rows -> Rows.first(rows, row -> new Stored(
                        secrets.open(row.getString("question")), row.getString("answer_hash"),
                        row.getValue("locked_at") != null)));
    }

    /** A right answer: the count of wrong ones cleared; false when the question locked meanwhile. */
    public Uni<Boolean> clearWrongAnswers(SqlClient client, UUID memberId) {
        return client.preparedQuery("UPDATE secret_question SET wrong_answers = 0 WHERE member_id = $1 "
                        + "AND locked_at IS NULL RETURNING 1").execute(Tuple.of(memberId))
                .map(rows -> rows.size() > 0);
    }

    /**
     * A wrong answer counted, the question locked at {@code lockAt} wrong answers in a row; answers the count, or null
     * when the question was locked already (nothing counted).
     */
    public Uni<Integer> countWrongAnswer(SqlConnection conn, UUID memberId, int lockAt, Instant now) {
        return conn.preparedQuery("UPDATE secret_question SET wrong_answers = wrong_answers + 1, locked_at = CASE "
                        + "WHEN wrong_answers + 1 >= $2 THEN $3::timestamptz END WHERE member_id = $1 "
                        + "AND locked_at IS NULL RETURNING wrong_answers")
                .execute(Tuple.of(memberId, lockAt, Clocks.timestamptz(now)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger(0));
    }
}
