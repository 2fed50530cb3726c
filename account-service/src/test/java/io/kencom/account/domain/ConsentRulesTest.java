package io.kencom.account.domain;

import static io.kencom.contracts.model.ConsentDocument.Kind.MEMBER_TERMS;
import static io.kencom.contracts.model.ConsentDocument.Kind.NEWSLETTER;
import static io.kencom.contracts.model.ConsentDocument.Kind.OWN_POINT_TERMS;
import static io.kencom.contracts.model.ConsentDocument.Kind.PRIVACY_POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.account.domain.ConsentRules.Agreement;
import io.kencom.contracts.model.ConsentDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentRulesTest {

    private static final List<ConsentDocument> WITH_OWN_POINTS = List.of(
            new ConsentDocument(PRIVACY_POLICY, "2026-04", true),
            new ConsentDocument(MEMBER_TERMS, "3", true),
            new ConsentDocument(OWN_POINT_TERMS, "1", true),
            new ConsentDocument(NEWSLETTER, "1", false));

    @Test
    void all_required_in_their_current_version_is_enough_and_the_newsletter_is_optional() {
        assertThat(ConsentRules.check(WITH_OWN_POINTS, List.of(new Agreement(PRIVACY_POLICY, "2026-04"),
                new Agreement(MEMBER_TERMS, "3"), new Agreement(OWN_POINT_TERMS, "1"))).ok()).isTrue();
    }

    @Test
    void a_missing_required_document_is_named() {
        ConsentRules.Check check = ConsentRules.check(WITH_OWN_POINTS,
                List.of(new Agreement(PRIVACY_POLICY, "2026-04"), new Agreement(MEMBER_TERMS, "3")));
        assertThat(check.missing()).containsExactly(OWN_POINT_TERMS);
    }

    @Test
    void a_group_without_own_points_does_not_offer_its_terms() {
        List<ConsentDocument> plain = WITH_OWN_POINTS.subList(0, 2);
        ConsentRules.Check check = ConsentRules.check(plain, List.of(new Agreement(PRIVACY_POLICY, "2026-04"),
                new Agreement(MEMBER_TERMS, "3"), new Agreement(OWN_POINT_TERMS, "1")));
        assertThat(check.notOffered()).containsExactly(OWN_POINT_TERMS);
    }

    @Test
    void an_agreement_to_an_old_version_does_not_count() {
        ConsentRules.Check check = ConsentRules.check(WITH_OWN_POINTS, List.of(new Agreement(PRIVACY_POLICY, "2025-04"),
                new Agreement(MEMBER_TERMS, "3"), new Agreement(OWN_POINT_TERMS, "1")));
        assertThat(check.outdated()).containsExactly(PRIVACY_POLICY);
        assertThat(check.ok()).isFalse();
    }
}
