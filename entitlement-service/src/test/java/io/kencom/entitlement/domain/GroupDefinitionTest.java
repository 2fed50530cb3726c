package io.kencom.entitlement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.ConsentDocument.Kind;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.entitlement.domain.GroupDefinition.Refusal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A group as operations define it: what the rules refuse, each as its own refusal, and what they normalise. */
class GroupDefinitionTest {

    private static final List<ConsentDocument> REQUIRED = List.of(new ConsentDocument(Kind.PRIVACY_POLICY, "1", true),
            new ConsentDocument(Kind.MEMBER_TERMS, "1", true));
    private static final GroupChanged.Options NO_OPTIONS = new GroupChanged.Options(null, null, false, false, false);

    private static GroupDefinition group(List<String> numbers, List<ConsentDocument> documents,
            GroupChanged.Options options, List<GroupChanged.Link> links) {
        return new GroupDefinition(numbers, "ケンコム健康保険組合", GroupCategory.HEALTH_INSURANCE_SOCIETY_OR_COMPANY,
                CardFormat.SYMBOL_WITH_HYPHEN_AND_NUMBER, documents, options, links, null, null);
    }

    private static Refusal refusalOf(GroupDefinition definition) {
        return refusalOf(definition::checked);
    }

    private static Refusal refusalOf(Runnable check) {
        try {
            check.run();
        } catch (GroupDefinition.Invalid e) {
            return e.refusal();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void a_valid_definition_is_normalised() {
        GroupDefinition checked = group(List.of("０６１３９９９２", "06139992"), REQUIRED, null, null).checked();
        assertThat(checked.insurerNumbers()).containsExactly("06139992");
        assertThat(checked.options()).isEqualTo(NO_OPTIONS);
        assertThat(checked.links()).isEmpty();
        assertThat(checked.menuItems()).isEmpty();
        assertThat(checked.contracted()).isTrue();
    }

    @Test
    void without_insurer_numbers_or_a_name_it_is_refused_naming_the_field() {
        assertThat(refusalOf(group(List.of(), REQUIRED, null, null)))
                .isEqualTo(new Refusal.FieldMissing("insurerNumbers"));
        GroupDefinition nameless = new GroupDefinition(List.of("06139992"), " ", GroupCategory.MUNICIPALITY,
                CardFormat.NUMBER_ONLY, REQUIRED, null, null, null, null);
        assertThat(refusalOf(nameless)).isEqualTo(new Refusal.FieldMissing("name"));
    }

    @Test
    void an_insurer_number_with_a_wrong_check_digit_is_refused_by_its_place() {
        assertThat(refusalOf(group(List.of("06139992", "06139997"), REQUIRED, null, null)))
                .isEqualTo(new Refusal.InsurerNumberInvalid(1, InsurerNumber.Problem.CHECK_DIGIT_MISMATCH));
    }

    @Test
    void the_member_terms_are_required_and_the_own_point_terms_only_with_own_points() {
        assertThat(refusalOf(group(List.of("06139992"), REQUIRED.subList(0, 1), null, null)))
                .isEqualTo(new Refusal.ConsentDocumentsInvalid("MISSING", Kind.MEMBER_TERMS));
        List<ConsentDocument> withPointTerms = List.of(REQUIRED.get(0), REQUIRED.get(1),
                new ConsentDocument(Kind.OWN_POINT_TERMS, "1", true));
        assertThat(refusalOf(group(List.of("06139992"), withPointTerms, null, null)))
                .isEqualTo(new Refusal.ConsentDocumentsInvalid("NOT_APPLICABLE", Kind.OWN_POINT_TERMS));
        List<ConsentDocument> newsletterRequired = List.of(REQUIRED.get(0), REQUIRED.get(1),
                new ConsentDocument(Kind.NEWSLETTER, "1", true));
        assertThat(refusalOf(group(List.of("06139992"), newsletterRequired, null, null)))
                .isEqualTo(new Refusal.ConsentDocumentsInvalid("MUST_BE_OPTIONAL", Kind.NEWSLETTER));
    }

    @Test
    void a_walking_event_ending_before_it_starts_and_a_link_that_is_not_http_are_refused() {
        GroupChanged.Options backwards = new GroupChanged.Options(null,
                new GroupChanged.WalkingEvent(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 9)), false, false, false);
        assertThat(refusalOf(group(List.of("06139992"), REQUIRED, backwards, null)))
                .isEqualTo(new Refusal.WalkingEventPeriodInvalid());
        List<GroupChanged.Link> links = List.of(new GroupChanged.Link("健保", "https://example.jp"),
                new GroupChanged.Link("電話", "tel:0312345678"));
        assertThat(refusalOf(group(List.of("06139992"), REQUIRED, null, links)))
                .isEqualTo(new Refusal.LinkUrlInvalid(1));
    }

    @Test
    void a_group_id_is_lower_case_letters_digits_and_hyphens() {
        assertThat(GroupDefinition.checkedGroupId("g-kenpo-01")).isEqualTo("g-kenpo-01");
        assertThat(refusalOf(() -> GroupDefinition.checkedGroupId("G_Kenpo"))).isEqualTo(new Refusal.GroupIdInvalid());
    }
}
