package io.kencom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class KafkaAclsTest {

    @Test
    void every_line_of_the_committed_file_is_a_grant_that_writes_back_as_the_same_line() throws Exception {
        var file = StackLayout.find().kafkaAclsFile();
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();

        List<KafkaAcls.Grant> grants = KafkaAcls.read(file);

        assertThat(grants).hasSameSizeAs(lines).isNotEmpty();
        assertThat(grants).extracting(KafkaAcls.Grant::line).containsExactlyElementsOf(lines);
        assertThat(grants).contains(new KafkaAcls.Grant("account-service", ResourceType.TOPIC, PatternType.LITERAL,
                "kencom.account.events", AclOperation.WRITE));
        assertThat(grants).noneMatch(g -> g.principal().equals(KafkaBroker.ADMIN));
    }

    @Test
    void a_line_without_its_five_fields_is_refused() {
        assertThatThrownBy(() -> KafkaAcls.Grant.parse("account-service topic kencom.account.events Write"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<principal>");
    }
}
