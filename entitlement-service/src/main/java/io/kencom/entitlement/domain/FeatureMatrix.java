package io.kencom.entitlement.domain;

import static io.kencom.contracts.model.AuthLevel.GROUP_ID;
import static io.kencom.contracts.model.AuthLevel.NONE;
import static io.kencom.contracts.model.AuthLevel.PERSONAL;
import static io.kencom.contracts.model.AuthLevel.SENSITIVE;
import static io.kencom.contracts.model.AuthLevel.UNAFFILIATED;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.AuthLevel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What each auth level may use (domain.md §7, guide p.11), narrowed by what the member's group offers: own points
 * replace kencom coins, the walking event shows only while held, and health data only where the group links it.
 */
public final class FeatureMatrix {

    /** ○ full, △ partial, × none. */
    public enum Access {
        FULL, PARTIAL, NONE
    }

    /** What a partial (△) access allows. */
    public enum Limit {
        /** Coins or points are earned but cannot be spent yet (note ※3). */
        EARN_ONLY,
        /** Only the service's own notices, not the group's. */
        SERVICE_NOTICES_ONLY
    }

    /** Why a feature is closed: the app prompts for the next step for {@code LEVEL}, hides it for {@code NOT_OFFERED}. */
    public enum Closed {
        LEVEL, NOT_OFFERED
    }

    /**
     * One feature's state for one member. {@code limit} is set for partial access, {@code closedBy} for none, and
     * {@code fullAt} names the level that would open it fully, when verification can reach it.
     */
    public record Entry(Feature feature, Access access, Limit limit, Closed closedBy, AuthLevel fullAt) {
    }

    private record Cell(Access access, Limit limit) {
    }

    private static final Cell O = new Cell(Access.FULL, null);
    private static final Cell X = new Cell(Access.NONE, null);
    private static final Cell EARN_ONLY = new Cell(Access.PARTIAL, Limit.EARN_ONLY);
    private static final Cell SERVICE_NOTICES = new Cell(Access.PARTIAL, Limit.SERVICE_NOTICES_ONLY);

    /** Verification moves a member along this path; UNAFFILIATED is left only by re-joining. */
    private static final List<AuthLevel> PATH = List.of(NONE, GROUP_ID, PERSONAL, SENSITIVE);

    private static final Map<Feature, Map<AuthLevel, Cell>> TABLE = new EnumMap<>(Feature.class);

    static {
        //                                   NONE GROUP_ID   PERSONAL SENSITIVE UNAFFILIATED
        row(Feature.SIGN_UP_AND_HELP,        O,   O,         O,       O,        O);
        row(Feature.ARTICLES,                X,   O,         O,       O,        X);
        row(Feature.NOTICES,                 X,   O,         O,       O,        SERVICE_NOTICES);
        row(Feature.GROUP_LINKS,             X,   O,         O,       O,        X);
        row(Feature.KENCOM_COINS,            X,   EARN_ONLY, O,       O,        X);
        row(Feature.BODY_TAB,                X,   O,         O,       O,        O);
        row(Feature.WEATHER_FORECAST,        X,   O,         O,       O,        X);
        row(Feature.ACTION_MENU,             X,   O,         O,       O,        X);
        row(Feature.MISSIONS,                X,   O,         O,       O,        X);
        row(Feature.OWN_POINTS,              X,   EARN_ONLY, O,       O,        X);
        row(Feature.WALKING_EVENT,           X,   X,         O,       O,        X);
        row(Feature.CHECKUP_RESULTS,         X,   X,         X,       O,        X);
        row(Feature.MEDICATION_HISTORY,      X,   X,         X,       O,        X);
        row(Feature.GENERIC_DRUG_SAVINGS,    X,   X,         X,       O,        X);
        row(Feature.MEDICAL_COST_NOTICES,    X,   X,         X,       O,        X);
    }

    private static void row(Feature feature, Cell none, Cell groupId, Cell personal, Cell sensitive, Cell unaffiliated) {
        Map<AuthLevel, Cell> cells = new EnumMap<>(AuthLevel.class);
        cells.put(NONE, none);
        cells.put(GROUP_ID, groupId);
        cells.put(PERSONAL, personal);
        cells.put(SENSITIVE, sensitive);
        cells.put(UNAFFILIATED, unaffiliated);
        TABLE.put(feature, cells);
    }

    private FeatureMatrix() {
    }

    /** Every feature's state, in {@link Feature} order. {@code options} null means the group is not known. */
    public static List<Entry> of(AuthLevel level, GroupChanged.Options options, LocalDate today) {
        List<Entry> entries = new ArrayList<>(TABLE.size());
        for (Feature feature : Feature.values()) {
            entries.add(entry(feature, level, options, today));
        }
        return entries;
    }

    public static Entry entry(Feature feature, AuthLevel level, GroupChanged.Options options, LocalDate today) {
        if (!offered(feature, options, today)) {
            return new Entry(feature, Access.NONE, null, Closed.NOT_OFFERED, null);
        }
        Cell cell = TABLE.get(feature).get(level);
        return new Entry(feature, cell.access(), cell.limit(), cell.access() == Access.NONE ? Closed.LEVEL : null,
                cell.access() == Access.FULL ? null : fullAt(feature, level));
    }

    /** Whether the member's group offers the feature at all (today, for the walking event). */
    static boolean offered(Feature feature, GroupChanged.Options options, LocalDate today) {
        boolean ownPoints = options != null && options.ownPoints() != null;
        switch (feature) {
            case KENCOM_COINS:
                return !ownPoints; // groups with their own points use them instead of coins
            case OWN_POINTS:
                return ownPoints;
            case WALKING_EVENT:
                return options != null && options.walkingEvent() != null
                        && !today.isBefore(options.walkingEvent().heldFrom())
                        && !today.isAfter(options.walkingEvent().heldTo());
            case CHECKUP_RESULTS:
                return options != null && options.checkupDataLink();
            case MEDICATION_HISTORY:
            case GENERIC_DRUG_SAVINGS:
                return options != null && options.medicationHistoryLink();
            case MEDICAL_COST_NOTICES:
                return options != null && options.medicalCostNoticeLink();
            default:
                return true;
        }
    }

    /** The first level further along the verification path that opens the feature fully. */
    private static AuthLevel fullAt(Feature feature, AuthLevel level) {
        int from = PATH.indexOf(level);
        if (from < 0) {
            return null; // UNAFFILIATED: re-joining restores the old level, verification does not help
        }
        for (AuthLevel next : PATH.subList(from + 1, PATH.size())) {
            if (TABLE.get(feature).get(next).access() == Access.FULL) {
                return next;
            }
        }
        return null;
    }
}
