package io.kencom.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the local stack costs while nobody uses it (docs/benchmarks.md): each process's CPU over a window, as a share of one
 * core. Run it against a stack that has been up for a while with no load (the issue: 5 minutes after start).
 * Arguments: the window in seconds (default 120).
 */
public final class IdleCost {

    private IdleCost() {
    }

    public static void main(String[] args) throws InterruptedException {
        Duration window = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 120);
        Map<String, Double> from = CpuTime.snapshot();
        Thread.sleep(window.toMillis());
        Map<String, Double> to = CpuTime.snapshot();
        TreeSet<String> names = new TreeSet<>(to.keySet());
        names.remove("driver");
        double total = 0;
        System.out.printf("idle stack over %d s, %% of one core:%n", window.toSeconds());
        for (String name : names) {
            double share = 100 * (to.get(name) - from.getOrDefault(name, 0.0)) / window.toSeconds();
            total += share;
            System.out.printf("  %-14s %5.1f%n", name, share);
        }
        System.out.printf("  %-14s %5.1f (goal <= 5)%n", "all", total);
    }
}
