package io.kencom.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kencom.contracts.Topic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboxRetentionTest {

    @Test
    void the_inbox_must_remember_longer_than_any_consumed_topic_keeps_its_records() {
        List<Topic> consumed = List.of(Topic.ACCOUNT_EVENTS, Topic.INSURER_ROSTER);

        assertThat(InboxRetention.longestRetention(consumed)).contains(Duration.ofDays(14));
        assertThat(new InboxRetention(Duration.ofDays(21)).checkedAgainst(consumed).keep()).isEqualTo(Duration.ofDays(21));
        assertThatThrownBy(() -> new InboxRetention(Duration.ofDays(14)).checkedAgainst(consumed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT336H");
    }

    @Test
    void a_compacted_topic_sets_no_bound_its_consumers_ignore_revisions_they_passed() {
        assertThat(InboxRetention.longestRetention(List.of(Topic.GROUPS))).isEmpty();
        assertThat(new InboxRetention(Duration.ofDays(1)).checkedAgainst(List.of(Topic.GROUPS)).keep())
                .isEqualTo(Duration.ofDays(1));
    }
}
