package io.kencom.insuredverification;

import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.domain.RosterUpdate;
import io.kencom.insuredverification.infra.Insurers;
import io.kencom.insuredverification.infra.RosterCsv;
import io.kencom.insuredverification.infra.RosterFileLog;
import io.kencom.insuredverification.infra.RosterTable;
import io.kencom.platform.Clocks;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An insurer's roster file, streamed: rows are read one by one and applied in batches, each batch in its own
 * transaction, through the same {@link Roster#merge} as the events. Every row is a person's whole state as of the
 * file's date, so a batch applied twice (an upload cut off and sent again) changes nothing the second time; a file
 * whose content was applied before is recognised by its SHA-256 and answered with its first report.
 * Blocking: runs on a worker thread.
 */
@ApplicationScoped
public class RosterFiles {

    /** Rejected rows listed in a report; beyond that only counted. */
    public static final int LISTED_REJECTIONS = 1000;

    /** A row that was not applied: its line in the file and why, never its content. */
    public record Rejection(long line, String field, String reason) {
    }

    /** What a file did. {@code superseded}: rows older than what the roster held (newer events won). */
    public record Report(UUID fileId, String insurerNumber, boolean alreadyApplied, String charset, Instant asOf,
            long rows, long applied, long superseded, long rejected, List<Rejection> rejections) {
    }

    private final Pool pool;
    private final RosterFileLog files;
    private final Roster roster;
    private final Insurers insurers;
    private final Clock clock;
    private final int batchRows;

    RosterFiles(Pool pool, RosterFileLog files, Roster roster, Insurers insurers, Clock clock,
            @ConfigProperty(name = "kencom.roster.file-batch-rows", defaultValue = "5000") int batchRows) {
        this.pool = pool;
        this.files = files;
        this.roster = roster;
        this.insurers = insurers;
        this.clock = clock;
        this.batchRows = batchRows;
    }

    public Report load(InsurerNumber insurerNumber, InputStream body, String declaredCharset, Instant asOf)
            throws IOException {
        Insurers.Insurer insurer = insurers.find(insurerNumber).await().indefinitely();
        if (insurer == null) {
            throw VerificationProblems.insurerNotFound();
        }
        UUID fileId = UUID.randomUUID();
        DigestInputStream digesting = new DigestInputStream(body, sha256());
        BufferedInputStream in = new BufferedInputStream(digesting, 64 * 1024);
        Charset charset;
        try {
            charset = RosterCsv.charsetOf(in, declaredCharset);
        } catch (RosterCsv.Unreadable e) {
            throw VerificationProblems.rosterFileInvalid(e.reason(), e.line());
        }
        Batches batches = new Batches(fileId);
        try {
            RosterCsv.read(in, charset, insurerNumber, insurer.cardFormat(), asOf, Clocks.todayInJapan(clock),
                    batches);
        } catch (RosterCsv.Unreadable e) {
            throw VerificationProblems.rosterFileInvalid(e.reason(), e.line());
        }
        batches.flush();
        byte[] sha256 = digesting.getMessageDigest().digest();
        Report report = new Report(fileId, insurerNumber.value(), false, charset.name(), asOf, batches.rows,
                batches.applied, batches.rows - batches.applied - batches.rejected, batches.rejected,
                batches.rejections);
        return record(report, sha256);
    }

    /** Records the file's report, or answers the report of the same content applied before. */
    private Report record(Report report, byte[] sha256) {
        Report recorded = files.record(report, sha256, clock.instant()).await().indefinitely();
        roster.applied(Roster.Source.FILE, report.insurerNumber(), report.applied());
        return recorded.fileId().equals(report.fileId()) ? recorded
                : new Report(recorded.fileId(), recorded.insurerNumber(), true, recorded.charset(), recorded.asOf(),
                        recorded.rows(), recorded.applied(), recorded.superseded(), recorded.rejected(),
                        recorded.rejections());
    }

    /**
     * Collects rows and applies them a batch at a time, one batch in flight while the next is read: batches still
     * apply one after the other, in the file's order, and the database works while this thread parses.
     */
    private final class Batches implements RosterCsv.Sink {
        private final UUID fileId;
        private List<RosterTable.Entry> batch = new ArrayList<>();
        private List<Long> lines = new ArrayList<>();
        private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
        private final List<Rejection> rejections = new ArrayList<>();
        private long rows;
        private long rejected;
        /** Written by the batch's completion only; read after {@link #flush}. */
        private long applied;
        private final List<Long> repeated = new ArrayList<>();

        Batches(UUID fileId) {
            this.fileId = fileId;
        }

        @Override
        public void accept(RosterUpdate update, long line) {
            rows++;
            batch.add(roster.row(update, batch.size()));
            lines.add(line);
            if (batch.size() >= batchRows) {
                send();
            }
        }

        @Override
        public void reject(long line, String field, String reason) {
            rows++;
            rejected++;
            if (rejections.size() < LISTED_REJECTIONS) {
                rejections.add(new Rejection(line, field, reason));
            }
        }

        /** Waits for the batch in flight, then sends this one (made ready while the other was applied). */
        private void send() {
            RosterTable.Batch ready = RosterTable.batch(batch, fileId);
            List<Long> linesOf = lines;
            batch = new ArrayList<>();
            lines = new ArrayList<>();
            awaitInFlight();
            inFlight = pool.withTransaction(conn -> roster.merge(conn, ready))
                    .subscribeAsCompletionStage()
                    .thenAccept(merged -> {
                        applied += merged.applied();
                        merged.repeated().forEach(ref -> repeated.add(linesOf.get(ref)));
                    });
        }

        /** Sends what is left and waits for it: the whole file is applied when this returns. */
        void flush() {
            if (!batch.isEmpty()) {
                send();
            }
            awaitInFlight();
            // A person given again is refused at the second line that gives them.
            rejected += repeated.size();
            repeated.stream().sorted().map(line -> new Rejection(line, "personal_id", "REPEATED_IN_FILE"))
                    .forEach(rejections::add);
            rejections.sort(Comparator.comparingLong(Rejection::line));
            if (rejections.size() > LISTED_REJECTIONS) {
                rejections.subList(LISTED_REJECTIONS, rejections.size()).clear();
            }
        }

        private void awaitInFlight() {
            try {
                inFlight.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
