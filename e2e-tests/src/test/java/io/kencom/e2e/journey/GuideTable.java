package io.kencom.e2e.journey;

import io.kencom.contracts.model.AuthLevel;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * domain.md §7 (guide p.11) written out for the journey's two groups, as the guide prints it: ○ FULL, △ PARTIAL,
 * × NONE. Written by hand from the guide, not derived from entitlement-service's code, so the two can disagree.
 */
final class GuideTable {

    private static final List<AuthLevel> COLUMNS = List.of(AuthLevel.GROUP_ID, AuthLevel.PERSONAL,
            AuthLevel.SENSITIVE, AuthLevel.UNAFFILIATED);

    /** A 健保 with its own points (so no kencom coins), a walking event held today, every health-data link. */
    static final GuideTable KENPO = new GuideTable(
            //                        GROUP_ID PERSONAL SENSITIVE UNAFFILIATED
            "SIGN_UP_AND_HELP          ○ ○ ○ ○",
            "ARTICLES                  ○ ○ ○ ×",
            "NOTICES                   ○ ○ ○ △",
            "GROUP_LINKS               ○ ○ ○ ×",
            "KENCOM_COINS              × × × ×",
            "BODY_TAB                  ○ ○ ○ ○",
            "WEATHER_FORECAST          ○ ○ ○ ×",
            "ACTION_MENU               ○ ○ ○ ×",
            "MISSIONS                  ○ ○ ○ ×",
            "OWN_POINTS                △ ○ ○ ×",
            "WALKING_EVENT             × ○ ○ ×",
            "CHECKUP_RESULTS           × × ○ ×",
            "MEDICATION_HISTORY        × × ○ ×",
            "GENERIC_DRUG_SAVINGS      × × ○ ×",
            "MEDICAL_COST_NOTICES      × × ○ ×");

    /** A 国保 with no options: kencom coins, no walking event, no health data. */
    static final GuideTable KOKUHO = new GuideTable(
            //                        GROUP_ID PERSONAL SENSITIVE UNAFFILIATED
            "SIGN_UP_AND_HELP          ○ ○ ○ ○",
            "ARTICLES                  ○ ○ ○ ×",
            "NOTICES                   ○ ○ ○ △",
            "GROUP_LINKS               ○ ○ ○ ×",
            "KENCOM_COINS              △ ○ ○ ×",
            "BODY_TAB                  ○ ○ ○ ○",
            "WEATHER_FORECAST          ○ ○ ○ ×",
            "ACTION_MENU               ○ ○ ○ ×",
            "MISSIONS                  ○ ○ ○ ×",
            "OWN_POINTS                × × × ×",
            "WALKING_EVENT             × × × ×",
            "CHECKUP_RESULTS           × × × ×",
            "MEDICATION_HISTORY        × × × ×",
            "GENERIC_DRUG_SAVINGS      × × × ×",
            "MEDICAL_COST_NOTICES      × × × ×");

    private final Map<AuthLevel, Map<String, String>> access = new EnumMap<>(AuthLevel.class);

    private GuideTable(String... rows) {
        COLUMNS.forEach(level -> access.put(level, new LinkedHashMap<>()));
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            for (int i = 0; i < COLUMNS.size(); i++) {
                access.get(COLUMNS.get(i)).put(cells[0], switch (cells[i + 1]) {
                    case "○" -> "FULL";
                    case "△" -> "PARTIAL";
                    case "×" -> "NONE";
                    default -> throw new IllegalArgumentException(row);
                });
            }
        }
    }

    /** Each feature's access at {@code level}, in the guide's order. */
    Map<String, String> at(AuthLevel level) {
        return access.get(level);
    }
}
