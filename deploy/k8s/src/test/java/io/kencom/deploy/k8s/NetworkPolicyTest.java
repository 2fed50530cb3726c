package io.kencom.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Default deny; the gateway and Prometheus to the services; each service to its own database, Kafka, Keycloak (and
 * SMTP).
 */
class NetworkPolicyTest {

    private static final String DNS = "ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns} UDP/53 TCP/53";
    private static final String GATEWAY = "ns{kubernetes.io/metadata.name=envoy-gateway-system} "
            + "pods{app.kubernetes.io/component=proxy} TCP/8080";
    private static final String PROMETHEUS = "ns{kubernetes.io/metadata.name=monitoring} "
            + "pods{app.kubernetes.io/name=prometheus} TCP/8080";

    private static final String TRACE_COLLECTOR = "ns{kubernetes.io/metadata.name=monitoring} "
            + "pods{app.kubernetes.io/name=opentelemetry-collector} TCP/4317";

    private final Rendered prod = Rendered.of("prod");

    @Test
    void nothing_flows_in_the_namespace_unless_a_policy_allows_it() {
        JsonNode deny = prod.get("NetworkPolicy", "default-deny").get("spec");

        assertThat(deny.get("podSelector").isEmpty()).isTrue();
        assertThat(deny.get("policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.has("ingress") || deny.has("egress")).isFalse();
        assertThat(Rendered.of("dev").get("NetworkPolicy", "default-deny")).isEqualTo(prod.get("NetworkPolicy", "default-deny"));
    }

    @Test
    void a_service_is_reached_only_from_the_gateways_and_prometheus_and_reaches_only_its_database_kafka_keycloak_dns_and_the_trace_collector() {
        for (String service : Repo.SERVICES) {
            JsonNode labels = prod.get("Deployment", service).at("/spec/template/metadata/labels");
            String db = service.replace("-service", "") + "-db";
            Set<String> egress = new TreeSet<>(Set.of(DNS, "pods{cnpg.io/cluster=" + db + "} TCP/5432",
                    "pods{strimzi.io/broker-role=true,strimzi.io/cluster=kencom} TCP/9093", "pods{app=keycloak} TCP/8443",
                    TRACE_COLLECTOR));
            if (service.equals("notification-service")) {
                egress.add("ip{203.0.113.25/32} TCP/587");
            }

            assertThat(rules(labels, "ingress", "from")).as(service + " ingress")
                    .containsExactlyInAnyOrder(GATEWAY, PROMETHEUS);
            assertThat(rules(labels, "egress", "to")).as(service + " egress").isEqualTo(egress);
        }
    }

    @Test
    void a_service_s_database_is_reached_by_that_service_alone_among_the_services() {
        for (String service : Repo.SERVICES) {
            String db = service.replace("-service", "") + "-db";
            JsonNode dbLabels = prod.get("Cluster", db).at("/metadata/labels").deepCopy();
            ((ObjectNode) dbLabels).put("cnpg.io/cluster", db);

            Set<String> ingress = rules(dbLabels, "ingress", "from");

            assertThat(ingress).filteredOn(r -> r.contains("app.kubernetes.io/name="))
                    .containsExactly("pods{app.kubernetes.io/name=" + service + "} TCP/5432");
        }
    }

    /** Every rule of the given direction in every policy that selects pods with these labels, one string a peer. */
    private Set<String> rules(JsonNode labels, String direction, String peers) {
        Set<String> rules = new TreeSet<>();
        prod.kind("NetworkPolicy").filter(p -> Labels.selects(p.at("/spec/podSelector/matchLabels"), labels)).forEach(p -> {
            for (JsonNode rule : p.at("/spec/" + direction)) {
                String ports = ports(rule.path("ports"));
                if (!rule.has(peers)) {
                    rules.add("anywhere " + ports);
                }
                rule.path(peers).forEach(peer -> rules.add(peer(peer) + " " + ports));
            }
        });
        return rules;
    }

    private static String peer(JsonNode peer) {
        List<String> parts = new ArrayList<>();
        if (peer.has("ipBlock")) {
            parts.add("ip{" + peer.at("/ipBlock/cidr").asText() + "}");
        }
        if (peer.has("namespaceSelector")) {
            parts.add("ns{" + labels(peer.at("/namespaceSelector/matchLabels")) + "}");
        }
        if (peer.has("podSelector")) {
            parts.add("pods{" + labels(peer.at("/podSelector/matchLabels")) + "}");
        }
        return String.join(" ", parts);
    }

    private static String labels(JsonNode matchLabels) {
        Set<String> pairs = new TreeSet<>();
        matchLabels.fields().forEachRemaining(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", pairs);
    }

    private static String ports(JsonNode ports) {
        List<String> list = new ArrayList<>();
        ports.forEach(p -> list.add(p.path("protocol").asText("TCP") + "/" + p.get("port").asText()));
        return list.stream().collect(Collectors.joining(" "));
    }
}
