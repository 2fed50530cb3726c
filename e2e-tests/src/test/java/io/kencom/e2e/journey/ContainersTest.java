package io.kencom.e2e.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import io.kencom.deploy.k8s.Kustomize;
import io.kencom.deploy.k8s.ServiceContainer;
import io.kencom.e2e.Launcher;
import io.kencom.local.ContainerEngine;
import io.kencom.local.ContainerImages;
import io.kencom.local.ManagedProcess;
import io.kencom.local.Net;
import io.kencom.local.ServiceApp;
import io.kencom.local.StandInJlis;
import io.kencom.testsupport.ConsumerLag;
import io.kencom.testsupport.Mailbox;
import io.kencom.testsupport.RealInfrastructure;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The five services as ops receive them: their container images (deploy/images), started by Testcontainers through
 * podman in place of the processes the other classes used — same ports (host network), databases and Kafka groups,
 * so the gateway routes to them — as Kubernetes runs them: user 10001, read-only root filesystem, a tmpfs on /tmp, a
 * memory limit. The journey's spine then runs through them: rosters in, sign-up with the mailed code, PERSONAL, eKYC
 * and the secret question, SENSITIVE. A container killed with SIGKILL starts again and owes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(90)
class ContainersTest {

    private static final String LABEL = "io.kencom.e2e";
    private static final String PASSWORD = "Kusunoki-2026-kencom";
    /** The dev overlay's objects, rendered once (kubectl kustomize deploy/k8s/overlays/dev). */
    private static final List<JsonNode> DEV_OVERLAY = Kustomize.parse(Kustomize.build(
            RealInfrastructure.layout().repoRoot().resolve("deploy/k8s/overlays/dev")));
    private static final Map<ServiceApp, GenericContainer<?>> CONTAINERS = new EnumMap<>(ServiceApp.class);
    /** Per service: the image's size, start to ready, resident memory when ready and after the journey's spine. */
    private static final Map<ServiceApp, String[]> FIGURES = new EnumMap<>(ServiceApp.class);

    @BeforeAll
    static void theServicesInTheirImages() throws Exception {
        Assumptions.assumeTrue(OwnStack.SHARED.started() || !Launcher.allServicesUp(),
                "the services are replaced by their images on the test's own stack: stop deploy/local/run to run this");
        OwnStack.SHARED.stop(); // the processes the classes before used, if any: the images take their place
        OwnStack.infrastructure();
        RealInfrastructure.ocr(); // the Japanese font this test draws the ID cards with (the image has its own OCR)
        RealInfrastructure.ensure(new ContainerEngine(RealInfrastructure.layout()));
        new ContainerImages(RealInfrastructure.layout()).podman("rm", "--force", "--filter", "label=" + LABEL);
        CompletableFuture.allOf(Arrays.stream(ServiceApp.values()).map(s -> CompletableFuture.runAsync(() -> {
            GenericContainer<?> container = container(s);
            long t0 = System.nanoTime();
            container.start();
            synchronized (CONTAINERS) {
                CONTAINERS.put(s, container);
            }
            s.awaitReady(null);
            String ready = String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
            synchronized (FIGURES) {
                FIGURES.put(s, new String[] {imageSize(s), ready, residentMemory(container), "—"});
            }
        })).toArray(CompletableFuture[]::new)).join();
    }

    /**
     * Prints what the containers measured (docs/benchmarks.md, "Container images"): figures, not checks — five
     * containers started side by side on two cores, beside Kafka, Keycloak and the test JVM.
     */
    @AfterAll
    static void stopThem() throws IOException {
        CONTAINERS.forEach((service, container) -> FIGURES.get(service)[3] = residentMemory(container));
        CONTAINERS.values().parallelStream().forEach(GenericContainer::stop);
        CONTAINERS.clear();
        StringBuilder table = new StringBuilder("| image | size | start → ready (five at once) | resident when ready "
                + "| resident after the journey's steps 1–4 |\n|---|---:|---:|---:|---:|\n");
        FIGURES.forEach((service, f) -> table.append("| ").append(service.module()).append(" | ")
                .append(String.join(" | ", f)).append(" |\n"));
        System.out.print(table);
        Files.writeString(RealInfrastructure.layout().repoRoot()
                .resolve("e2e-tests/target/container-figures.md"), table);
    }

