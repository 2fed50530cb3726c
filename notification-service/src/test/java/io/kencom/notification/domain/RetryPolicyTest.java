package io.kencom.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(10));

    @Test
    void waits_double_up_to_the_longest() {
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoffAfter(60)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void gives_up_after_the_last_attempt() {
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    @Test
    void an_error_keeps_its_kind_and_loses_the_address() {
        Exception e = new RuntimeException("send failed", new IllegalStateException(
                "550 5.1.1 <taro.yamada@example.com>: Recipient address rejected"));
        assertThat(SendError.describe(e)).isEqualTo("IllegalStateException: 550 5.1.1 <<address>>: Recipient address rejected")
                .doesNotContain("yamada");
    }
}
