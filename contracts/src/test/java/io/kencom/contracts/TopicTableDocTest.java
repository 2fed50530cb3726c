package io.kencom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/topics.md is the topic table people read: it must say what Topic and EventContract say. */
class TopicTableDocTest {

    @Test
    void every_topic_row_of_the_docs_matches_the_code() throws Exception {
        Path doc = Path.of(System.getProperty("kencom.repo.root", ".."), "docs/topics.md");
        Map<String, List<String>> rows = Files.readAllLines(doc).stream()
                .filter(l -> l.startsWith("| `kencom."))
                .map(l -> Arrays.stream(l.split("\\|")).map(String::trim).skip(1).toList())
                .collect(Collectors.toMap(cells -> cells.get(0).replace("`", ""), Function.identity()));

        assertThat(rows.keySet()).containsExactlyInAnyOrder(
                Arrays.stream(Topic.values()).map(Topic::topicName).toArray(String[]::new));
        for (Topic topic : Topic.values()) {
            List<String> row = rows.get(topic.topicName());
            assertThat(row.get(1)).as(topic + " key").isEqualTo(topic.key());
            assertThat(row.get(2)).as(topic + " partitions").isEqualTo(Integer.toString(topic.partitions()));
            assertThat(row.get(3)).as(topic + " retention").isEqualTo(retention(topic));
            for (EventContract contract : EventContract.values()) {
                if (contract.topic() == topic) {
                    assertThat(row.get(4)).as(topic + " events").contains("`" + contract.recordType().getSimpleName() + "`");
                }
            }
        }
    }

    private static String retention(Topic topic) {
        if (topic.compacted()) {
            return "compacted";
        }
        long hours = topic.retention().toHours();
        return hours % 24 == 0 ? hours / 24 + " days" : hours + " hours";
    }
}
