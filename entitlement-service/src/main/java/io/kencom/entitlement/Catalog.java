package io.kencom.entitlement;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.EventJson;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.entitlement.domain.GroupDefinition;
import io.kencom.entitlement.infra.CatalogGroup;
import io.kencom.entitlement.infra.CatalogInsurerNumber;
import io.kencom.entitlement.infra.HotReads;
import io.kencom.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.kencom.platform.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The group catalog (domain.md §1), owned here. Every change is a new revision published whole as {@code GroupChanged}
 * on a compacted topic, in the same transaction, so other services rebuild their projections from the topic alone.
 */
@ApplicationScoped
public class Catalog {

    /** What a PUT did: {@code created} for a new group, {@code changed} false when it repeated the current state. */
    public record Saved(GroupChanged group, boolean created, boolean changed) {
    }

    private final Outbox outbox;
    private final Clock clock;
    private final HotReads reads;
    /**
     * The current groups, parsed: the catalog is small and every entitlement read needs its member's group. Kept
     * current on every instance by the {@code catalog_group} notification (V1) that each change commits.
     */
    private final ConcurrentHashMap<String, GroupChanged> current = new ConcurrentHashMap<>();

    Catalog(Outbox outbox, Clock clock, HotReads reads) {
        this.outbox = outbox;
        this.clock = clock;
        this.reads = reads;
    }

    void listen(@Observes StartupEvent ignored, PgNotifications notifications) {
        notifications.listen("catalog_group", groupId -> load(groupId).subscribe().with(
                loaded -> { }, e -> current.remove(groupId)), current::clear);
    }

    /** The group as it is now, from memory when this instance has it; null for a group the catalog lacks. */
    public Uni<GroupChanged> current(String groupId) {
        GroupChanged known = current.get(groupId);
        return known != null ? Uni.createFrom().item(known) : load(groupId);
    }

    /** Reads the group from the database into memory; a newer revision already there wins over a late read. */
    private Uni<GroupChanged> load(String groupId) {
        return reads.groupState(groupId).map(state -> state == null ? null
                : current.merge(groupId, parse(state),
                        (held, loaded) -> loaded.revision() >= held.revision() ? loaded : held));
    }

    /**
     * Creates or replaces a group. {@code expectedRevision} (from If-Match) guards against overwriting a change the
     * caller has not seen. Catalog writes are serialised by one advisory lock: they are rare, and it keeps an insurer
     * number from being claimed by two groups at once.
     */
    public Uni<Saved> put(String groupId, GroupDefinition definition, OptionalLong expectedRevision) {
        GroupDefinition checked;
        try {
            GroupDefinition.checkedGroupId(groupId);
            checked = definition.checked();
        } catch (GroupDefinition.Invalid e) {
            throw EntitlementProblems.definitionInvalid(e);
        }
        return Panache.withTransaction(() -> lockCatalog()
                .chain(() -> CatalogGroup.<CatalogGroup>findById(groupId))
                .chain(existing -> {
                    long current = existing == null ? 0 : existing.revision;
                    if (expectedRevision.isPresent() && expectedRevision.getAsLong() != current) {
                        throw EntitlementProblems.revisionMismatch(current);
                    }
                    GroupChanged stored = existing == null ? null : parse(existing.state);
                    if (stored != null && GroupDefinition.of(stored).equals(checked)) {
                        return Uni.createFrom().item(new Saved(stored, false, false));
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
            return parse(group.state);
        });
    }

    private static GroupChanged parse(String state) {
        return (GroupChanged) EventJson.read(EventContract.GROUP_CHANGED.type(), state);
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
