package io.kencom.insuredverification.infra;

import io.kencom.insuredverification.domain.RosterUpdate;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The roster's table ({@code roster_entry}) and what a roster change does to {@code insured_link}: set-based SQL over
 * arrays, older news never overwriting newer ({@code updated_at}), the batch's statements pipelined on one connection.
 * The use case ({@code Roster}) says what the changes mean for linked members.
 */
@ApplicationScoped
public class RosterTable {

    /**
     * A roster update as stored: digests instead of personal data, and the person's reference that other services
     * may know ({@code PersonReferences}): the person's, and the holder's (kanji name and birth date; null without a
     * kanji name); {@code ref} is the caller's (a file's line).
     */
    public record Entry(byte[] personKey, String insurer, byte[] matchKey, LocalDate qualifiedOn,
            RosterUpdate.Loss loss, LocalDate lostOn, OffsetDateTime updatedAt, int ref, byte[] personRef,
            byte[] holderRef) {
    }

    /**
     * What a batch did: rows written, by insurer, and the refs of rows that repeat a person of the same file. Rows
     * neither written nor repeated were older than what the roster held.
     */
    public record Merged(int applied, Map<String, Integer> appliedByInsurer, List<Integer> repeated, int linkEvents) {

        public static final Merged NOTHING = new Merged(0, Map.of(), List.of(), 0);

        public Merged plus(Merged other) {
            List<Integer> all = new ArrayList<>(repeated);
            all.addAll(other.repeated);
            Map<String, Integer> byInsurer = new TreeMap<>(appliedByInsurer);
            other.appliedByInsurer.forEach((insurer, rows) -> byInsurer.merge(insurer, rows, Integer::sum));
            return new Merged(applied + other.applied, byInsurer, all, linkEvents + other.linkEvents);
        }

        /** Only the links' events of a batch that wrote nothing more. */
        public static Merged linkEvents(int events) {
            return new Merged(0, Map.of(), List.of(), events);
        }
    }

    /** A linked person whose roster state is not what their link knows. */
    public record LinkState(Buffer personKey, UUID memberId, String groupId, LocalDate disaffiliatedOn,
            LocalDate lostOn, LocalDate qualifiedOn) {
    }

    /** A batch written: the rows, and the links it changed the meaning of, locked for update. */
    public record Written(Merged merged, List<LinkState> links) {
    }

    /**
     * One round: new persons are inserted, known ones updated when the news is not older than what is held. Both
     * work on the statement's snapshot, so the update never sees a row the insert adds; it skips the inserted
     * persons all the same, which spares a bulk load of new persons an index probe per row. Rows neither inserted
     * nor updated are older news, or (for a file) a person the same file gave before.
     */
    private static final String MERGE = """
            WITH incoming AS (
                SELECT * FROM unnest($1::bytea[], $2::text[], $3::bytea[], $4::date[], $5::text[], $6::date[],
                                     $7::timestamptz[], $8::int[], $10::bytea[], $11::bytea[])
                    AS i(person_key, insurer_number, match_key, qualified_on, loss, lost_on, updated_at, ref,
                         person_ref, holder_ref)),
            inserted AS (
                INSERT INTO roster_entry (person_key, insurer_number, match_key, qualified_on, lost_on, updated_at,
                                          source_file, person_ref, holder_ref)
                SELECT i.person_key, i.insurer_number, i.match_key, i.qualified_on,
                       CASE WHEN i.loss = 'SET' THEN i.lost_on END, i.updated_at, $9, i.person_ref, i.holder_ref
                  FROM incoming i
                ON CONFLICT (person_key) DO NOTHING
                RETURNING person_key, insurer_number),
            updated AS (
                UPDATE roster_entry e SET match_key = coalesce(i.match_key, e.match_key),
                       qualified_on = coalesce(i.qualified_on, e.qualified_on),
                       lost_on = CASE i.loss WHEN 'SET' THEN i.lost_on WHEN 'CLEAR' THEN NULL ELSE e.lost_on END,
                       updated_at = i.updated_at, source_file = $9, person_ref = i.person_ref,
                       holder_ref = CASE WHEN i.match_key IS NULL THEN e.holder_ref ELSE i.holder_ref END
                  FROM incoming i
                 WHERE NOT EXISTS (SELECT 1 FROM inserted x WHERE x.person_key = i.person_key)
                   AND e.person_key = i.person_key AND e.updated_at <= i.updated_at
                   AND ($9::uuid IS NULL OR e.source_file IS DISTINCT FROM $9::uuid)
                RETURNING e.person_key, e.insurer_number),
            by_insurer AS (
                SELECT insurer_number, count(*)::int AS written
                  FROM (SELECT insurer_number FROM inserted UNION ALL SELECT insurer_number FROM updated) w
                 GROUP BY insurer_number)
            SELECT (SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated) AS applied,
                   (SELECT array_agg(insurer_number ORDER BY insurer_number) FROM by_insurer) AS insurers,
                   (SELECT array_agg(written ORDER BY insurer_number) FROM by_insurer) AS written,
                   CASE WHEN $9::uuid IS NOT NULL THEN
                       (SELECT array_agg(i.ref) FROM incoming i
                         WHERE NOT EXISTS (SELECT 1 FROM inserted x WHERE x.person_key = i.person_key)
                           AND NOT EXISTS (SELECT 1 FROM updated u WHERE u.person_key = i.person_key)
                           AND EXISTS (SELECT 1 FROM roster_entry e
                                        WHERE e.person_key = i.person_key AND e.source_file = $9::uuid))
                   END AS repeated
            """;

