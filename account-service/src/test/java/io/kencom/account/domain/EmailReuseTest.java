package io.kencom.account.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.account.domain.EmailReuse.Decision;
import io.kencom.account.domain.EmailReuse.Holder;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailReuseTest {

    private static final LocalDate LOST = LocalDate.of(2026, 3, 31);

    @Test
    void an_address_nobody_holds_is_free() {
        assertThat(EmailReuse.decide(Optional.empty(), LOST)).isInstanceOf(Decision.Free.class);
    }

    @Test
    void an_affiliated_member_keeps_their_address() {
        assertThat(EmailReuse.decide(Optional.of(new Holder(null)), LOST)).isInstanceOf(Decision.InUse.class);
    }

    @Test
    void before_day_100_after_the_loss_the_address_is_not_yet_reusable() {
        Decision d = EmailReuse.decide(Optional.of(new Holder(LOST)), LOST.plusDays(99));
        assertThat(d).isEqualTo(new Decision.NotYetReusable(LocalDate.of(2026, 7, 9)));
    }

    @Test
    void on_day_100_the_old_account_ends_and_the_address_is_free() {
        assertThat(EmailReuse.decide(Optional.of(new Holder(LOST)), LOST.plusDays(100)))
                .isInstanceOf(Decision.FreeOnceHolderClosed.class);
    }
}
