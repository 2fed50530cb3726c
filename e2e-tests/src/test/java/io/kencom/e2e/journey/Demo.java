package io.kencom.e2e.journey;

import io.kencom.e2e.Launcher;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** deploy/local/demo: the journey of JourneyTest against the running local stack, told step by step. */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (!Launcher.allServicesUp()) {
            System.err.println("The local stack is not running: start it with deploy/local/run, then run this again.");
            System.exit(2);
        }
        out.println("kencom onboarding: one journey through the five services of the local stack");
        long start = System.nanoTime();
        try {
            new Journey(out).run();
        } catch (AssertionError | RuntimeException e) {
            out.println("   ✗ " + e.getMessage());
            System.exit(1);
        }
        out.printf("%nDone in %.0f s: every step as expected.%n", (System.nanoTime() - start) / 1e9);
        System.exit(0);
    }
}
