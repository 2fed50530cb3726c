package io.kencom.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kencom.local.ApiDocuments;
import io.kencom.local.ApiDocuments.Audience;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app's and the staff's documents (target/openapi/kencom-*.json, written by this module's build from the five):
 * between them every operation once, in the one it belongs to; every reference resolves, and no schema is there that
 * no operation reaches.
 */
class MergedDocumentsTest {

    private static final JsonNode APP = Documents.read(Repo.path("api/target/openapi/" + Audience.APP.file));
    private static final JsonNode STAFF = Documents.read(Repo.path("api/target/openapi/" + Audience.STAFF.file));

    @Test
    void the_app_s_document_holds_every_operation_open_to_anyone_or_to_a_member_and_the_staff_s_the_rest() {
        List<String> app = operationIds(APP);
        List<String> staff = operationIds(STAFF);
        List<String> all = Documents.operations().stream().map(Documents.Operation::id).toList();

        assertThat(Stream.concat(app.stream(), staff.stream()).toList()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(app).contains("startSignup", "verifySignupCode", "getCardFormat", "verifyInsuredPerson",
                "openEkycApplication", "getMyEntitlements").doesNotContain("decideReview", "listDeliveries");
        assertThat(staff).containsExactlyInAnyOrder("uploadRosterFile", "listPendingReviews", "getReviewImage",
                "decideReview", "loadCheckupCodes", "getGroup", "defineGroup", "listDeliveries");
    }

    @Test
    void every_reference_resolves_and_every_schema_is_reached() {
        for (JsonNode document : List.of(APP, STAFF)) {
            Set<String> schemas = new TreeSet<>();
            document.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
            Set<String> referenced = ApiDocuments.references(document);
            assertThat(schemas).as(document.path("info").path("title").asText()).isEqualTo(referenced);
            assertThat(schemas).contains("Problem");
        }
    }

    @Test
    void a_name_two_services_give_to_different_schemas_takes_each_service_s_prefix() {
        assertThat(ApiDocuments.prefix("insured-verification-service")).isEqualTo("InsuredVerification");
        Set<String> schemas = new TreeSet<>();
        APP.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
        // each service's own LocalDate schema (their examples differ)
        assertThat(schemas).contains("EkycLocalDate", "InsuredVerificationLocalDate").doesNotContain("LocalDate");
        assertThat(APP.path("paths").path("/v1/verifications").path("post").path("requestBody").toString())
                .contains("#/components/schemas/Request");
    }

    private static List<String> operationIds(JsonNode document) {
        List<String> ids = new ArrayList<>();
        document.path("paths").forEach(item -> item.forEach(op -> ids.add(op.path("operationId").asText())));
        return ids;
    }
}
