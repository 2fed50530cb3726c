package io.kencom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Tools the stack or its tests need from Debian's packages (Tesseract for ekyc-service, wrk for a benchmark),
 * installed with apt-get when missing: the machines of this project run as root and reach Debian's registry;
 * elsewhere, install the named packages by hand.
 */
public final class DebianPackages {

    private DebianPackages() {
    }

    /** Installs {@code packages} unless {@code installed}; one installer at a time (a launcher and a test run may both ask). */
    public static void ensure(StackLayout layout, String what, BooleanSupplier installed, List<String> packages) {
        if (installed.getAsBoolean()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(layout.pidDir().resolve(what + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (installed.getAsBoolean()) {
                return;
            }
            // another package's installer (a parallel module's) may hold dpkg's lock: wait for it rather than fail
            List<String> install = new ArrayList<>(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y",
                    "--no-install-recommends"));
            install.addAll(packages);
            try {
                Command.run(install, true);
            } catch (IOException stalePackageLists) {
                Command.run(List.of("apt-get", "update"), true);
                Command.run(install, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + packages + " (install them by hand)", e);
        }
    }
}
