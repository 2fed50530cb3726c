package io.kencom.e2e.journey;

import static io.restassured.RestAssured.given;
import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.Topic;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.events.RosterUpdated.Change;
import io.kencom.local.Gateway;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.ConsumerLag;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.RealInfrastructure;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An insurer's system: pushes roster news as {@code RosterUpdated} events on its own topic, or sends a whole roster as
 * a CSV file with its {@code insurer-feed} account (domain.md §1).
 */
final class Insurer {

    /** insured-verification-service's roster consumer group: its application name and {@code -roster}. */
    private static final String ROSTER_READER = ServiceApp.INSURED_VERIFICATION.module() + "-roster";

    private final String insurerNumber;
    private KeycloakUsers.TestUser feed;

    Insurer(String insurerNumber) {
        this.insurerNumber = insurerNumber;
    }

    String insurerNumber() {
        return insurerNumber;
    }

    void enrol(Person p) {
        publish(new RosterUpdated(insurerNumber, p.personalId(), Change.ENROLLED, p.symbol(), p.number(),
                p.nameKana(), p.birthDate(), LocalDate.now(Journey.JAPAN).minusYears(3), null, Instant.now(),
                p.nameKanji()));
    }

    /** 資格喪失 on {@code lostOn}. */
    void reportLoss(Person p, LocalDate lostOn) {
        publish(new RosterUpdated(insurerNumber, p.personalId(), Change.QUALIFICATION_LOST, null, null, null, null,
                null, lostOn, Instant.now()));
    }

    void reportReinstated(Person p, LocalDate qualifiedOn) {
        publish(new RosterUpdated(insurerNumber, p.personalId(), Change.REINSTATED, null, null, null, null,
                qualifiedOn, null, Instant.now()));
    }

    private void publish(RosterUpdated news) {
        try (Events.Publisher publisher = Events.publisher(RealInfrastructure.kafka())) {
            publisher.send(CloudEvent.of(UUID.randomUUID(), "/insurer/" + insurerNumber, news, Instant.now()));
        }
    }

    /** The whole roster as the insurer's Windows export writes it: a CSV in {@code charset}, as of now. */
    ValidatableResponse sendFile(List<Person> roster, Charset charset) {
        String csv = "personal_id,symbol,number,name_kana,birth_date,qualified_on,qualification_lost_on\r\n"
                + roster.stream().map(p -> String.join(",", p.personalId(), p.symbol() == null ? "" : p.symbol(),
                        p.number(), p.nameKana(), p.birthDate().toString(), "2023-04-01", "") + "\r\n")
                        .collect(Collectors.joining());
        return to(Gateway.staffDoor(ServiceApp.INSURED_VERIFICATION)).contentType("text/csv; charset=" + charset.name())
                .body(csv.getBytes(charset))
                .queryParam("asOf", Instant.now().toString())
                .post("/v1/insurers/{n}/roster-files", insurerNumber).then();
    }

    /** A request to {@code service} with this insurer's feed token, straight to it (the access matrix). */
    RequestSpecification direct(ServiceApp service) {
        return to(service.where());
    }

    private RequestSpecification to(String baseUri) {
        return given().baseUri(baseUri).auth().oauth2(feedToken());
    }

    /**
     * Waits until insured-verification-service has taken every roster event this insurer sent so far (on its own
     * topic, which the service finds by pattern within its metadata.max.age.ms).
     */
    void awaitRosterTaken() {
        ConsumerLag.awaitCaughtUp(ROSTER_READER, List.of(Topic.INSURER_ROSTER.topicName(insurerNumber)),
                Duration.ofSeconds(60));
    }

    private String feedToken() {
        if (feed == null) {
            feed = KeycloakUsers.insurerFeed(insurerNumber); // its own roster only
        }
        return feed.accessToken();
    }
}
