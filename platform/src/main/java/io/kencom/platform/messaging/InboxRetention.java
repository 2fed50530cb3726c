package io.kencom.platform.messaging;

import io.kencom.contracts.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * How long the inbox must remember an event id. A redelivery can only come from a record the broker still holds,
 * so a row may go once it is older than the longest retention of the topics the service consumes (a consumer whose
 * committed offsets expired re-reads at most that far back). Compacted topics keep their latest record per key
 * forever; their consumers do not rely on the inbox for that: every projection of one ignores a revision it has
 * already passed.
 */
public record InboxRetention(Duration keep) {

    /** The retention to compare {@code keep} with: the longest of the consumed topics that delete old records. */
    public static Optional<Duration> longestRetention(Collection<Topic> consumed) {
        return consumed.stream().filter(t -> !t.compacted()).map(Topic::retention).max(Comparator.naturalOrder());
    }

    /** Refuses a {@code keep} that would forget ids the broker can still redeliver. */
    public InboxRetention checkedAgainst(Collection<Topic> consumed) {
        longestRetention(consumed).ifPresent(longest -> {
            if (keep.compareTo(longest) <= 0) {
                throw new IllegalArgumentException("kencom.inbox.keep (" + keep + ") must be longer than the "
                        + "retention of every topic this service consumes (" + longest + ")");
            }
        });
        return this;
    }
}
