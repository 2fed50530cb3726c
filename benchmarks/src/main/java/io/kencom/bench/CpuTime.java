package io.kencom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU seconds used so far by each process of the local stack (and this driver), read from /proc. */
final class CpuTime {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    /** Every process the launcher starts carries it (ManagedProcess.marker): services, Keycloak, Kafka, mail. */
    private static final Pattern STACK_MARKER = Pattern.compile("-Dkencom\\.local\\.stack=(\\S+)");

    private CpuTime() {
    }

    static Map<String, Double> snapshot() {
        Map<String, Double> seconds = new TreeMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String line = p.info().commandLine().orElse("");
            Matcher stack = STACK_MARKER.matcher(line);
            String name = p.pid() == ProcessHandle.current().pid() ? "driver"
                    : stack.find() ? stack.group(1).replace("-service", "").replace("insured-", "")
                    : line.contains("postgres") && !line.contains("java") ? "postgres" : null;
            if (name == null) {
                return;
            }
            try {
                String[] f = Files.readString(Path.of("/proc/" + p.pid() + "/stat")).split(" ");
                seconds.merge(name, (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND, Double::sum);
            } catch (Exception ignored) {
                // gone
            }
        });
        return seconds;
    }

    /** Each process's CPU between two snapshots, in {@code unit} (e.g. 1e3 for ms) per item. */
    static String perItem(Map<String, Double> from, Map<String, Double> to, Set<String> names, long count,
            double unit) {
        return String.join("  ", names.stream().map(k -> String.format("%12.1f",
                spent(from, to, k) * unit / count)).toList());
    }

    /** One process's CPU seconds between two snapshots. */
    static double spent(Map<String, Double> from, Map<String, Double> to, String name) {
        return to.getOrDefault(name, 0.0) - from.getOrDefault(name, 0.0);
    }

    static String header(Set<String> names) {
        return String.join("  ", names.stream().map(k -> String.format("%12s", k)).toList());
    }
}
