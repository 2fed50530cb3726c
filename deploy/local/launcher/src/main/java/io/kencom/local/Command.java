package io.kencom.local;

import java.io.IOException;
import java.util.List;

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
        ProcessBuilder pb = new ProcessBuilder(command);
        if (withStderr) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            Process p = pb.start();
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
