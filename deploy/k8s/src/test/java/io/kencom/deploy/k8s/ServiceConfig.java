package io.kencom.deploy.k8s;

import io.kencom.contracts.Topic;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A service's configuration as the code declares it: the platform's defaults overlaid by the service's
 * application.properties, split into what holds in production (no profile) and the keys only a profile sets.
 */
final class ServiceConfig {

    /** A value that names the local stack: its address, its local-only secrets, its PostgreSQL superuser. */
    private static final Pattern LOCAL = Pattern.compile("127\\.0\\.0\\.1|localhost|-local-secret|^postgres$");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Z0-9_]+):");

    final String service;
    /** Every key as written, profiled ones with their {@code %profile.} prefix. */
    private final Map<String, String> all = new LinkedHashMap<>();
    final Map<String, String> production = new LinkedHashMap<>();
    final Set<String> profiledOnly = new TreeSet<>();

    private ServiceConfig(String service) {
        this.service = service;
        all.putAll(load(Repo.path("platform/src/main/resources/META-INF/microprofile-config.properties")));
        all.putAll(load(Repo.path(service + "/src/main/resources/application.properties")));
        all.forEach((k, v) -> {
            if (!k.startsWith("%")) {
                production.put(k, v);
            }
        });
        all.keySet().stream().filter(k -> k.startsWith("%")).map(k -> k.substring(k.indexOf('.') + 1))
                .filter(k -> !production.containsKey(k)).forEach(profiledOnly::add);
    }

    static ServiceConfig of(String service) {
        return new ServiceConfig(service);
    }

    /**
     * {@code mp.messaging.incoming.*.topic}: what the service consumes; for a channel subscribed by pattern, the
     * per-insurer topic it reads as {@code <prefix>*}, its pattern being that topic's {@link Topic#pattern()}.
     */
    Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        production.forEach((key, value) -> {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                boolean byPattern = Boolean.parseBoolean(production.get(key.replaceFirst("\\.topic$", ".pattern")));
                topics.add(byPattern ? Topic.named(value).filter(t -> t.perInsurer() && t.pattern().equals(value))
                        .map(t -> t.prefix() + "*")
                        .orElseThrow(() -> new AssertionError(key + " is no per-insurer topic's pattern: " + value))
                        : value);
            }
        });
        // ops' replay of the service's dead letters reads them back (DeadLetterReplay)
        topics.add(production.get("mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic"));
        return topics;
    }

    /**
     * What the service writes: its outbox's declared topics, its outgoing channels (but the outbox channel, whose
     * topic each record names) and its dead-letter topic.
     */
    Set<String> producedTopics() {
        Set<String> topics = channelTopics("mp.messaging.outgoing.");
        topics.remove(production.get("mp.messaging.outgoing.outbox.topic"));
        topics.addAll(list("kencom.outbox.topics"));
        topics.add(production.get("mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic"));
        return topics;
    }

    /**
     * The consumer groups: the connector's, any a channel sets for itself ({@code mp.messaging.incoming.*.group.id}),
     * and the dead letters' replay group.
     */
    Set<String> consumerGroups() {
        Set<String> groups = new TreeSet<>();
        production.forEach((key, value) -> {
            if (key.equals("mp.messaging.connector.smallrye-kafka.group.id")
                    || key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
                groups.add(value.replace("${quarkus.application.name}", production.get("quarkus.application.name")));
            }
        });
        // the replay group, whose offsets mark how far ops have replayed the dead letters (DeadLetterReplay)
        groups.add(production.get("kencom.dead-letters.replay-group").replace("${quarkus.application.name}",
                production.get("quarkus.application.name")));
        return groups;
    }

    /**
     * What production must set because the code's value is only good on a developer's machine, or only a profile
     * sets it: each as the environment variable names that would set it (the property's own, and the variable of a
     * {@code ${VAR:default}} expression).
     */
    Map<String, Set<String>> requiredInProduction() {
        Map<String, Set<String>> required = new LinkedHashMap<>();
        production.forEach((key, value) -> {
            if (LOCAL.matcher(value).find()) {
                Set<String> names = new TreeSet<>(Set.of(envName(key)));
                names.addAll(expressionVariables(value));
                required.put(key, names);
            }
        });
        profiledOnly.stream().filter(k -> k.startsWith("kencom.")).forEach(k -> required.put(k, Set.of(envName(k))));
        return required;
    }

    /**
     * The environment variables that set one of this service's own settings: each {@code kencom.*} key its
     * properties have (in any profile), and each {@code ${VAR:default}} their values name.
     */
    Set<String> ownVariables() {
        Set<String> variables = new TreeSet<>();
        all.forEach((key, value) -> {
            String unprofiled = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (unprofiled.startsWith("kencom.")) {
                variables.add(envName(unprofiled));
            }
            variables.addAll(expressionVariables(value));
        });
        return variables;
    }

    private static Set<String> expressionVariables(String value) {
        Set<String> variables = new TreeSet<>();
        Matcher m = EXPRESSION.matcher(value);
        while (m.find()) {
            variables.add(m.group(1));
        }
        return variables;
    }

    /** MicroProfile Config's mapping of a property name to an environment variable. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private Set<String> channelTopics(String prefix) {
        return production.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith(".topic"))
                .map(Map.Entry::getValue).collect(Collectors.toCollection(TreeSet::new));
    }

    private List<String> list(String key) {
        String value = production.get(key);
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    private static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
