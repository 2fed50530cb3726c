package io.kencom.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static final UUID DELIVERY = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void a_delivery_has_one_message_id_in_the_senders_domain() {
        MessageIds ids = new MessageIds("kencom <no-reply@kencom.example.jp>");
        assertThat(ids.of(DELIVERY)).isEqualTo("<0f8fad5b-d9cb-469f-a165-70867728950e@kencom.example.jp>")
                .isEqualTo(ids.of(DELIVERY));
        assertThat(ids.of(UUID.randomUUID())).isNotEqualTo(ids.of(DELIVERY));
    }

    @Test
    void a_bare_address_will_do_as_the_sender() {
        assertThat(new MessageIds("no-reply@mail.kenpo.or.jp").of(DELIVERY)).endsWith("@mail.kenpo.or.jp>");
    }

    @Test
    void a_sender_without_a_domain_is_refused_at_start() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageIds("kencom"));
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageIds("no-reply@localhost"));
    }
}
