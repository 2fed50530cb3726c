package io.kencom.contracts;

import io.kencom.contracts.events.AccountClosed;
import io.kencom.contracts.events.AccountCreated;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.AuthLevelChanged;
import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.EkycRejected;
import io.kencom.contracts.events.EkycReviewRequested;
import io.kencom.contracts.events.EkycSubmitted;
import io.kencom.contracts.events.EmailRequested;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.events.MemberDisaffiliated;
import io.kencom.contracts.events.MemberReaffiliated;
import io.kencom.contracts.events.MemberWithdrew;
import io.kencom.contracts.events.RosterBatchUpdated;
import io.kencom.contracts.events.RosterEvent;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.events.SecretQuestionReset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The catalogue of events: for each, its record, its versioned CloudEvents type and its topic. A change that
 * an old reader could not read is a new entry with the next version, never an edit of an existing one; the entry it
 * supersedes stays, read (events of it are still on the topic) and never written ({@link #of} gives the newest).
 */
public enum EventContract {

    ACCOUNT_CREATED(AccountCreated.class, 1, Topic.ACCOUNT_EVENTS),
    MEMBER_WITHDREW(MemberWithdrew.class, 1, Topic.ACCOUNT_EVENTS),
    ACCOUNT_CLOSED(AccountClosed.class, 1, Topic.ACCOUNT_EVENTS),
    EMAIL_REQUESTED(EmailRequested.class, 1, Topic.EMAIL_REQUESTS),

    ROSTER_UPDATED(RosterUpdated.class, 1, Topic.INSURER_ROSTER),
    ROSTER_BATCH_UPDATED(RosterBatchUpdated.class, 1, Topic.INSURER_ROSTER),
    ACCOUNT_VERIFIED(AccountVerified.class, 1, Topic.VERIFICATION_EVENTS),
    MEMBER_DISAFFILIATED(MemberDisaffiliated.class, 1, Topic.VERIFICATION_EVENTS),
    MEMBER_REAFFILIATED(MemberReaffiliated.class, 1, Topic.VERIFICATION_EVENTS),

    EKYC_SUBMITTED(EkycSubmitted.class, 1, Topic.EKYC_EVENTS),
    EKYC_REVIEW_REQUESTED(EkycReviewRequested.class, 1, Topic.EKYC_EVENTS),
    EKYC_APPROVED(EkycApproved.class, 2, Topic.EKYC_EVENTS),
    /** Superseded by version 2 (method {@code JPKI}): read, never written. */
    EKYC_APPROVED_V1(EkycApproved.class, 1, Topic.EKYC_EVENTS),
    EKYC_REJECTED(EkycRejected.class, 1, Topic.EKYC_EVENTS),
    SECRET_QUESTION_RESET(SecretQuestionReset.class, 1, Topic.EKYC_EVENTS),

    GROUP_CHANGED(GroupChanged.class, 1, Topic.GROUPS),
    AUTH_LEVEL_CHANGED(AuthLevelChanged.class, 1, Topic.AUTH_LEVELS);

    private final Class<? extends DomainEvent> recordType;
    private final int version;
    private final Topic topic;

    EventContract(Class<? extends DomainEvent> recordType, int version, Topic topic) {
        this.recordType = recordType;
        this.version = version;
        this.topic = topic;
    }

    public Class<? extends DomainEvent> recordType() {
        return recordType;
    }

    /** The CloudEvents {@code type}: the event name and its version, e.g. {@code AccountVerified.v1}. */
    public String type() {
        return recordType.getSimpleName() + ".v" + version;
    }

    public Topic topic() {
        return topic;
    }

    /** The topic this very event goes to: its insurer's own for a roster event, else the contract's one topic. */
    public String topicName(DomainEvent event) {
        return topic.perInsurer() ? topic.topicName(((RosterEvent) event).insurerNumber()) : topic.topicName();
    }

    /** Class-path location of this event's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + type() + ".json";
    }

    /** Whether events are written under this entry: false for one a newer version of the same record superseded. */
    public boolean current() {
        return of(recordType) == this;
    }

    /** The entry events are written under: the newest version of the event's record. */
    public static EventContract of(DomainEvent event) {
        return of(event.getClass());
    }

    private static EventContract of(Class<?> recordType) {
        return Arrays.stream(values())
                .filter(c -> c.recordType == recordType)
                .max(Comparator.comparingInt(c -> c.version))
                .orElseThrow(() -> new IllegalArgumentException("not a contracted event: " + recordType));
    }

    public static Optional<EventContract> byType(String type) {
        return Arrays.stream(values()).filter(c -> c.type().equals(type)).findFirst();
    }
}
