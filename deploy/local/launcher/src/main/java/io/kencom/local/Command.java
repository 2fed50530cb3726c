package io.kencom.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A short command run to completion (initdb, tar, kafka-storage), as opposed to a server, which is a {@link ManagedProcess}. */
final class Command {

    private Command() {
    }

    /**
     * Runs {@code command} and returns its standard output; fails with its output when it exits non-zero.
     *
     * @param withStderr whether standard error is part of the output (else it is discarded)
     */
    static String run(List<String> command, boolean withStderr) throws IOException {
        return run(command, withStderr, Map.of(), null);
    }

    /** The same, with {@code env} on top of this process's environment and {@code input} (if any) on standard input. */
    static String run(List<String> command, boolean withStderr, Map<String, String> env, String input)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        if (withStderr) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        if (input == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        try {
            Process p = pb.start();
            if (input != null) {
                try (var stdin = p.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
