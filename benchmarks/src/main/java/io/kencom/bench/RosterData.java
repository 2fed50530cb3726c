package io.kencom.bench;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.local.KafkaBroker;
import io.kencom.testsupport.Events;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Roster rows for the benchmarks, generated rather than stored: row {@code i} of an insurer is always the same person
 * (so a later run can verify as them), and a file of any length streams without being held.
 */
final class RosterData {

    static final KafkaBroker KAFKA = KafkaBroker.LOCAL;
    static final String SERVICE = "http://127.0.0.1:8082";
    static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/insured_verification?user=postgres";
    static final Charset SHIFT_JIS = Charset.forName("windows-31j");
    static final String HEADER = "personal_id,symbol,number,name_kana,birth_date,qualified_on,qualification_lost_on\n";
    private static final String[] KANA = { "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス",
            "セ", "ソ", "タ", "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ", "マ", "ミ" };

    /** One person of the generated roster. */
    record Person(String personalId, String symbol, String number, String nameKana, LocalDate birthDate) {
    }

    private RosterData() {
    }

    static Person person(String insurer, long i) {
        long h = mix(insurer.hashCode() * 31L + i);
        String name = KANA[(int) (h & 31)] + KANA[(int) (h >>> 5 & 31)] + KANA[(int) (h >>> 10 & 31)] + " "
                + KANA[(int) (h >>> 15 & 31)] + KANA[(int) (h >>> 20 & 31)] + KANA[(int) (h >>> 25 & 31)];
        return new Person("P" + i, String.format("%04d", i % 10_000), String.format("%08d", i / 10_000),
                name, LocalDate.of(1940, 1, 1).plusDays(Math.floorMod(h >>> 30, 25_000)));
    }

    static String csvRow(Person p) {
        return p.personalId() + "," + p.symbol() + "," + p.number() + "," + p.nameKana() + "," + p.birthDate()
                + ",2020-04-01,\n";
    }

    static RosterUpdated enrolled(String insurer, Person p, Instant at) {
        return new RosterUpdated(insurer, p.personalId(), RosterUpdated.Change.ENROLLED, p.symbol(), p.number(),
                p.nameKana(), p.birthDate(), LocalDate.of(2020, 4, 1), null, at);
    }

    /** Rows {@code from} to {@code to} (exclusive) as a Shift_JIS CSV file, produced while it is read. */
    static InputStream csv(String insurer, long from, long to) {
        return new InputStream() {
            private byte[] chunk = HEADER.getBytes(SHIFT_JIS);
            private int at;
            private long next = from;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                while (at == chunk.length) {
                    if (next >= to) {
                        return -1;
                    }
                    StringBuilder rows = new StringBuilder();
                    for (int k = 0; k < 1000 && next < to; k++) {
                        rows.append(csvRow(person(insurer, next++)));
                    }
                    chunk = rows.toString().getBytes(SHIFT_JIS);
                    at = 0;
                }
                int n = Math.min(len, chunk.length - at);
                System.arraycopy(chunk, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    /** A new group with a fresh insurer number (pattern 4), once the service's catalog has it. */
    static String newInsurer(String groupId) throws Exception {
        String digits = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        String insurer = digits + InsurerNumber.checkDigit(digits);
        try (Events.Publisher publisher = Events.publisher(KAFKA)) {
            publisher.send(CloudEvent.of(UUID.randomUUID(), "/bench",
                    new GroupChanged(groupId, List.of(insurer), "ベンチ健康保険組合",
                            GroupCategory.HEALTH_INSURANCE_SOCIETY_OR_COMPANY, CardFormat.SYMBOL_AND_NUMBER,
                            List.of(new ConsentDocument(ConsentDocument.Kind.PRIVACY_POLICY, "1", true),
                                    new ConsentDocument(ConsentDocument.Kind.MEMBER_TERMS, "1", true)),
                            null, List.of(), List.of(), true, 1, Instant.now()), Instant.now()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("SELECT count(*) FROM catalog_insurer_number WHERE insurer_number = ?", insurer) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not learn of the group");
            }
            Thread.sleep(100);
        }
        return insurer;
    }

    /**
     * A new insurer, as {@link #newInsurer}, whose roster topic the service already reads: the service finds a new
     * insurer's topic only at its next metadata refresh (metadata.max.age.ms, docs/topics.md), which a benchmark of
     * the event path must not time. One probe person is enrolled on it, so its roster holds one row before the
     * benchmark's.
     */
    static String newInsurerFeed(String groupId) throws Exception {
        String insurer = newInsurer(groupId);
        Instant at = Instant.now();
        try (Events.Publisher publisher = Events.publisher(KAFKA)) {
            publisher.send(CloudEvent.of(UUID.randomUUID(), "/bench",
                    enrolled(insurer, person(insurer, 99_999_999L), at), at));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (rosterRows(insurer) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not read the insurer's roster topic");
            }
            Thread.sleep(100);
        }
        return insurer;
    }

    static long rosterRows(String insurer) throws SQLException {
        return count("SELECT count(*) FROM roster_entry WHERE insurer_number = ?", insurer);
    }

    static long count(String sql, String parameter) throws SQLException {
        try (Connection c = DriverManager.getConnection(DATABASE); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** A well-spread 64-bit hash (SplitMix64's finaliser). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
