package io.kencom.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server process this launcher started (or adopted after a crash of an earlier launcher), known by its process
 * id. Its pid file lets the next launcher find it; stopping it stops its whole process tree.
 */
public final class ManagedProcess {

    private final String name;
    private final ProcessHandle handle;
    private final Path pidFile;
    private final Path log;
    private final boolean adopted;

    private ManagedProcess(String name, ProcessHandle handle, Path pidFile, Path log, boolean adopted) {
        this.name = name;
        this.handle = handle;
        this.pidFile = pidFile;
        this.log = log;
        this.adopted = adopted;
    }

    /** Starts {@code command} with its output in {@code logs/<name>.log} and records its pid. */
    public static ManagedProcess start(StackLayout layout, String name, List<String> command, Path workDir,
            Map<String, String> env) {
        Path log = layout.logDir().resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            Path pidFile = layout.pidDir().resolve(name + ".pid");
            // The owner's pid too: a process whose owner still runs is that owner's to stop, not ours to adopt.
            Files.writeString(pidFile, p.pid() + " " + ProcessHandle.current().pid());
            return new ManagedProcess(name, p.toHandle(), pidFile, log, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The process an earlier launcher (or test run) started under this name and that still runs though its owner
     * is gone (crashed or killed): taken over so that this launcher stops it in turn.
     */
    public static Optional<ManagedProcess> adopt(StackLayout layout, String name) {
        Path pidFile = layout.pidDir().resolve(name + ".pid");
        Path log = layout.logDir().resolve(name + ".log");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String[] pids = Files.readString(pidFile).trim().split(" ");
            long pid = Long.parseLong(pids[0]);
            if (pids.length > 1 && alive(Long.parseLong(pids[1]))) {
                return Optional.empty();
            }
            Optional<ProcessHandle> handle = running(layout, name);
            if (handle.isEmpty()) {
                Files.deleteIfExists(pidFile);
            }
            if (handle.isPresent()) {
                Files.writeString(pidFile, pid + " " + ProcessHandle.current().pid());
            }
            return handle.map(h -> new ManagedProcess(name, h, pidFile, log, true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Gives the process up without stopping it: its pid file no longer names an owner, so the next launcher (or test
     * JVM) adopts it as if this one had crashed, and stops it in turn.
     */
    public void release() {
        try {
            Files.writeString(pidFile, Long.toString(handle.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + name, e);
        }
    }

    /**
     * Marks that this JVM uses {@code name}'s process though another, still running, owns it (two modules' tests side
     * by side, {@code mvn -T}): no {@link Reaper} stops it while a user is alive. A lease is a file
     * {@code <name>.lease-<pid>} beside the pid file; a dead user's lease counts for nothing, but for the linger after
     * its end ({@link #endUse}).
     */
    public static void lease(StackLayout layout, String name) {
        try {
            Files.writeString(leaseFile(layout, name, ProcessHandle.current().pid()), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lease " + name, e);
        }
    }

    /**
     * At this JVM's end: a lease dated now of every server it owns or leases, so that a server outlives its last
     * user by the linger, not its first (the reaper of a JVM that ended earlier would otherwise stop a server a
     * module used until a moment ago, and the next module would start it again).
     */
    static void endUse(StackLayout layout) {
        long me = ProcessHandle.current().pid();
        try (Stream<Path> files = Files.list(layout.pidDir())) {
            for (Path pidFile : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
                Path lease = leaseFile(layout, name, me);
                if (owner(layout, name).orElse(-1) == me || Files.exists(lease)) {
                    Files.writeString(lease, "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot date the leases of " + me, e);
        }
    }

    /**
     * Whether a process other than {@code except} that leased {@code name}'s process still runs, or ended less than
     * {@code linger} ago (its lease's time, {@link #endUse}); the leases of the others go.
     */
    public static boolean leasedByOthers(StackLayout layout, String name, long except, Duration linger) {
        String prefix = name + ".lease-";
        Instant endedSince = Instant.now().minus(linger);
        try (Stream<Path> files = Files.list(layout.pidDir())) {
            boolean leased = false;
            for (Path lease : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                long user = Long.parseLong(lease.getFileName().toString().substring(prefix.length()));
                if (user != except && (alive(user) || datedAfter(lease, endedSince))) {
                    leased = true;
                } else {
                    Files.deleteIfExists(lease);
                }
            }
            return leased;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean datedAfter(Path lease, Instant since) throws IOException {
        return Files.getLastModifiedTime(lease).toInstant().isAfter(since);
    }

    private static Path leaseFile(StackLayout layout, String name, long user) {
        return layout.pidDir().resolve(name + ".lease-" + user);
    }

    /** Whether the process {@code pid} (an owner or a user named in a file here) still runs. */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The pid of the process that owns {@code name}'s process, as its pid file says; empty when none is named. */
    public static OptionalLong owner(StackLayout layout, String name) {
        try {
            String[] pids = Files.readString(layout.pidDir().resolve(name + ".pid")).trim().split(" ");
            return pids.length > 1 ? OptionalLong.of(Long.parseLong(pids[1])) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The running process of this stack's {@code name}, whoever started it: to signal, not to own. */
    public static Optional<ProcessHandle> running(StackLayout layout, String name) {
        try {
            Path pidFile = layout.pidDir().resolve(name + ".pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim().split(" ")[0]);
            // The pid may have been reused by an unrelated process since: only a process that carries our marker.
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> carriesMarker(h, name));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The system property that marks a process as this stack's {@code name}: see {@link #adopt}. */
    public static String marker(String name) {
        return "-Dkencom.local.stack=" + name;
    }

    private static boolean carriesMarker(ProcessHandle h, String name) {
        return Stream.concat(Stream.of(h), h.descendants())
                .map(ManagedProcess::commandLine)
                .anyMatch(line -> line.contains("kencom.local.stack=" + name));
    }

    /**
     * The command line as /proc holds it, where there is one: nginx writes its title over its arguments (the
     * gateway's "nginx: master process … -g …"), which the JDK then reads as no arguments at all.
     */
    private static String commandLine(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return h.info().commandLine().orElse("");
        }
    }

    public String name() {
        return name;
    }

    /** Whether this process was taken over from a run that is gone, rather than started by this one. */
    public boolean adopted() {
        return adopted;
    }

    public long pid() {
        return handle.pid();
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return handle.isAlive();
    }

    /** SIGTERM to the tree, then SIGKILL to whatever is left after the grace period. */
    public void stop(Duration grace) {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        forgetPid();
    }

    /** SIGKILL to the tree, as a crash or an OOM kill would end it: no shutdown of its own. */
    public void kill() {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(h -> h.onExit().join());
        forgetPid();
    }

    /**
     * SIGSTOP to the tree for {@code frozen}, then SIGCONT: the process keeps its sockets open and answers nothing, as
     * a hung server or a paused VM does.
     */
    public void freeze(Duration frozen) throws InterruptedException {
        signal("STOP");
        try {
            Thread.sleep(frozen.toMillis());
        } finally {
            signal("CONT");
        }
    }

    private void signal(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        tree().forEach(h -> command.add(Long.toString(h.pid())));
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The process and its descendants, the process first. */
    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
        tree.add(0, handle);
        return tree;
    }

    private void forgetPid() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked for liveness on the next start
        }
    }

    /** The java executable running this launcher, for child JVMs. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The system property naming the JVM options of what a test run starts: see {@link #testJvmOptions()}. */
    public static final String TEST_JVM_OPTIONS = "kencom.test.server-jvm-options";

    /**
     * JVM options for the servers and services a test run starts (Kafka, Keycloak, the five services — by a test or
     * by the launcher a test runs — and the benchmarks' smoke drivers), from the system property
     * {@value #TEST_JVM_OPTIONS} that Surefire sets: C1 alone, as for the test JVMs themselves, since each lives a
     * run of minutes there. Empty for deploy/local/run, which keeps each one's defaults (benchmarks measure those).
     */
    public static List<String> testJvmOptions() {
        String options = System.getProperty(TEST_JVM_OPTIONS, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }
}
