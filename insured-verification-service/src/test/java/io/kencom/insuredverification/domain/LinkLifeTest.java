package io.kencom.insuredverification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.insuredverification.domain.LinkLife.Outcome;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** domain.md §6, Q5: loss, re-joining within 100 days, and the end of the account on day 100. */
class LinkLifeTest {

    private static final LocalDate LOST = LocalDate.of(2026, 6, 30);

    @Test
    void aLossDisaffiliatesWithItsDate() {
        assertThat(LinkLife.decide(null, LOST, null, LOST.plusDays(3))).isEqualTo(new Outcome.Disaffiliate(LOST));
    }

    @Test
    void aCorrectedLossDateIsToldAgainButTheSameOneIsNot() {
        assertThat(LinkLife.decide(LOST, LOST.minusDays(1), null, LOST.plusDays(3)))
                .isEqualTo(new Outcome.Disaffiliate(LOST.minusDays(1)));
        assertThat(LinkLife.decide(LOST, LOST, null, LOST.plusDays(3))).isEqualTo(new Outcome.Unchanged());
    }

    @Test
    void reJoiningOnDay99ReaffiliatesOnTheRostersDate() {
        assertThat(LinkLife.decide(LOST, null, LOST.plusDays(60), LOST.plusDays(99)))
                .isEqualTo(new Outcome.Reaffiliate(LOST.plusDays(60)));
    }

    @Test
    void reJoiningWithoutAUsableDateReaffiliatesToday() {
        assertThat(LinkLife.decide(LOST, null, null, LOST.plusDays(10))).isEqualTo(new Outcome.Reaffiliate(LOST.plusDays(10)));
        // A qualification date before the loss is the old one, not the re-joining.
        assertThat(LinkLife.decide(LOST, null, LOST.minusYears(3), LOST.plusDays(10)))
                .isEqualTo(new Outcome.Reaffiliate(LOST.plusDays(10)));
    }

    @Test
    void onDay100TheAccountHasEndedWhateverTheNews() {
        assertThat(LinkLife.decide(LOST, null, LOST.plusDays(50), LOST.plusDays(100))).isEqualTo(new Outcome.Ended());
        assertThat(LinkLife.decide(LOST, LOST.plusDays(1), null, LOST.plusDays(200))).isEqualTo(new Outcome.Ended());
    }

    @Test
    void anAffiliatedMembersNewsWithoutALossChangesNothing() {
        assertThat(LinkLife.decide(null, null, LocalDate.of(2020, 4, 1), LOST)).isEqualTo(new Outcome.Unchanged());
    }
}