    private static String imageSize(ServiceApp service) {
        long bytes = Long.parseLong(new ContainerImages(RealInfrastructure.layout())
                .podman("image", "inspect", "--format", "{{.Size}}", ContainerImages.image(service)).trim());
        return String.format("%.0f MB", bytes / 1e6);
    }

    /** The JVM's resident set, read from /proc on this host (runc: the container's process is one of ours). */
    private static String residentMemory(GenericContainer<?> container) {
        String kib = processStatus(container, "VmRSS:");
        return kib.isEmpty() ? "?" : String.format("%.0f MiB", Long.parseLong(kib.replaceAll("\\D", "")) / 1024.0);
    }

    /** A line of the container's first process's /proc status, without its name; empty when it cannot be read. */
    private static String processStatus(GenericContainer<?> container, String field) {
        long pid = container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec().getState()
                .getPidLong();
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith(field)).map(line -> line.substring(field.length()).strip())
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Test
    @Order(0)
    void every_value_of_this_machine_stands_in_for_a_variable_the_manifests_give() {
        Set<String> given = new TreeSet<>();
        for (ServiceApp service : ServiceApp.values()) {
            given.addAll(ServiceContainer.of(DEV_OVERLAY, service.module()).environment().keySet());
        }
        assertThat(ServiceApp.ACCOUNT.inPlaceOfTheCluster("").keySet())
                .as("ServiceApp.inPlaceOfTheCluster names only variables some manifest gives").isSubsetOf(given);
        assertThat(ServiceApp.UNSET_HERE).as("ServiceApp.UNSET_HERE names only variables some manifest gives")
                .isSubsetOf(given);
    }

    @Test
    @Order(1)
    void each_runs_as_user_10001_on_a_read_only_root_and_answers_ready_and_live() {
        assertThat(CONTAINERS).hasSize(ServiceApp.values().length);
        CONTAINERS.forEach((service, container) -> {
            InspectContainerResponse info = container.getContainerInfo();
            assertThat(processStatus(container, "Uid:")).as(service.module() + "'s JVM: real, effective uid")
                    .startsWith("10001\t10001");
            assertThat(info.getHostConfig().getReadonlyRootfs()).as(service.module()).isTrue();
            assertThat(info.getConfig().getImage()).isEqualTo(ContainerImages.image(service));
            assertThat(Net.status(service.where() + "/q/health/ready")).as(service.module() + " ready").isEqualTo(200);
            assertThat(Net.status(service.where() + "/q/health/live")).as(service.module() + " live").isEqualTo(200);
        });
    }

    @Test
    @Order(2)
    void the_journey_s_spine_runs_through_them() {
        Journey journey = new Journey(System.out);
        journey.rostersArrive();
        journey.membersSignUp();
        journey.personalVerification();
        journey.ekycAndSecretQuestion();
    }

    @Test
    @Order(3)
    void notification_service_killed_with_sigkill_starts_again_and_the_mail_it_owed_arrives_once() throws Exception {
        String run = Journey.digits(6);
        Journey.Group group = new Journey.Group("g-kill-" + run, "キル健康保険組合", Journey.employeeInsurerNumber(),
                "HEALTH_INSURANCE_SOCIETY_OR_COMPANY", "SYMBOL_WITH_HYPHEN_AND_NUMBER", GuideTable.KENPO);
        Journey.defineGroup(Staff.withRole("ops-admin"), group, Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                App.startSignup(group.insurerNumber(), group.category()).extract().statusCode() == 201);
        JsonPath started = App.startSignup(group.insurerNumber(), group.category()).statusCode(201).extract()
                .jsonPath();
        String signup = started.getString("signupId");
        App app = new App("SIGKILL", Mailbox.newAddress("sigkill"), PASSWORD);
        app.credentials(signup, PASSWORD).statusCode(204);
        app.consents(signup, started.getList("consentDocuments")).statusCode(204);

        GenericContainer<?> notification = CONTAINERS.get(ServiceApp.NOTIFICATION);
        DockerClient docker = notification.getDockerClient();
        docker.killContainerCmd(notification.getContainerId()).withSignal("KILL").exec();
        app.sendCode(signup).statusCode(202); // the mail request waits on its topic while nobody sends mail
        docker.startContainerCmd(notification.getContainerId()).exec();
        ServiceApp.NOTIFICATION.awaitReady(null);

        MimeMessage code = Mailbox.awaitMessages(app.email, 1).get(0);
        ConsumerLag.awaitCaughtUp(ServiceApp.NOTIFICATION.module(), Duration.ofMinutes(2));
        Thread.sleep(2_000); // a doubled mail would be on its way by now (FaultsTest waits the same)
        assertThat(Mailbox.messagesFor(app.email)).as("the code mail, once").hasSize(1);
        app.enterCode(signup, App.codeIn(code)).statusCode(201);
    }

