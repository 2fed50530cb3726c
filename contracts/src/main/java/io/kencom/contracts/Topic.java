package io.kencom.contracts;

import java.time.Duration;

/**
 * Every Kafka topic of the system: the one place that names them, says what keys them and how long they keep
 * data. The local stack and the tests create topics from this table.
 */
public enum Topic {

    ACCOUNT_EVENTS("kencom.account.events", "memberId", 6, Duration.ofDays(14), false),
    /** One-time codes travel here only; short retention because a code is dead after 10 minutes anyway. */
    EMAIL_REQUESTS("kencom.account.email-requests", "memberId, or the request id before an account exists", 3,
            Duration.ofHours(6), false),
    /** Insurers' roster feed (加入者名簿). The one topic that carries personal data: producers and the
     *  verification service only should be allowed to read it (broker ACLs, see docs/topics.md). */
    INSURER_ROSTER("kencom.insurer.roster", "insurerNumber:personalId; insurerNumber for a batch", 6,
            Duration.ofDays(7), false),
    VERIFICATION_EVENTS("kencom.verification.events", "memberId", 6, Duration.ofDays(14), false),
    EKYC_EVENTS("kencom.ekyc.events", "memberId", 6, Duration.ofDays(14), false),
    /** The group catalog, compacted: a new instance rebuilds its projection by reading it from the start. */
    GROUPS("kencom.entitlement.groups", "groupId", 3, null, true),
    AUTH_LEVELS("kencom.entitlement.auth-levels", "memberId", 6, Duration.ofDays(14), false),

    ACCOUNT_DEAD_LETTER("kencom.account.dead-letter", "as the source topic", 1, Duration.ofDays(30), false),
    VERIFICATION_DEAD_LETTER("kencom.verification.dead-letter", "as the source topic", 1, Duration.ofDays(30), false),
    EKYC_DEAD_LETTER("kencom.ekyc.dead-letter", "as the source topic", 1, Duration.ofDays(30), false),
    ENTITLEMENT_DEAD_LETTER("kencom.entitlement.dead-letter", "as the source topic", 1, Duration.ofDays(30), false),
    NOTIFICATION_DEAD_LETTER("kencom.notification.dead-letter", "as the source topic", 1, Duration.ofDays(30), false);

    private final String topicName;
    private final String key;
    private final int partitions;
    private final Duration retention;
    private final boolean compacted;

    Topic(String topicName, String key, int partitions, Duration retention, boolean compacted) {
        this.topicName = topicName;
        this.key = key;
        this.partitions = partitions;
        this.retention = retention;
        this.compacted = compacted;
    }

    public String topicName() {
        return topicName;
    }

    /** What the record key is, in words. */
    public String key() {
        return key;
    }

    public int partitions() {
        return partitions;
    }

    /** How long records are kept; {@code null} for a compacted topic, which keeps the latest per key forever. */
    public Duration retention() {
        return retention;
    }

    public boolean compacted() {
        return compacted;
    }

    /** Kafka topic-level configuration for this topic. */
    public java.util.Map<String, String> config() {
        if (compacted) {
            return java.util.Map.of("cleanup.policy", "compact", "retention.ms", "-1");
        }
        return java.util.Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
    }

    public static Topic byName(String topicName) {
        for (Topic t : values()) {
            if (t.topicName.equals(topicName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no such topic: " + topicName);
    }
}
