package io.kencom.entitlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.entitlement.domain.Entitlements;
import io.kencom.entitlement.infra.HotReads;
import io.kencom.platform.Clocks;
import io.kencom.platform.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The read every screen makes (GET /v1/members/me/entitlements), served from memory:
 * <ul>
 * <li>members' levels, loaded from {@code member_facts} on first read and kept current on every instance by the
 * {@code member_level} notification that each change commits (V1); the newest change wins, whatever order a read
 * and a notification land in, and a lost LISTEN connection empties the cache;</li>
 * <li>the answer itself, which depends only on the level, the group's revision and the day (never on who asks):
 * computed and serialised once per such key.</li>
 * </ul>
 */
@ApplicationScoped
public class MemberEntitlements {

    /** What the token says, used only until this service has heard of the member (just after sign-up). */
    public record Claims(String groupId, AuthLevel level) {
    }

    /** A member's level as of {@code changedAtMicros} (the row's level_changed_at). */
    private record Level(AuthLevel level, String groupId, long changedAtMicros) {
    }

    /** Everything the answer depends on. */
    private record Key(AuthLevel level, String groupId, long revision, LocalDate today) {
    }

    private final HotReads reads;
    private final Catalog catalog;
    private final Clock clock;
    private final ObjectMapper json;
    private final Cache<UUID, Level> levels;
    /** Serialised answers of today; emptied when the day (in Japan) changes. */
    private final ConcurrentHashMap<Key, byte[]> answers = new ConcurrentHashMap<>();
    private volatile LocalDate answersOf;

    MemberEntitlements(HotReads reads, Catalog catalog, Clock clock, ObjectMapper json,
            @ConfigProperty(name = "kencom.entitlement.cached-members") long cachedMembers) {
        this.reads = reads;
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
        this.levels = Caffeine.newBuilder().maximumSize(cachedMembers).build();
    }

    void listen(@Observes StartupEvent ignored, PgNotifications notifications) {
        notifications.listen("member_level", this::notified, levels::invalidateAll);
    }

    /** The member's entitlements as the JSON body the API answers. */
    public Uni<byte[]> json(UUID memberId, Claims claims) {
        return level(memberId, claims).chain(level -> (level.groupId() == null
                        ? Uni.createFrom().<GroupChanged>nullItem() : catalog.current(level.groupId()))
                .map(group -> answer(level, group)));
    }

    private byte[] answer(Level level, GroupChanged group) {
        LocalDate today = Clocks.todayInJapan(clock);
        if (!today.equals(answersOf)) {
            answers.clear();
            answersOf = today;
        }
        Key key = new Key(level.level(), level.groupId(), group == null ? -1 : group.revision(), today);
        return answers.computeIfAbsent(key, k -> serialise(Entitlements.of(level.level(), group, today)));
    }

    /** The level from memory, else from this service's facts, else (not heard of yet) from the token. */
    private Uni<Level> level(UUID memberId, Claims claims) {
        Level known = levels.getIfPresent(memberId);
        if (known != null && known.groupId() != null) {
            return Uni.createFrom().item(known);
        }
        return reads.levelOf(memberId).map(row -> {
            if (row == null) {
                return new Level(claims.level(), claims.groupId(), Long.MIN_VALUE);
            }
            Level stored = remember(memberId, new Level(row.level(), row.groupId(), row.changedAtMicros()));
            return stored.groupId() != null ? stored : new Level(claims.level(), claims.groupId(), Long.MIN_VALUE);
        });
    }

    /** "member-id level group-id micros", from the trigger on member_facts. */
    private void notified(String payload) {
        String[] parts = payload.split(" ", -1);
        remember(UUID.fromString(parts[0]), new Level(AuthLevel.valueOf(parts[1]),
                parts[2].isEmpty() ? null : parts[2], Long.parseLong(parts[3])));
    }

    private Level remember(UUID memberId, Level level) {
        return levels.asMap().merge(memberId, level,
                (held, seen) -> seen.changedAtMicros() >= held.changedAtMicros() ? seen : held);
    }

    private byte[] serialise(Entitlements entitlements) {
        try {
            return json.writeValueAsBytes(entitlements);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("entitlements not serialisable", e);
        }
    }
}
