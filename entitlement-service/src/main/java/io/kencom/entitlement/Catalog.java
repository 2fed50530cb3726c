package io.kencom.entitlement;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.EventJson;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.entitlement.domain.GroupDefinition;
import io.kencom.entitlement.infra.CatalogGroup;
import io.kencom.entitlement.infra.CatalogInsurerNumber;
import io.kencom.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The group catalog (DOMAIN §1), owned here. Every change is a new revision published whole as {@code GroupChanged}
 * on a compacted topic, in the same transaction, so other services rebuild their projections from the topic alone.
 */
@ApplicationScoped
public class Catalog {

    /** What a PUT did: {@code created} for a new group, {@code changed} false when it repeated the current state. */
    public record Saved(GroupChanged group, boolean created, boolean changed) {
    }

    private final Outbox outbox;
    private final Clock clock;
    /** Parsed groups by id and revision: the catalog is small and every entitlement read needs its group. */
    private final ConcurrentHashMap<String, GroupChanged> parsed = new ConcurrentHashMap<>();

    Catalog(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Creates or replaces a group. {@code expectedRevision} (from If-Match) guards against overwriting a change the
     * caller has not seen. Catalog writes are serialised by one advisory lock: they are rare, and it keeps an insurer
     * number from being claimed by two groups at once.
     */
    public Uni<Saved> put(String groupId, GroupDefinition definition, OptionalLong expectedRevision) {
        GroupDefinition.checkedGroupId(groupId);
        GroupDefinition checked = definition.checked();
        return Panache.withTransaction(() -> lockCatalog()
                .chain(() -> CatalogGroup.<CatalogGroup>findById(groupId))
                .chain(existing -> {
                    long current = existing == null ? 0 : existing.revision;
                    if (expectedRevision.isPresent() && expectedRevision.getAsLong() != current) {
                        throw EntitlementProblems.revisionMismatch(current);
                    }
                    if (existing != null && GroupDefinition.of(read(existing)).equals(checked)) {
                        return Uni.createFrom().item(new Saved(read(existing), false, false));
                    }
                    return refuseNumbersOfOtherGroups(groupId, checked.insurerNumbers())
                            .chain(() -> save(existing, checked.asRevision(groupId, current + 1, clock.instant())))
                            .map(saved -> new Saved(saved, existing == null, true));
                }));
    }

    public Uni<GroupChanged> get(String groupId) {
        return Panache.withSession(() -> CatalogGroup.<CatalogGroup>findById(groupId)).map(group -> {
            if (group == null) {
                throw EntitlementProblems.groupNotFound();
            }
            return read(group);
        });
    }

    /** The group of a stored row; parsed once per revision. */
    public GroupChanged read(CatalogGroup row) {
        GroupChanged cached = parsed.get(row.groupId);
        if (cached != null && cached.revision() == row.revision) {
            return cached;
        }
        GroupChanged group = (GroupChanged) EventJson.read(EventContract.GROUP_CHANGED.type(), row.state);
        parsed.put(row.groupId, group);
        return group;
    }

    /** The cached group at this revision, if this instance has parsed it. */
    GroupChanged cached(String groupId, long revision) {
        GroupChanged cached = parsed.get(groupId);
        return cached != null && cached.revision() == revision ? cached : null;
    }

    private Uni<GroupChanged> save(CatalogGroup existing, GroupChanged group) {
        CatalogGroup row = existing != null ? existing : new CatalogGroup();
        row.groupId = group.groupId();
        row.revision = group.revision();
        row.state = EventJson.write(group);
        row.changedAt = group.changedAt();
        return row.<CatalogGroup>persist()
                .chain(() -> CatalogInsurerNumber.delete("groupId", group.groupId()))
                .chain(() -> CatalogInsurerNumber.persist(group.insurerNumbers().stream()
                        .map(number -> new CatalogInsurerNumber(number, group.groupId()))))
                .chain(() -> outbox.publish(group))
                .replaceWith(group);
    }

    private static Uni<Void> refuseNumbersOfOtherGroups(String groupId, List<String> numbers) {
        return CatalogInsurerNumber.<CatalogInsurerNumber>find("insurerNumber in ?1 and groupId <> ?2", numbers, groupId)
                .firstResult()
                .invoke(taken -> {
                    if (taken != null) {
                        throw EntitlementProblems.insurerNumberTaken(taken.insurerNumber, taken.groupId);
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<Void> lockCatalog() {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext('entitlement.catalog'))) AS locked")
                        .getSingleResult())
                .replaceWithVoid();
    }
}
