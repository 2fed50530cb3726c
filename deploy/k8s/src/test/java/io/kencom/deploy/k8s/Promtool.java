package io.kencom.deploy.k8s;

import io.kencom.local.DebianPackages;
import io.kencom.local.StackLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Prometheus' own checker of rules and queries, from Debian's prometheus package (installed when missing). */
final class Promtool {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    /** What a run printed, and how it ended. */
    record Outcome(int exit, String output) {
    }

    private Promtool() {
    }

    static void install() {
        DebianPackages.ensure(StackLayout.find(), "prometheus", () -> Files.isExecutable(PROMTOOL),
                List.of("prometheus"));
    }

    /** {@code promtool args…}, run in {@code dir}. */
    static Outcome run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Outcome(p.waitFor(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
