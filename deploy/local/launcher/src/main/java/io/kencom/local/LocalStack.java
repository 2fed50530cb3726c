package io.kencom.local;

import io.kencom.contracts.Topic;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/local/run}: starts what is missing of PostgreSQL, Kafka, Keycloak and SMTP, creates the databases
 * and topics, starts the five services and the gateway in front of them, and prints where each one is. Ctrl-C stops what this run started (and what
 * a crashed earlier run left behind); servers it found running it leaves alone.
 */
public final class LocalStack {

    private final StackLayout layout;
    private final List<ManagedProcess> started = Collections.synchronizedList(new ArrayList<>());

    private LocalStack(StackLayout layout) {
        this.layout = layout;
    }

    public static void main(String[] args) throws Exception {
        StackLayout layout = StackLayout.find();
        Path lockFile = layout.stateDir().resolve("launcher.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                System.out.println("The local stack is already running (launcher pid "
                        + Files.readString(layout.stateDir().resolve("launcher.pid")).trim() + "). Its services:");
                printTable();
                return;
            }
            Files.writeString(layout.stateDir().resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));
            new LocalStack(layout).run();
        }
    }

    private void run() throws InterruptedException {
        long t0 = System.nanoTime();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            installOcr();
            ensure(new Postgres());
            Postgres.createDatabases(ServiceApp.databases());
            // Keycloak takes longest: it starts while the rest comes up.
            CompletableFuture<Void> keycloak = CompletableFuture.runAsync(() -> ensure(new Keycloak()));
            CompletableFuture<Void> smtp = CompletableFuture.runAsync(() -> ensure(MailServer.LOCAL));
            CompletableFuture<Void> gateway = CompletableFuture.runAsync(() -> ensure(Gateway.LOCAL));
            ensure(KafkaBroker.LOCAL);
            KafkaBroker.LOCAL.prepare(layout, Arrays.asList(Topic.values()));
            smtp.join();
            StandInJlis.of(layout); // before the parallel starts: see StandInJlis.ensureFiles
            CompletableFuture.allOf(Arrays.stream(ServiceApp.values())
                    .map(s -> CompletableFuture.runAsync(() -> ensure(s)))
                    .toArray(CompletableFuture[]::new)).join();
            keycloak.join();
            gateway.join();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("local stack: " + cause.getMessage());
            System.exit(1);
        }
        System.out.printf("%nAll up in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
        printTable();
        System.out.println("\nLogs in " + layout.logDir() + ". Ctrl-C stops what this run started ("
                + started.size() + " processes).");
        stopped.await();
    }

    /** Without OCR the stack still runs: ekyc-service then reads nothing and sends every application to review. */
    private void installOcr() {
        try {
            Ocr.ensure(layout);
        } catch (RuntimeException e) {
            System.err.println("local stack: OCR not installed, eKYC applications will all go to review: "
                    + e.getMessage());
        }
    }

    private void ensure(Server server) {
        long t0 = System.nanoTime();
        Optional<ManagedProcess> process = Server.ensure(layout, server);
        process.ifPresent(started::add);
        System.out.printf("  %-30s %s (%s, %.1f s)%n", server.id(), server.where(),
                process.map(p -> (p.adopted() ? "adopted pid " : "pid ") + p.pid()).orElse("already running"), (System.nanoTime() - t0) / 1e9);
    }

    private void stopAll() {
        List<ManagedProcess> toStop = new ArrayList<>(started);
        Collections.reverse(toStop);
        // Services first, then the infrastructure they use.
        toStop.sort((a, b) -> Boolean.compare(isInfra(a), isInfra(b)));
        if (!toStop.isEmpty()) {
            System.out.println("\nStopping " + toStop.size() + " processes...");
        }
        toStop.parallelStream().filter(p -> !isInfra(p)).forEach(p -> p.stop(Duration.ofSeconds(15)));
        toStop.parallelStream().filter(LocalStack::isInfra).forEach(p -> {
            // a server another live process leases (tests beside this run: the fault campaign) is left to it
            if (ManagedProcess.leasedByOthers(layout, p.name(), ProcessHandle.current().pid(), Duration.ZERO)) {
                p.release();
            } else {
                p.stop(Duration.ofSeconds(15));
            }
        });
    }

    private static boolean isInfra(ManagedProcess p) {
        return Arrays.stream(ServiceApp.values()).noneMatch(s -> s.id().equals(p.name()));
    }

    private static void printTable() {
        System.out.println();
        System.out.printf("  %-30s %-24s %s%n", "service", "url", "ready");
        for (ServiceApp s : ServiceApp.values()) {
            System.out.printf("  %-30s %-24s %s%n", s.id(), s.where(),
                    Net.status(s.where() + "/q/health/ready") == 200 ? "UP (swagger: /q/swagger-ui)" : "DOWN");
        }
        System.out.printf("  %-30s %s%n", "gateway (the app's one door)", Gateway.publicUrl()
                + (Net.listening(Gateway.PUBLIC_PORT) ? "" : " DOWN"));
        System.out.printf("  %-30s %s%n", "  its merged API document", Gateway.publicUrl() + "/openapi/kencom-app.json");
        System.out.printf("  %-30s %s%n", "staff gateway", Gateway.internalUrl());
        System.out.printf("  %-30s %s%n", "keycloak", Keycloak.realmUrl());
        System.out.printf("  %-30s %s%n", "kafka", KafkaBroker.LOCAL.bootstrapServers());
        System.out.printf("  %-30s smtp 127.0.0.1:%d, read mail at %s/user/{address}/messages/%n", "smtp",
                MailServer.SMTP_PORT, MailServer.apiUrl());
    }
}
