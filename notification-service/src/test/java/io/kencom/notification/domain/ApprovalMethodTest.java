package io.kencom.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.events.EkycApproved;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ApprovalMethodTest {

    @Test
    void every_method_is_named_in_words_a_member_knows_and_no_two_alike() {
        assertThat(ApprovalMethod.describe(EkycApproved.Method.JPKI)).contains("マイナンバーカード");
        assertThat(ApprovalMethod.describe(EkycApproved.Method.CHECKUP_VIEWING_CODE)).isEqualTo("健診閲覧コード");
        assertThat(Arrays.stream(EkycApproved.Method.values()).map(ApprovalMethod::describe).distinct())
                .hasSize(EkycApproved.Method.values().length);
    }
}
