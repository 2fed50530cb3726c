package io.kencom.insuredverification.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kencom.contracts.EventJson;
import io.kencom.insuredverification.RosterFiles.Report;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The roster files received ({@code roster_file}): each content once per insurer, by its SHA-256, with its report. */
@ApplicationScoped
public class RosterFileLog {

    private final Pool pool;

    RosterFileLog(Pool pool) {
        this.pool = pool;
    }

    /** Records the file's report; answers it, or the stored report of the same content received before. */
    public Uni<Report> record(Report report, byte[] sha256, Instant receivedAt) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO roster_file (id, insurer_number, sha256, "
                        + "as_of, received_at, report) VALUES ($1, $2, $3, $4, $5, $6) "
                        + "ON CONFLICT (insurer_number, sha256) DO NOTHING RETURNING id")
                .execute(Tuple.from(List.of(report.fileId(), report.insurerNumber(), Buffer.buffer(sha256),
                        report.asOf().atOffset(ZoneOffset.UTC), receivedAt.atOffset(ZoneOffset.UTC), json(report))))
                .chain(inserted -> inserted.size() == 1 ? Uni.createFrom().item(report)
                        : conn.preparedQuery("SELECT report FROM roster_file WHERE insurer_number = $1 AND sha256 = $2")
                                .execute(Tuple.of(report.insurerNumber(), Buffer.buffer(sha256)))
                                .map(rows -> read(rows.iterator().next().getString("report")))));
    }

    private static Report read(String stored) {
        try {
            return EventJson.mapper().readValue(stored, Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored report", e);
        }
    }

    private static String json(Report report) {
        try {
            return EventJson.mapper().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
