package io.kencom.contracts;

/**
 * An event of the system. Its CloudEvents {@code type} and topic come from {@link EventContract}; its
 * {@link #subject()} is the CloudEvents subject and the Kafka key, so one member's events stay in order.
 */
public interface DomainEvent {

    /** The member id for member events; the group id for the catalog; insurerNumber:personalId for rosters. */
    String subject();
}
