package io.kencom.entitlement.domain;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.entitlement.domain.FeatureMatrix.Access;
import io.kencom.entitlement.domain.FeatureMatrix.Entry;
import java.time.LocalDate;
import java.util.List;

/**
 * What one member may see now: the level, every feature's state, and the group's content behind the features that
 * are open (its links, its own menu items, its own points, the walking event's dates). Content behind a closed
 * feature is left out, so the app cannot show it by mistake.
 */
public record Entitlements(AuthLevel level, List<Entry> features, GroupContent group) {

    /** The group's content the member may see; null parts are closed or not offered. */
    public record GroupContent(String groupId, String name, List<GroupChanged.Link> links,
            List<GroupChanged.MenuItem> menuItems, OwnPoints ownPoints, GroupChanged.WalkingEvent walkingEvent) {
    }

    /** 独自ポイント: its name, and the automatic grants that wait until the member reaches PERSONAL (note ※3). */
    public record OwnPoints(String name, List<String> grantsWaitingForPersonal) {
    }

    /** {@code group} null when the member's group is not (yet) in the catalog. */
    public static Entitlements of(AuthLevel level, GroupChanged group, LocalDate today) {
        List<Entry> features = FeatureMatrix.of(level, group == null ? null : group.options(), today);
        if (group == null) {
            return new Entitlements(level, features, null);
        }
        GroupChanged.OwnPoints points = group.options().ownPoints();
        OwnPoints ownPoints = open(features, Feature.OWN_POINTS)
                ? new OwnPoints(points.name(), level == AuthLevel.GROUP_ID ? points.grantsAfterPersonal() : List.of())
                : null;
        return new Entitlements(level, features, new GroupContent(group.groupId(), group.name(),
                open(features, Feature.GROUP_LINKS) ? group.links() : null,
                open(features, Feature.ACTION_MENU) ? group.menuItems() : null,
                ownPoints,
                open(features, Feature.WALKING_EVENT) ? group.options().walkingEvent() : null));
    }

    private static boolean open(List<Entry> features, Feature feature) {
        return features.get(feature.ordinal()).access() != Access.NONE;
    }
}
