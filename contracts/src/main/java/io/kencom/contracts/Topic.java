package io.kencom.contracts;

import io.kencom.contracts.model.InsurerNumber;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Every Kafka topic of the system: the one place that names them, says what keys them and how long they keep
 * data. The local stack and the tests create topics from this table.
 */
public enum Topic {

    ACCOUNT_EVENTS("kencom.account.events", "memberId", 6, Duration.ofDays(14), false),
    /** One-time codes travel here only; short retention because a code is dead after 10 minutes anyway. */
    EMAIL_REQUESTS("kencom.account.email-requests", "memberId, or the request id before an account exists", 3,
            Duration.ofHours(6), false),
    /**
     * Insurers' roster feeds (加入者名簿), a topic per insurer: the broker lets each insurer's principal write its own
     * topic and nothing else, and insured-verification-service alone read them (by pattern). The one family of
     * topics that carries personal data (docs/topics.md).
     */
    INSURER_ROSTER("kencom.insurer.roster.<insurer number>", "insurerNumber:personalId; insurerNumber for a batch", 3,
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

    private static final String INSURER_PLACEHOLDER = "<insurer number>";

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

    /**
     * The topic's name; for a topic {@link #perInsurer() per insurer} the family's, {@code <insurer number>} standing
     * for each insurer's (not a name Kafka accepts, so it is never created by mistake).
     */
    public String topicName() {
        return topicName;
    }

    /** One topic per insurer ({@link #topicName(String)}), rather than one for all. */
    public boolean perInsurer() {
        return topicName.endsWith(INSURER_PLACEHOLDER);
    }

    /** The topic of one insurer: {@code kencom.insurer.roster.06123459}. */
    public String topicName(String insurerNumber) {
        if (!perInsurer()) {
            throw new IllegalStateException(topicName + " is one topic for all insurers");
        }
        return prefix() + new InsurerNumber(insurerNumber).value();
    }

    /** What the names of a per-insurer topic's topics start with: what the broker's prefixed ACLs name. */
    public String prefix() {
        return topicName.substring(0, topicName.length() - INSURER_PLACEHOLDER.length());
    }

    /** The regular expression a consumer subscribes with to read every insurer's topic of this one. */
    public String pattern() {
        return prefix().replace(".", "\\.") + "[0-9]+"; // topic names have no other regex character
    }

    /** The insurer whose topic of this family {@code name} is, if it is one. */
    public Optional<String> insurerOf(String name) {
        if (!perInsurer() || !name.startsWith(prefix())) {
            return Optional.empty();
        }
        String insurer = name.substring(prefix().length());
        return InsurerNumber.problemWith(insurer).isEmpty() ? Optional.of(insurer)
                : Optional.empty();
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
    public Map<String, String> config() {
        if (compacted) {
            return Map.of("cleanup.policy", "compact", "retention.ms", "-1");
        }
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
    }

    /**
     * The topic a consumer's configured {@code topic} names: a topic's name, one insurer's topic of a per-insurer
     * one, or the {@link #pattern()} it is subscribed by.
     */
    public static Optional<Topic> named(String nameOrPattern) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(nameOrPattern)
                || t.perInsurer() && (t.pattern().equals(nameOrPattern) || t.insurerOf(nameOrPattern).isPresent()))
                .findFirst();
    }
}
