package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

/**
 * News from one insurer's roster (加入者名簿): it travels on that insurer's own topic, the only one the insurer's
 * principal may write, and is applied only when its insurer is that topic's (docs/topics.md).
 */
public interface RosterEvent extends DomainEvent {

    String insurerNumber();
}
