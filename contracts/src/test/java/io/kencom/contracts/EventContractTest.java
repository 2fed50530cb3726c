package io.kencom.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.RosterBatchUpdated;
import io.kencom.contracts.events.RosterEvent;
import io.kencom.contracts.events.RosterUpdated;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventContractTest {

    static Stream<DomainEvent> samples() {
        return SampleEvents.all().stream();
    }

    @Test
    void every_contracted_event_has_a_sample() {
        Set<EventContract> sampled = SampleEvents.all().stream().map(EventContract::of).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrder(
                Arrays.stream(EventContract.values()).filter(EventContract::current).toArray(EventContract[]::new));
    }

    @Test
    void a_superseded_version_is_still_read_and_never_written() throws Exception {
        EkycApproved old = (EkycApproved) EventJson.read("EkycApproved.v1", "{\"memberId\":\"" + SampleEvents.MEMBER
                + "\",\"method\":\"EKYC_AUTOMATIC\",\"approvedAt\":\"2026-11-01T00:00:00Z\"}");
        assertThat(old.method()).isEqualTo(EkycApproved.Method.EKYC_AUTOMATIC);
        assertThat(EventContract.EKYC_APPROVED_V1.current()).isFalse();
        assertThat(EventContract.of(old)).isEqualTo(EventContract.EKYC_APPROVED);
        assertThat(EventContract.of(old).type()).isEqualTo("EkycApproved.v2");

        // What an old reader meets: version 1's schema refuses the new method, so it is a new version.
        JsonNode jpki = EventJson.mapper().readTree(EventJson.write(
                new EkycApproved(SampleEvents.MEMBER, null, EkycApproved.Method.JPKI, SampleEvents.AT)));
        assertThat(schemaOf(EventContract.EKYC_APPROVED_V1).validate(jpki)).isNotEmpty();
        assertThat(schemaOf(EventContract.EKYC_APPROVED).validate(jpki)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void round_trips_through_json(DomainEvent event) {
        String type = EventContract.of(event).type();
        DomainEvent back = EventJson.read(type, EventJson.write(event));
        assertThat(back).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void validates_against_its_schema(DomainEvent event) throws Exception {
        JsonNode json = EventJson.mapper().readTree(EventJson.write(event));
        assertThat(schemaOf(EventContract.of(event)).validate(json)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void schema_rejects_a_record_without_its_first_required_field(DomainEvent event) throws Exception {
        JsonSchema schema = schemaOf(EventContract.of(event));
        JsonNode required = schema.getSchemaNode().get("required");
        assertThat(required).as("schema lists required fields").isNotNull().isNotEmpty();
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(event));
        json.remove(required.get(0).asText());
        assertThat(schema.validate(json)).isNotEmpty();
    }

    @Test
    void an_account_verified_from_before_the_person_reference_reads_without_one() throws Exception {
        AccountVerified old = (AccountVerified) EventJson.read("AccountVerified.v1", "{\"memberId\":\""
                + SampleEvents.MEMBER + "\",\"groupId\":\"g-1\",\"insurerNumber\":\"06139992\","
                + "\"verifiedAt\":\"2026-11-01T00:00:00Z\"}");
        assertThat(old.personRef()).isNull();
        assertThat(old.holderRef()).isNull();
        assertThat(old.groupId()).isEqualTo("g-1");
    }

    @Test
    void schema_checks_formats_not_only_shapes() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(
                new AccountVerified(SampleEvents.MEMBER, "g-1", "06139999", SampleEvents.AT)));
        json.put("memberId", "not-a-uuid");
        json.put("insurerNumber", "1234567");
        Set<ValidationMessage> errors = schemaOf(EventContract.ACCOUNT_VERIFIED).validate(json);
        assertThat(errors).extracting(ValidationMessage::getInstanceLocation)
                .map(Object::toString)
                .contains("/memberId", "/insurerNumber");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void an_old_reader_accepts_a_record_with_an_added_optional_field(DomainEvent event) throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(event));
        json.put("addedInALaterVersion", "whatever a newer producer sends");
        json.putObject("addedNested").put("x", 1);
        String type = EventContract.of(event).type();

        assertThat(EventJson.read(type, json.toString())).isEqualTo(event);
        assertThat(schemaOf(EventContract.of(event)).validate(json)).isEmpty();
    }

    @Test
    void an_unknown_type_or_a_payload_that_does_not_fit_is_unreadable() {
        assertThatThrownBy(() -> EventJson.read("NoSuchEvent.v1", "{}"))
                .isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> EventJson.read("AccountVerified.v1", "{\"memberId\":\"x\"}"))
                .isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> EventJson.read("AccountVerified.v1", "not json"))
                .isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void types_carry_their_version_and_are_unique() {
        assertThat(EventContract.ACCOUNT_VERIFIED.type()).isEqualTo("AccountVerified.v1");
        assertThat(Arrays.stream(EventContract.values()).map(EventContract::type).distinct())
                .hasSize(EventContract.values().length);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void cloud_event_envelope_round_trips_through_kafka_headers(DomainEvent event) {
        CloudEvent envelope = CloudEvent.of(UUID.randomUUID(), "/test", event, Instant.parse("2026-11-24T00:00:00Z"));
        CloudEvent back = CloudEvent.fromKafka(envelope.headers(), envelope.data());

        assertThat(back).isEqualTo(envelope);
        assertThat(back.subject()).isEqualTo(event.subject());
        assertThat(back.event()).isEqualTo(event);
    }

    @Test
    void a_record_without_cloud_event_headers_is_unreadable() {
        assertThatThrownBy(() -> CloudEvent.fromKafka(Map.of(), "{}")).isInstanceOf(UnreadableEventException.class);
        CloudEvent ok = CloudEvent.of(UUID.randomUUID(), "/t", SampleEvents.all().get(0), Instant.now());
        Map<String, byte[]> badTime = new HashMap<>(ok.headers());
        badTime.put("ce_time", "yesterday".getBytes());
        assertThatThrownBy(() -> CloudEvent.fromKafka(badTime, ok.data())).isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void topic_names_are_unique_and_compaction_has_no_retention() {
        assertThat(Arrays.stream(Topic.values()).map(Topic::topicName).distinct()).hasSize(Topic.values().length);
        assertThat(Topic.GROUPS.config()).containsEntry("cleanup.policy", "compact");
        assertThat(Topic.EMAIL_REQUESTS.config()).containsEntry("retention.ms", "21600000");
    }

    @Test
    void a_roster_event_goes_to_its_insurers_own_topic_and_every_other_event_to_its_contracts_one() {
        RosterUpdated one = new RosterUpdated("06123459", "P1", RosterUpdated.Change.ENROLLED, null, "1234",
                "ヤマダ", LocalDate.of(1980, 1, 1), null, null, Instant.now());
        RosterBatchUpdated batch = new RosterBatchUpdated("138057", List.of(), Instant.now());

        assertThat(EventContract.of(one).topicName(one)).isEqualTo("kencom.insurer.roster.06123459");
        assertThat(EventContract.of(batch).topicName(batch)).isEqualTo("kencom.insurer.roster.138057");
        for (DomainEvent event : SampleEvents.all()) {
            if (!(event instanceof RosterEvent)) {
                assertThat(EventContract.of(event).topicName(event)).isEqualTo(EventContract.of(event).topic().topicName());
            }
        }
        assertThatThrownBy(() -> Topic.INSURER_ROSTER.topicName("0612345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topic.INSURER_ROSTER.topicName("06123459.x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_per_insurer_topic_is_read_by_pattern_and_each_of_its_topics_names_its_insurer() {
        Topic roster = Topic.INSURER_ROSTER;
        Pattern pattern = Pattern.compile(roster.pattern());

        assertThat(roster.perInsurer()).isTrue();
        assertThat(roster.prefix()).isEqualTo("kencom.insurer.roster.");
        assertThat(pattern.matcher("kencom.insurer.roster.06123459").matches()).isTrue();
        assertThat(pattern.matcher("kencom.insurer.roster").matches()).isFalse();
        assertThat(pattern.matcher("kencomxinsurerxrosterx06123459").matches()).isFalse();
        assertThat(roster.insurerOf("kencom.insurer.roster.06123459")).contains("06123459");
        assertThat(roster.insurerOf("kencom.insurer.roster.06123458")).isEmpty(); // check digit wrong
        assertThat(roster.insurerOf("kencom.account.events")).isEmpty();
        assertThat(Topic.named("kencom.insurer.roster.06123459")).contains(roster);
        assertThat(Topic.named(roster.pattern())).contains(roster);
        assertThat(Topic.named("kencom.account.events")).contains(Topic.ACCOUNT_EVENTS);
        assertThat(Topic.named("kencom.insurer.roster")).isEmpty();
        assertThat(Topic.ACCOUNT_EVENTS.perInsurer()).isFalse();
        assertThatThrownBy(() -> Topic.ACCOUNT_EVENTS.topicName("06123459")).isInstanceOf(IllegalStateException.class);
    }

    private static JsonSchema schemaOf(EventContract contract) throws Exception {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = EventContract.class.getResourceAsStream(contract.schemaResource())) {
            assertThat(in).as("schema of " + contract.type()).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }
}