    /** Writers of these insurers' rosters one at a time (verifications take it shared). */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('roster:' || n, 0)) "
            + "FROM (SELECT unnest($1::text[]) AS n ORDER BY 1) sorted";

    /** Linked persons among the batch whose roster state is not what their link knows. */
    private static final String LINKS_TO_UPDATE = """
            SELECT l.person_key, l.member_id, l.group_id, l.disaffiliated_on, e.lost_on, e.qualified_on
              FROM insured_link l JOIN roster_entry e USING (person_key)
             WHERE l.person_key = ANY($1::bytea[]) AND e.lost_on IS DISTINCT FROM l.disaffiliated_on
               FOR UPDATE OF l
            """;

    /**
     * Entries ready to be sent: the statements' parameters, built before any transaction starts so that the database
     * never waits while they are. {@code sourceFile}: the upload they come from, null for events.
     */
    public static final class Batch {
        private final Tuple lock;
        private final List<Tuple> rounds = new ArrayList<>();
        private final Tuple linked;

        private Batch(List<Entry> entries, UUID sourceFile) {
            Set<String> insurers = new TreeSet<>();
            entries.forEach(e -> insurers.add(e.insurer()));
            lock = Tuple.of(insurers.toArray(String[]::new));
            for (List<Entry> round : rounds(entries)) {
                rounds.add(roundParameters(round, sourceFile));
            }
            linked = Tuple.of(entries.stream().map(e -> ByteBuffer.wrap(e.personKey())).distinct()
                    .map(k -> Buffer.buffer(k.array())).toArray(Buffer[]::new));
        }

        boolean isEmpty() {
            return rounds.isEmpty();
        }
    }

    public static Batch batch(List<Entry> entries, UUID sourceFile) {
        return new Batch(entries, sourceFile);
    }

    /**
     * Writes the batch in {@code conn}'s transaction, entries in their order. A person may appear several times
     * (events): each appearance is applied in turn.
     */
    public Uni<Written> merge(SqlConnection conn, Batch batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(new Written(Merged.NOTHING, List.of()));
        }
        return Uni.createFrom().deferred(() -> {
            // Sent at once and in this order (subscribing sends): the connection pipelines them, PostgreSQL runs them
            // one after the other, and never waits for this service in between. Their answers are then taken in the
            // same order, so a failure is reported as the first statement that failed (those after it fail too).
            CompletableFuture<RowSet<Row>> locked = conn.preparedQuery(LOCK).execute(batch.lock)
                    .subscribeAsCompletionStage();
            List<CompletableFuture<RowSet<Row>>> merges = new ArrayList<>();
            for (Tuple round : batch.rounds) {
                merges.add(conn.preparedQuery(MERGE).execute(round).subscribeAsCompletionStage());
            }
            CompletableFuture<RowSet<Row>> linked = conn.preparedQuery(LINKS_TO_UPDATE).execute(batch.linked)
                    .subscribeAsCompletionStage();
            Uni<Merged> written = Uni.createFrom().completionStage(locked).replaceWith(Merged.NOTHING);
            for (CompletableFuture<RowSet<Row>> merge : merges) {
                written = written.chain(sum -> Uni.createFrom().completionStage(merge)
                        .map(rows -> sum.plus(merged(rows))));
            }
            return written.chain(sum -> Uni.createFrom().completionStage(linked)
                    .map(links -> new Written(sum, linkStates(links))));
        });
    }

    public Uni<Void> setDisaffiliatedOn(SqlConnection conn, Buffer personKey, LocalDate lostOn) {
        return conn.preparedQuery("UPDATE insured_link SET disaffiliated_on = $2 WHERE person_key = $1")
                .execute(Tuple.of(personKey, lostOn)).replaceWithVoid();
    }

    public Uni<Void> unlink(SqlConnection conn, Buffer personKey) {
        return conn.preparedQuery("DELETE FROM insured_link WHERE person_key = $1").execute(Tuple.of(personKey))
                .replaceWithVoid();
    }

    private static Tuple roundParameters(List<Entry> round, UUID sourceFile) {
        int n = round.size();
        Buffer[] personKeys = new Buffer[n];
        String[] insurers = new String[n];
        Buffer[] matchKeys = new Buffer[n];
        LocalDate[] qualifiedOn = new LocalDate[n];
        String[] losses = new String[n];
        LocalDate[] lostOn = new LocalDate[n];
        OffsetDateTime[] updatedAt = new OffsetDateTime[n];
        Integer[] refs = new Integer[n];
        Buffer[] personRefs = new Buffer[n];
        Buffer[] holderRefs = new Buffer[n];
        for (int i = 0; i < n; i++) {
            Entry e = round.get(i);
            personKeys[i] = Buffer.buffer(e.personKey());
            insurers[i] = e.insurer();
            matchKeys[i] = e.matchKey() == null ? null : Buffer.buffer(e.matchKey());
            qualifiedOn[i] = e.qualifiedOn();
            losses[i] = e.loss().name();
            lostOn[i] = e.lostOn();
            updatedAt[i] = e.updatedAt();
            refs[i] = e.ref();
            personRefs[i] = Buffer.buffer(e.personRef());
            holderRefs[i] = e.holderRef() == null ? null : Buffer.buffer(e.holderRef());
        }
        return Tuple.from(Arrays.asList(personKeys, insurers, matchKeys, qualifiedOn, losses, lostOn, updatedAt, refs,
                sourceFile, personRefs, holderRefs));
    }

    private static Merged merged(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        Integer[] repeated = row.getArrayOfIntegers("repeated");
        String[] insurers = row.getArrayOfStrings("insurers");
        Integer[] written = row.getArrayOfIntegers("written");
        Map<String, Integer> byInsurer = new TreeMap<>();
        for (int i = 0; insurers != null && i < insurers.length; i++) {
            byInsurer.put(insurers[i], written[i]);
        }
        return new Merged(row.getLong("applied").intValue(), byInsurer,
                repeated == null ? List.of() : Arrays.asList(repeated), 0);
    }

    private static List<LinkState> linkStates(RowSet<Row> links) {
        List<LinkState> states = new ArrayList<>();
        for (Row row : links) {
            states.add(new LinkState(Buffer.buffer(row.getBuffer("person_key").getBytes()), row.getUUID("member_id"),
                    row.getString("group_id"), row.getLocalDate("disaffiliated_on"), row.getLocalDate("lost_on"),
                    row.getLocalDate("qualified_on")));
        }
        return states;
    }

    /** Rows split so that no person appears twice in one statement (a row may be updated once per statement). */
    static List<List<Entry>> rounds(List<Entry> rows) {
        List<List<Entry>> rounds = new ArrayList<>();
        List<Set<ByteBuffer>> seen = new ArrayList<>();
        for (Entry row : rows) {
            ByteBuffer key = ByteBuffer.wrap(row.personKey());
            int i = 0;
            while (i < rounds.size() && seen.get(i).contains(key)) {
                i++;
            }
            if (i == rounds.size()) {
                rounds.add(new ArrayList<>());
                seen.add(new HashSet<>());
            }
            rounds.get(i).add(row);
            seen.get(i).add(key);
        }
        return rounds;
    }
}
