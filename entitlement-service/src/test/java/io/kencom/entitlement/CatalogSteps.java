package io.kencom.entitlement;

import static io.restassured.RestAssured.given;

import io.kencom.contracts.model.InsurerNumber;
import io.kencom.testsupport.KeycloakUsers;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Groups of the catalog as operations staff would PUT them, and the staff token to do it. */
final class CatalogSteps {

    private static String opsToken;

    private CatalogSteps() {
    }

    static synchronized String opsToken() {
        if (opsToken == null) {
            opsToken = KeycloakUsers.staff("ops-admin").accessToken();
        }
        return opsToken;
    }

    /** An insurer number no other test uses: 8 digits with a valid check digit. */
    static String freshInsurerNumber() {
        String body = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        return body + InsurerNumber.checkDigit(body);
    }

    static String freshGroupId() {
        return "g-test-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /** A health-insurance society with kencom coins (no own points) and no options. */
    static Map<String, Object> plainGroup(String insurerNumber) {
        Map<String, Object> group = new HashMap<>();
        group.put("insurerNumbers", List.of(insurerNumber));
        group.put("name", "テスト健康保険組合");
        group.put("category", "HEALTH_INSURANCE_SOCIETY_OR_COMPANY");
        group.put("cardFormat", "SYMBOL_AND_NUMBER");
        group.put("consentDocuments", List.of(
                Map.of("kind", "PRIVACY_POLICY", "version", "2026-04", "required", true),
                Map.of("kind", "MEMBER_TERMS", "version", "3", "required", true),
                Map.of("kind", "NEWSLETTER", "version", "1", "required", false)));
        return group;
    }

    /** The same group with own points, a walking event held from {@code heldFrom} to {@code heldTo}, every link. */
    static Map<String, Object> groupWithEveryOption(String insurerNumber, String heldFrom, String heldTo) {
        Map<String, Object> group = plainGroup(insurerNumber);
        group.put("consentDocuments", List.of(
                Map.of("kind", "PRIVACY_POLICY", "version", "2026-04", "required", true),
                Map.of("kind", "MEMBER_TERMS", "version", "3", "required", true),
                Map.of("kind", "OWN_POINT_TERMS", "version", "1", "required", true)));
        group.put("options", Map.of(
                "ownPoints", Map.of("name", "けんポ", "grantsAfterPersonal", List.of("CHECKUP_RECEIVED")),
                "walkingEvent", Map.of("heldFrom", heldFrom, "heldTo", heldTo),
                "checkupDataLink", true, "medicationHistoryLink", true, "medicalCostNoticeLink", true));
        group.put("links", List.of(Map.of("title", "健保のお知らせ", "url", "https://example.jp/news")));
        group.put("menuItems", List.of(Map.of("title", "禁煙チャレンジ", "description", "健保の禁煙プログラム")));
        return group;
    }

    static Response put(String groupId, Object body) {
        return given().auth().oauth2(opsToken()).contentType(ContentType.JSON).body(body)
                .put("/v1/groups/{groupId}", groupId);
    }
}
