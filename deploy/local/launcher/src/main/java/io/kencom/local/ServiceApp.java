package io.kencom.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The five services of docs/architecture.md, each a Quarkus app on its own port with its own database. */
public enum ServiceApp implements Server {

    ACCOUNT("account-service", 8081, "account"),
    INSURED_VERIFICATION("insured-verification-service", 8082, "insured_verification"),
    EKYC("ekyc-service", 8083, "ekyc"),
    ENTITLEMENT("entitlement-service", 8084, "entitlement"),
    NOTIFICATION("notification-service", 8085, "notification");

    /** The services' master key on this machine only (the same as their %dev/%test one); never a production key. */
    static final String LOCAL_SECRET_KEY = "NK2pvCd9wTgP/VLQQUVNNFFCr/jrkVbFhxoq9rOPXYs=";
    /** One person-reference key for the whole stack, as production's one shared secret (crypto.PersonReferences). */
    static final String LOCAL_PERSON_REF_KEY = "wp9nAQzv0jd+Dm+23q1u2HXF8/CLdU9p5OQ+utJd4a4=";

    /**
     * A second set of the five services beside the first on this machine, named by the system property
     * {@code kencom.stack.instance} (the fault campaign's, while the journey runs on the first): its own ports (1000
     * up), databases ({@code account_faults}), process names and logs. Unset: the local stack's own.
     */
    private static final String INSTANCE = System.getProperty("kencom.stack.instance", "");
    private static final int INSTANCE_PORT_OFFSET = 1000;
    private static final int SECOND_PORT_OFFSET = 200;

    private final String module;
    private final int port;
    private final String database;

    ServiceApp(String module, int port, String database) {
        this.module = module;
        this.port = port;
        this.database = database;
    }

    public String module() {
        return module;
    }

    /** Whether these are the stack's own services, the ones its gateway routes to (not a second set's). */
    public static boolean behindTheGateway() {
        return INSTANCE.isEmpty();
    }

    public int port() {
        return INSTANCE.isEmpty() ? port : port + INSTANCE_PORT_OFFSET;
    }

    /** The database of the running app; its tests use {@link #testDatabase()}, so they never touch this one. */
    public String database() {
        return INSTANCE.isEmpty() ? database : database + "_" + INSTANCE;
    }

    public String testDatabase() {
        return database + "_test";
    }

    public static List<String> databases() {
        return Arrays.stream(values()).map(ServiceApp::database).toList();
    }

    @Override
    public String id() {
        return INSTANCE.isEmpty() ? module : module + "-" + INSTANCE;
    }

    @Override
    public boolean up() {
        return Net.listening(port());
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        return start(layout, List.of());
    }

    /** With system properties of the caller's on top, e.g. a test's SMTP port ({@code -Dkencom.smtp.port=…}). */
    public ManagedProcess start(StackLayout layout, List<String> properties) {
        return start(layout, id(), properties);
    }

    /**
     * A second instance beside the running one, as a Deployment's second replica is: the same database and consumer
     * groups, its own HTTP port (200 up from the first's) and name ({@code <id>-2}: its log and pid file). Returns
     * once it is ready (killed if it never is).
     */
    public ManagedProcess startSecond(StackLayout layout, List<String> properties) {
        int httpPort = port() + SECOND_PORT_OFFSET;
        List<String> withPort = new ArrayList<>(properties);
        withPort.add("-Dquarkus.http.port=" + httpPort);
        ManagedProcess process = start(layout, id() + "-2", withPort);
        try {
            awaitReady(id() + "-2", process, httpPort);
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
        return process;
    }

    private ManagedProcess start(StackLayout layout, String name, List<String> properties) {
        Path jar = layout.repoRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (deploy/local/run does `mvn package`)");
        }
        // dev-like defaults: plain-text logs to the log file, the local stack's servers (the app's %prod config).
        List<String> command = new ArrayList<>(List.of(ManagedProcess.java(), "-Xmx512m",
                ManagedProcess.marker(name), "-Dquarkus.log.console.json.enabled=false"));
        localConfig(layout).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(ManagedProcess.testJvmOptions());
        if (!INSTANCE.isEmpty()) {
            command.add("-Dquarkus.http.port=" + port());
            command.add("-Dquarkus.datasource.reactive.url=" + Postgres.reactiveUrl(database()));
            command.add("-Dquarkus.datasource.jdbc.url=" + Postgres.jdbcUrl(database()));
        }
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        return ManagedProcess.start(layout, name, command, layout.repoRoot().resolve(module), Map.of());
    }