    /**
     * The image as the dev overlay runs it (deploy/k8s's ServiceContainer): the manifests' environment with this
     * machine's values in place of the cluster's (ServiceApp.inPlaceOfTheCluster), their user, read-only root,
     * emptyDirs (here tmpfs) and memory limit, no capabilities, no privilege escalation.
     */
    private static GenericContainer<?> container(ServiceApp service) {
        ServiceContainer manifest = ServiceContainer.of(DEV_OVERLAY, service.module());
        String jpki = RealInfrastructure.layout().stateDir().resolve("jpki").toString();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(ContainerImages.image(service)))
                .withNetworkMode("host")
                .withEnv(environment(service, manifest))
                .withLabel(LABEL, service.module())
                .withLogConsumer(frame -> appendLog(service, frame.getUtf8String()))
                .withFileSystemBind(jpki, jpki, BindMode.READ_ONLY)
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withUser(manifest.user());
                    cmd.getHostConfig().withReadonlyRootfs(manifest.readOnlyRoot())
                            .withMemory(manifest.memoryLimitBytes())
                            .withCapDrop(Capability.ALL)
                            .withSecurityOpts(List.of("no-new-privileges"));
                })
                .waitingFor(Wait.forLogMessage(".*started in.*", 1).withStartupTimeout(Duration.ofMinutes(4)));
        manifest.emptyDirs().forEach((path, sizeLimit) -> container.withTmpFs(Map.of(path,
                "rw,size=" + sizeLimit.replace("Mi", "m").replace("Gi", "g"))));
        return container;
    }

    /**
     * Every variable the manifests give the service, with this machine's value where the manifests' names the
     * cluster, but those this machine leaves unset (TLS, and keys it has no value for); and what this machine adds
     * beyond them: ekyc-service's stand-in J-LIS (production names its own), the roster consumers' quick look for new
     * insurer topics (as OwnStack gives it), a test run's JIT.
     */
    static Map<String, String> environment(ServiceApp service, ServiceContainer manifest) {
        Map<String, String> here = service.inPlaceOfTheCluster(RealInfrastructure.kafka().bootstrapServers());
        Map<String, String> env = new TreeMap<>();
        manifest.environment().values().stream().filter(v -> !ServiceApp.UNSET_HERE.contains(v.name()))
                .forEach(variable -> {
            String value = here.containsKey(variable.name()) ? here.get(variable.name()) : variable.value();
            if (value == null) {
                throw new IllegalStateException(service.module() + ": the manifests give " + variable.name()
                        + " from the Secret " + variable.secret() + ", and ServiceApp.inPlaceOfTheCluster has no value");
            }
            env.put(variable.name(), value);
        });
        Map<String, String> beyond = new TreeMap<>();
        if (service == ServiceApp.EKYC) {
            StandInJlis.ekycConfig(RealInfrastructure.layout()).forEach((key, value) -> beyond.put(envName(key), value));
        }
        if (service == ServiceApp.INSURED_VERIFICATION) {
            beyond.put("MP_MESSAGING_INCOMING_ROSTER_METADATA_MAX_AGE_MS", "1000");
        }
        List<String> jit = ManagedProcess.testJvmOptions();
        if (!jit.isEmpty()) {
            // the JIT of every JVM a test run starts (docs/decisions.md §15); the image itself keeps the default
            beyond.put("JAVA_TOOL_OPTIONS", String.join(" ", jit));
        }
        assertThat(beyond.keySet()).as("added to the manifests, not in place of theirs").doesNotContainAnyElementsOf(env.keySet());
        env.putAll(beyond);
        return env;
    }

    /** Each container's output, in e2e-tests/target/containers/ (what a failed start said). */
    private static void appendLog(ServiceApp service, String text) {
        Path log = RealInfrastructure.layout().repoRoot().resolve("e2e-tests/target/containers/" + service.module() + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MicroProfile Config's name for a property in the environment: kencom.secret-key is KENCOM_SECRET_KEY. */
    private static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
