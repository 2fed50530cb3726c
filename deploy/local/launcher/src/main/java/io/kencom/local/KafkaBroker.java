package io.kencom.local;

import io.kencom.contracts.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run from the Maven Central
 * artifacts whose classpath deploy/local/servers wrote. Data under {@code .local-stack/<name>/}.
 * <p>
 * As in production, no client is anonymous: every connection authenticates with SCRAM-SHA-512 as a principal of
 * its own, and the broker's authorizer allows each exactly the ACLs of its KafkaUser in deploy/k8s (through
 * {@link StackLayout#kafkaAclsFile()}). {@link #ADMIN} is the one super user, for the launcher, test tools and benchmarks.
 */
public final class KafkaBroker implements Server {

    /** The stack's broker. */
    public static final KafkaBroker LOCAL = new KafkaBroker("kafka", 19092, 19093);

    /** The super user: creates topics, principals and ACLs; reads and writes anything. Never a service's. */
    public static final String ADMIN = "kencom-admin";
    public static final String MECHANISM = ScramMechanism.SCRAM_SHA_512.mechanismName();
    /** Written beside the data once it was formatted with {@link #ADMIN}'s credentials: older data is formatted anew. */
    private static final String SECURED_MARKER = "scram-sha-512";

    private final String name;
    private final int port;
    private final int controllerPort;

    public KafkaBroker(String name, int port, int controllerPort) {
        this.name = name;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    @Override
    public String id() {
        return name;
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return Net.HOST + ":" + port;
    }

    @Override
    public boolean up() {
        return Net.listening(port);
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        String classpath = readClasspath(layout);
        Path home = StackLayout.dir(layout.stateDir().resolve(name));
        Path logDirs = home.resolve("data");
        Path config = home.resolve("server.properties");
        try {
            String admin = credentials(ScramLoginModule.class, ADMIN);
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@" + Net.HOST + ":" + controllerPort,
                    "listeners=SASL_PLAINTEXT://" + Net.HOST + ":" + port + ",CONTROLLER://" + Net.HOST + ":"
                            + controllerPort,
                    "advertised.listeners=SASL_PLAINTEXT://" + Net.HOST + ":" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=SASL_PLAINTEXT",
                    "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                    "sasl.enabled.mechanisms=" + MECHANISM,
                    "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
                    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + admin,
                    // The controller's own listener: PLAIN, since SCRAM credentials live in the metadata it serves.
                    "sasl.mechanism.controller.protocol=PLAIN",
                    "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                    "listener.name.controller.plain.sasl.jaas.config=" + credentials(PlainLoginModule.class, ADMIN)
                            .replace(";", " user_" + ADMIN + "=\"" + password(ADMIN) + "\";"),
                    "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                    "super.users=User:" + ADMIN,
                    "log.dirs=" + logDirs,
                    "num.partitions=1",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false",
                    "") );
            Path secured = home.resolve("secured");
            if (!Files.exists(secured) || !Files.readString(secured).equals(SECURED_MARKER)) {
                StackLayout.deleteTree(logDirs); // data of a broker without principals: its topics are made again
            }
            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                format(classpath, config, layout);
                Files.writeString(secured, SECURED_MARKER);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare Kafka in " + home, e);
        }
        List<String> command = new ArrayList<>(List.of(ManagedProcess.java(), "-Xms256m", "-Xmx512m",
                ManagedProcess.marker(name)));
        command.addAll(ManagedProcess.testJvmOptions());
        command.addAll(List.of("-cp", classpath, "kafka.Kafka", config.toString()));
        return ManagedProcess.start(layout, name, command, home, Map.of());
    }

    @Override
    public void awaitReady(ManagedProcess process) {
        Net.await("Kafka on " + bootstrapServers(), Duration.ofSeconds(60), process, () -> {
            if (!Net.listening(port)) {
                return false;
            }
            try (Admin admin = admin()) {
                return !admin.describeCluster().nodes().get().isEmpty();
            }
        });
    }

    @Override
    public String where() {
        return bootstrapServers();
    }

    /**
     * Makes the broker what the stack needs: the topics of the topic table that do not exist yet (of a topic per
     * insurer, the topic of each insurer feed that the ACLs name), and every principal of
     * {@link StackLayout#kafkaAclsFile()} with its SCRAM credentials and its ACLs (all idempotent).
     */
    public void prepare(StackLayout layout, Collection<Topic> topics) {
        List<KafkaAcls.Grant> grants = KafkaAcls.read(layout.kafkaAclsFile());
        try (Admin admin = admin()) {
            Map<String, Topic> wanted = new LinkedHashMap<>();
            for (Topic t : topics) {
                if (!t.perInsurer()) {
                    wanted.put(t.topicName(), t);
                }
                grants.stream().filter(g -> g.resourceType() == ResourceType.TOPIC
                                && g.patternType() == PatternType.LITERAL && t.insurerOf(g.resourceName()).isPresent())
                        .forEach(g -> wanted.put(g.resourceName(), t));
            }
            createTopics(admin, wanted);
            Set<String> principals = new TreeSet<>();
            grants.forEach(g -> principals.add(g.principal()));
            await(admin.alterUserScramCredentials(principals.stream().<UserScramCredentialAlteration>map(
                    principal -> new UserScramCredentialUpsertion(principal,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(principal)))
                    .toList()).all(), "create the principals", null);
            await(admin.createAcls(grants.stream().map(KafkaAcls.Grant::binding).toList()).all(), "create the ACLs",
                    null);
        }
    }

    /**
     * Creates the topics of {@code wanted} (name → the topic table's entry whose settings it takes) that do not exist
     * yet: answers those it created.
     */
    public static Set<String> createTopics(Admin admin, Map<String, Topic> wanted) {
        Set<String> created = new TreeSet<>();
        admin.createTopics(wanted.entrySet().stream().map(e -> new NewTopic(e.getKey(), e.getValue().partitions(),
                (short) 1).configs(e.getValue().config())).toList()).values().forEach((topic, future) -> {
                    if (await(future, "create topic " + topic, TopicExistsException.class)) {
                        created.add(topic);
                    }
                });
        return created;
    }

    /** The administrator's client: {@link #ADMIN}'s credentials. */
    public Admin admin() {
        Properties p = new Properties();
        p.putAll(clientConfig(ADMIN));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(p);
    }

    /** What a client of this broker needs to connect as {@code principal}: where, and its SCRAM credentials. */
    public Map<String, Object> clientConfig(String principal) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, scramJaasConfig(principal));
    }

    /**
     * A principal's password on a local broker: known to anyone with the repository, like the realm's local client
     * secrets, and never used beyond this machine (in Kubernetes the User Operator makes and keeps them).
     */
    public static String password(String principal) {
        return principal + "-local-secret";
    }

    /** A service's SCRAM login to this broker, as its Kafka clients configure it. */
    public static String scramJaasConfig(String principal) {
        return credentials(ScramLoginModule.class, principal);
    }

    private static String credentials(Class<?> loginModule, String principal) {
        return loginModule.getName() + " required username=\"" + principal + "\" password=\"" + password(principal)
                + "\";";
    }

    /** Waits for {@code future}: true when it succeeded, false when it failed with {@code fine}. */
    private static boolean await(KafkaFuture<?> future, String what,
            Class<? extends Exception> fine) {
        try {
            future.get();
            return true;
        } catch (ExecutionException e) {
            if (fine == null || !fine.isInstance(e.getCause())) {
                throw new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readClasspath(StackLayout layout) {
        try {
            return Files.readString(layout.server("kafka.classpath")).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Kafka classpath", e);
        }
    }

    private void format(String classpath, Path config, StackLayout layout) throws IOException {
        String clusterId = runTool(classpath, List.of("random-uuid")).trim();
        runTool(classpath, List.of("format", "-t", clusterId, "-c", config.toString(), "--add-scram",
                MECHANISM + "=[name=" + ADMIN + ",password=" + password(ADMIN) + "]"));
    }

    private static String runTool(String classpath, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.java(), "-cp", classpath, "kafka.tools.StorageTool"));
        command.addAll(args);
        return Command.run(command, false);
    }
}
