package io.kencom.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static final UUID DELIVERY = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void aDeliveryHasOneMessageIdInTheSendersDomain() {
        MessageIds ids = new MessageIds("kencom <no-reply@kencom.example.jp>");
        assertThat(ids.of(DELIVERY)).isEqualTo("<0f8fad5b-d9cb-469f-a165-70867728950e@kencom.example.jp>")
                .isEqualTo(ids.of(DELIVERY));
        assertThat(ids.of(UUID.randomUUID())).isNotEqualTo(ids.of(DELIVERY));
    }

    @Test
    void aBareAddressWillDoAsTheSender() {
        assertThat(new MessageIds("no-reply@mail.kenpo.or.jp").of(DELIVERY)).endsWith("@mail.kenpo.or.jp>");
    }

    @Test
    void aSenderWithoutADomainIsRefusedAtStart() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageIds("kencom"));
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageIds("no-reply@localhost"));
    }
}
