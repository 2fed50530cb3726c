package io.kencom.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Many insured persons' news from one insurer's roster (加入者名簿) in one event: what an insurer's system sends when it
 * has more than a few, at a fraction of the cost of one {@link RosterUpdated} each. Each entry means what the
 * {@code RosterUpdated} of the same fields means; the batch is applied once (its event id) and entry by entry: an
 * entry that cannot be a roster entry is dead-lettered alone and the others apply. At most {@value #MAX_ENTRIES}
 * entries (docs/topics.md); keyed by the insurer number, so one insurer's batches stay in order.
 */
public record RosterBatchUpdated(String insurerNumber, List<Entry> entries, Instant sentAt) implements RosterEvent {

    /** The most entries one event may carry: about 1 MB of JSON, a fraction of it compressed. */
    public static final int MAX_ENTRIES = 5000;

    /** One person's news: a {@link RosterUpdated} without the insurer number. */
    public record Entry(String personalId, RosterUpdated.Change change, String symbol, String number,
            String nameKana, LocalDate birthDate, LocalDate qualifiedOn, LocalDate qualificationLostOn,
            Instant updatedAt, String nameKanji) {

        /** Without a kanji name. */
        public Entry(String personalId, RosterUpdated.Change change, String symbol, String number, String nameKana,
                LocalDate birthDate, LocalDate qualifiedOn, LocalDate qualificationLostOn, Instant updatedAt) {
            this(personalId, change, symbol, number, nameKana, birthDate, qualifiedOn, qualificationLostOn, updatedAt,
                    null);
        }

        /** Never print personal data. */
        @Override
        public String toString() {
            return "Entry[change=" + change + "]";
        }
    }

    public RosterBatchUpdated {
        Objects.requireNonNull(insurerNumber, "insurerNumber");
        Objects.requireNonNull(sentAt, "sentAt");
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    /**
     * Entry {@code i} as the single event it stands for; fails (NullPointerException) for an entry without a
     * personal ID, change or time, as the single event would.
     */
    public RosterUpdated update(int i) {
        Entry e = entries.get(i);
        return new RosterUpdated(insurerNumber, e.personalId(), e.change(), e.symbol(), e.number(), e.nameKana(),
                e.birthDate(), e.qualifiedOn(), e.qualificationLostOn(), e.updatedAt(), e.nameKanji());
    }

    @Override
    public String subject() {
        return insurerNumber;
    }

    /** Never print personal data. */
    @Override
    public String toString() {
        return "RosterBatchUpdated[insurerNumber=" + insurerNumber + ", entries=" + entries.size() + "]";
    }
}
