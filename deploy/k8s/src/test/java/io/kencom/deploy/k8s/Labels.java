package io.kencom.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;

/** Kubernetes' label selection, for the tests that follow a selector to what it selects. */
final class Labels {

    private Labels() {
    }

    /** Whether {@code matchLabels} selects an object with these labels (an empty selector selects everything). */
    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        var fields = matchLabels.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }
}
