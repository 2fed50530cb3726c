package io.kencom.local;

import io.kencom.contracts.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run from the Maven Central
 * artifacts whose classpath deploy/local/servers wrote. Data under {@code .local-stack/<name>/}.
 */
public final class KafkaBroker implements Server {

    /** The stack's broker. */
    public static final KafkaBroker LOCAL = new KafkaBroker("kafka", 19092, 19093);

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
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@" + Net.HOST + ":" + controllerPort,
                    "listeners=PLAINTEXT://" + Net.HOST + ":" + port + ",CONTROLLER://" + Net.HOST + ":" + controllerPort,
                    "advertised.listeners=PLAINTEXT://" + Net.HOST + ":" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + logDirs,
                    "num.partitions=1",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=true",
                    "") );
            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                format(classpath, config, layout);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare Kafka in " + home, e);
        }
        return ManagedProcess.start(layout, name, List.of(ManagedProcess.java(), "-Xms256m", "-Xmx512m",
                ManagedProcess.marker(name), "-cp", classpath, "kafka.Kafka", config.toString()), home, Map.of());
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

    /** Creates the topics that do not exist yet, as the topic table says. */
    public void createTopics(Collection<Topic> topics) {
        try (Admin admin = admin()) {
            List<NewTopic> wanted = new ArrayList<>();
            for (Topic t : topics) {
                wanted.add(new NewTopic(t.topicName(), t.partitions(), (short) 1).configs(t.config()));
            }
            admin.createTopics(wanted).values().forEach((topic, future) -> {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(p);
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
        runTool(classpath, List.of("format", "-t", clusterId, "-c", config.toString()));
    }

    private static String runTool(String classpath, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.java(), "-cp", classpath, "kafka.tools.StorageTool"));
        command.addAll(args);
        return Command.run(command, false);
    }
}
