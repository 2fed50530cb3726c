package io.kencom.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The figures the reliability tests measure (the bad-input campaign, the access matrix, the faults, the sweeps),
 * written in one file of the run, {@code target/reliability-report.md} at the repository's root, for
 * docs/reliability.md to quote from a fresh clone's run. {@code .ci/run} starts it empty; the modules' test JVMs add to
 * it side by side, a line each.
 */
public final class RunReport {

    public static final String FILE = "target/reliability-report.md";

    private RunReport() {
    }

    /** One finding or figure of {@code part} ("§1 bad input", say), as one line. */
    public static synchronized void add(String part, String line) {
        Path file = RealInfrastructure.layout().repoRoot().resolve(FILE);
        String entry = "- " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + part + ": "
                + line.replace('\n', ' ') + "\n";
        try {
            Files.createDirectories(file.getParent());
            // One write per line, appended: the modules' JVMs add to the file at the same time.
            Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
