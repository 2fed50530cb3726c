package io.kencom.entitlement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.entitlement.domain.FeatureMatrix.Access;
import io.kencom.entitlement.domain.FeatureMatrix.Closed;
import io.kencom.entitlement.domain.FeatureMatrix.Entry;
import io.kencom.entitlement.domain.FeatureMatrix.Limit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** domain.md §7 cell by cell: 5 levels × 15 features, for groups with and without each option. */
class FeatureMatrixTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    /** The guide's table (p.11) as domain.md §7 writes it: ○ full, △ partial (earn only / service notices), × none. */
    private static final String GUIDE_TABLE = """
            feature              | NONE | GROUP_ID | PERSONAL | SENSITIVE | UNAFFILIATED
            SIGN_UP_AND_HELP     | ○    | ○        | ○        | ○         | ○
            ARTICLES             | ×    | ○        | ○        | ○         | ×
            NOTICES              | ×    | ○        | ○        | ○         | △notices
            GROUP_LINKS          | ×    | ○        | ○        | ○         | ×
            KENCOM_COINS         | ×    | △earn    | ○        | ○         | ×
            BODY_TAB             | ×    | ○        | ○        | ○         | ○
            WEATHER_FORECAST     | ×    | ○        | ○        | ○         | ×
            ACTION_MENU          | ×    | ○        | ○        | ○         | ×
            MISSIONS             | ×    | ○        | ○        | ○         | ×
            OWN_POINTS           | ×    | △earn    | ○        | ○         | ×
            WALKING_EVENT        | ×    | ×        | ○        | ○         | ×
            CHECKUP_RESULTS      | ×    | ×        | ×        | ○         | ×
            MEDICATION_HISTORY   | ×    | ×        | ×        | ○         | ×
            GENERIC_DRUG_SAVINGS | ×    | ×        | ×        | ○         | ×
            MEDICAL_COST_NOTICES | ×    | ×        | ×        | ○         | ×
            """;

    private static final GroupChanged.OwnPoints OWN_POINTS = new GroupChanged.OwnPoints("けんポ", List.of("CHECKUP"));
    private static final GroupChanged.WalkingEvent HELD_NOW =
            new GroupChanged.WalkingEvent(TODAY.minusDays(10), TODAY.plusDays(10));

    /** A group with every option, own points included (so no kencom coins). */
    private static final GroupChanged.Options EVERYTHING = new GroupChanged.Options(OWN_POINTS, HELD_NOW, true, true, true);
    /** The same without own points: kencom coins instead. */
    private static final GroupChanged.Options EVERYTHING_BUT_OWN_POINTS =
            new GroupChanged.Options(null, HELD_NOW, true, true, true);

    /**
     * Each option taken away in turn from {@link #EVERYTHING}, and the features then closed at every level (kencom
     * coins always, as these groups run their own points).
     */
    private static final Map<String, Case> WITHOUT_ONE_OPTION = Map.of(
            "no own points", new Case(EVERYTHING_BUT_OWN_POINTS, List.of(Feature.OWN_POINTS)),
            "no walking event", new Case(new GroupChanged.Options(OWN_POINTS, null, true, true, true),
                    List.of(Feature.WALKING_EVENT, Feature.KENCOM_COINS)),
            "no checkup link", new Case(new GroupChanged.Options(OWN_POINTS, HELD_NOW, false, true, true),
                    List.of(Feature.CHECKUP_RESULTS, Feature.KENCOM_COINS)),
            "no medication link", new Case(new GroupChanged.Options(OWN_POINTS, HELD_NOW, true, false, true),
                    List.of(Feature.MEDICATION_HISTORY, Feature.GENERIC_DRUG_SAVINGS, Feature.KENCOM_COINS)),
            "no medical-cost link", new Case(new GroupChanged.Options(OWN_POINTS, HELD_NOW, true, true, false),
                    List.of(Feature.MEDICAL_COST_NOTICES, Feature.KENCOM_COINS)));

    private record Case(GroupChanged.Options options, List<Feature> notOffered) {
    }

    static Stream<Arguments> everyCell() {
        List<Arguments> cells = new ArrayList<>();
        List<String> lines = GUIDE_TABLE.lines().skip(1).toList();
        for (String line : lines) {
            String[] columns = Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new);
            Feature feature = Feature.valueOf(columns[0]);
            AuthLevel[] levels = { AuthLevel.NONE, AuthLevel.GROUP_ID, AuthLevel.PERSONAL, AuthLevel.SENSITIVE,
                    AuthLevel.UNAFFILIATED };
            for (int i = 0; i < levels.length; i++) {
                cells.add(Arguments.of(feature, levels[i], columns[i + 1]));
            }
        }
        return cells.stream();
    }

    @Test
    void the_guide_table_names_every_feature_once() {
        assertThat(everyCell().map(a -> a.get()[0]).distinct()).containsExactly((Object[]) Feature.values());
        assertThat(everyCell()).hasSize(5 * 15);
    }

    @ParameterizedTest(name = "{0} at {1} is {2} where the group offers it")
    @MethodSource("everyCell")
    void a_group_that_offers_the_feature_gets_the_guide_cell(Feature feature, AuthLevel level, String cell) {
        GroupChanged.Options options = feature == Feature.KENCOM_COINS ? EVERYTHING_BUT_OWN_POINTS : EVERYTHING;

        assertCell(FeatureMatrix.entry(feature, level, options, TODAY), cell);
    }

    @ParameterizedTest(name = "{0} at {1}: without each option")
    @MethodSource("everyCell")
    void without_an_option_its_features_are_not_offered_and_the_others_keep_the_guide_cell(Feature feature, AuthLevel level,
            String cell) {
        WITHOUT_ONE_OPTION.forEach((name, without) -> {
            Entry entry = FeatureMatrix.entry(feature, level, without.options(), TODAY);
            if (without.notOffered().contains(feature)) {
                assertThat(entry.access()).as(name).isEqualTo(Access.NONE);
                assertThat(entry.closedBy()).as(name).isEqualTo(Closed.NOT_OFFERED);
                assertThat(entry.fullAt()).as(name).isNull();
            } else {
                assertCell(entry, cell);
            }
        });
    }

    @ParameterizedTest(name = "{0} at {1} for a group not (yet) known")
    @MethodSource("everyCell")
    void an_unknown_group_offers_only_the_features_every_group_has(Feature feature, AuthLevel level, String cell) {
        Entry entry = FeatureMatrix.entry(feature, level, null, TODAY);
        List<Feature> optional = List.of(Feature.OWN_POINTS, Feature.WALKING_EVENT, Feature.CHECKUP_RESULTS,
                Feature.MEDICATION_HISTORY, Feature.GENERIC_DRUG_SAVINGS, Feature.MEDICAL_COST_NOTICES);
        if (optional.contains(feature)) {
            assertThat(entry.closedBy()).isEqualTo(Closed.NOT_OFFERED);
        } else {
            assertCell(entry, cell);
        }
    }

    @Test
    void the_walking_event_shows_only_while_held_both_ends_included() {
        GroupChanged.WalkingEvent november = new GroupChanged.WalkingEvent(LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 30));
        GroupChanged.Options options = new GroupChanged.Options(null, november, false, false, false);

        assertThat(walking(options, LocalDate.of(2026, 10, 31))).isEqualTo(Closed.NOT_OFFERED);
        assertThat(walking(options, LocalDate.of(2026, 11, 1))).isNull();
        assertThat(walking(options, LocalDate.of(2026, 11, 30))).isNull();
        assertThat(walking(options, LocalDate.of(2026, 12, 1))).isEqualTo(Closed.NOT_OFFERED);
    }

    @Test
    void a_closed_or_partial_feature_names_the_level_that_opens_it() {
        assertThat(FeatureMatrix.entry(Feature.KENCOM_COINS, AuthLevel.GROUP_ID, null, TODAY).fullAt())
                .isEqualTo(AuthLevel.PERSONAL);
        assertThat(FeatureMatrix.entry(Feature.CHECKUP_RESULTS, AuthLevel.GROUP_ID, EVERYTHING, TODAY).fullAt())
                .isEqualTo(AuthLevel.SENSITIVE);
        assertThat(FeatureMatrix.entry(Feature.ARTICLES, AuthLevel.NONE, null, TODAY).fullAt())
                .isEqualTo(AuthLevel.GROUP_ID);
        assertThat(FeatureMatrix.entry(Feature.ARTICLES, AuthLevel.UNAFFILIATED, null, TODAY).fullAt())
                .as("verification does not help an unaffiliated member; re-joining does").isNull();
    }

    @Test
    void every_level_gets_every_feature_in_order() {
        for (AuthLevel level : AuthLevel.values()) {
            assertThat(FeatureMatrix.of(level, EVERYTHING, TODAY)).extracting(Entry::feature)
                    .containsExactly(Feature.values());
        }
    }

    private static Closed walking(GroupChanged.Options options, LocalDate day) {
        return FeatureMatrix.entry(Feature.WALKING_EVENT, AuthLevel.PERSONAL, options, day).closedBy();
    }

    private static void assertCell(Entry entry, String cell) {
        switch (cell) {
            case "○" -> {
                assertThat(entry.access()).isEqualTo(Access.FULL);
                assertThat(entry.limit()).isNull();
                assertThat(entry.closedBy()).isNull();
            }
            case "△earn" -> {
                assertThat(entry.access()).isEqualTo(Access.PARTIAL);
                assertThat(entry.limit()).isEqualTo(Limit.EARN_ONLY);
            }
            case "△notices" -> {
                assertThat(entry.access()).isEqualTo(Access.PARTIAL);
                assertThat(entry.limit()).isEqualTo(Limit.SERVICE_NOTICES_ONLY);
            }
            case "×" -> {
                assertThat(entry.access()).isEqualTo(Access.NONE);
                assertThat(entry.closedBy()).isEqualTo(Closed.LEVEL);
            }
            default -> throw new IllegalArgumentException("no such cell: " + cell);
        }
    }
}