    /**
     * What this machine gives the service beyond its %prod configuration, whether it runs as a process or in its
     * container image: the local keys, and ekyc-service's stand-in J-LIS (so the journey can verify a member by a My
     * Number card, JPKI).
     */
    public Map<String, String> localConfig(StackLayout layout) {
        Map<String, String> config = new TreeMap<>(Map.of("kencom.secret-key", LOCAL_SECRET_KEY,
                "kencom.person-ref-key", LOCAL_PERSON_REF_KEY));
        if (this == EKYC) {
            StandInJlis.ensureFiles(layout);
            config.putAll(StandInJlis.ekycConfig(layout));
        }
        return config;
    }

    /**
     * The variables of the Kubernetes manifests this machine leaves unset when it runs a service's image: the TLS
     * settings (the local stack speaks plain TCP on loopback), and what it has no value for, as its own processes have
     * none: no database password (trust authentication), no previous key (no rotation under way), no lookup key (the
     * master key derives it), no mail relay login, no trace collector.
     */
    public static final Set<String> UNSET_HERE = Set.of(
            "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM",
            "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM", "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS",
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "KAFKA_SSL_TRUSTSTORE_TYPE",
            "QUARKUS_OIDC_TLS_TLS_CONFIGURATION_NAME", "QUARKUS_KEYCLOAK_ADMIN_CLIENT_TLS_CONFIGURATION_NAME",
            "QUARKUS_TLS_KEYCLOAK_TRUST_STORE_PEM_CERTS",
            "QUARKUS_DATASOURCE_PASSWORD", "KENCOM_SECRET_KEY_PREVIOUS", "KENCOM_LOOKUP_KEY",
            "KENCOM_SMTP_USERNAME", "KENCOM_SMTP_PASSWORD", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");

    /**
     * This machine's value for each variable of the Kubernetes manifests that names the cluster, for the service's
     * image run here (deploy/k8s's ServiceContainer reads the manifests' variables): where the database, Kafka,
     * Keycloak and the mail relay are, and the local keys in place of the Secrets. Every variable neither named here
     * nor {@link #UNSET_HERE} keeps the manifests' own value.
     */
    public Map<String, String> inPlaceOfTheCluster(String kafkaBootstrapServers) {
        Map<String, String> values = new TreeMap<>();
        values.put("QUARKUS_HTTP_PORT", Integer.toString(port())); // on the host's network, each on its own port
        values.put("QUARKUS_DATASOURCE_REACTIVE_URL", Postgres.reactiveUrl(database()));
        values.put("QUARKUS_DATASOURCE_JDBC_URL", Postgres.jdbcUrl(database()));
        values.put("QUARKUS_DATASOURCE_USERNAME", Postgres.USER);
        values.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        values.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"); // the same SCRAM principals, without TLS
        values.put("KAFKA_SASL_JAAS_CONFIG", KafkaBroker.scramJaasConfig(module));
        values.put("QUARKUS_OIDC_AUTH_SERVER_URL", Keycloak.realmUrl());
        values.put("QUARKUS_OIDC_TOKEN_ISSUER", Keycloak.realmUrl());
        values.put("QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL", Keycloak.url());
        values.put("KEYCLOAK_SERVICES_SECRET", Keycloak.SERVICES_SECRET);
        values.put("KENCOM_SECRET_KEY", LOCAL_SECRET_KEY);
        values.put("KENCOM_PERSON_REF_KEY", LOCAL_PERSON_REF_KEY);
        values.put("KENCOM_SMTP_HOST", Net.HOST);
        values.put("KENCOM_SMTP_PORT", Integer.toString(MailServer.SMTP_PORT));
        values.put("KENCOM_SMTP_START_TLS", "DISABLED");
        values.put("KENCOM_SMTP_LOGIN", "DISABLED");
        values.put("QUARKUS_OTEL_SDK_DISABLED", "true"); // no trace collector on this machine
        return values;
    }

    @Override
    public void awaitReady(ManagedProcess process) {
        awaitReady(module, process, port());
    }

    private static void awaitReady(String what, ManagedProcess process, int httpPort) {
        Net.await(what, Duration.ofSeconds(90), process,
                () -> Net.status("http://" + Net.HOST + ":" + httpPort + "/q/health/ready") == 200);
    }

    @Override
    public String where() {
        return "http://" + Net.HOST + ":" + port();
    }
}
