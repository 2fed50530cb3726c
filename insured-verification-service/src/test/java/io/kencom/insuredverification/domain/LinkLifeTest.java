package io.kencom.insuredverification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.insuredverification.domain.LinkLife.Outcome;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** domain.md §6, Q5: loss, re-joining within 100 days, and the end of the account on day 100. */
class LinkLifeTest {

    private static final LocalDate LOST = LocalDate.of(2026, 6, 30);

    @Test
    void a_loss_disaffiliates_with_its_date() {
        assertThat(LinkLife.decide(null, LOST, null, LOST.plusDays(3))).isEqualTo(new Outcome.Disaffiliate(LOST));
    }

    @Test
    void a_corrected_loss_date_is_told_again_but_the_same_one_is_not() {
        assertThat(LinkLife.decide(LOST, LOST.minusDays(1), null, LOST.plusDays(3)))
                .isEqualTo(new Outcome.Disaffiliate(LOST.minusDays(1)));
        assertThat(LinkLife.decide(LOST, LOST, null, LOST.plusDays(3))).isEqualTo(new Outcome.Unchanged());
    }

    @Test
    void re_joining_on_day_99_reaffiliates_on_the_rosters_date() {
        assertThat(LinkLife.decide(LOST, null, LOST.plusDays(60), LOST.plusDays(99)))
                .isEqualTo(new Outcome.Reaffiliate(LOST.plusDays(60)));
    }

    @Test
    void re_joining_without_a_usable_date_reaffiliates_today() {
        assertThat(LinkLife.decide(LOST, null, null, LOST.plusDays(10))).isEqualTo(new Outcome.Reaffiliate(LOST.plusDays(10)));
        // A qualification date before the loss is the old one, not the re-joining.
        assertThat(LinkLife.decide(LOST, null, LOST.minusYears(3), LOST.plusDays(10)))
                .isEqualTo(new Outcome.Reaffiliate(LOST.plusDays(10)));
    }

    @Test
    void on_day_100_the_account_has_ended_whatever_the_news() {
        assertThat(LinkLife.decide(LOST, null, LOST.plusDays(50), LOST.plusDays(100))).isEqualTo(new Outcome.Ended());
        assertThat(LinkLife.decide(LOST, LOST.plusDays(1), null, LOST.plusDays(200))).isEqualTo(new Outcome.Ended());
    }

    @Test
    void an_affiliated_members_news_without_a_loss_changes_nothing() {
        assertThat(LinkLife.decide(null, null, LocalDate.of(2020, 4, 1), LOST)).isEqualTo(new Outcome.Unchanged());
    }
}
