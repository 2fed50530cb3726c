package io.kencom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What ekyc-service reads ID documents with: Tesseract and its Japanese model, and a Japanese font for the tests that
 * draw cards. Debian's packages, installed with apt-get when missing (the machines of this project run as root and
 * reach Debian's registry; elsewhere, install them by hand: the packages are named below).
 */
public final class Ocr {

    public static final String TESSDATA = "/usr/share/tesseract-ocr/5/tessdata";
    static final List<String> PACKAGES = List.of("tesseract-ocr", "tesseract-ocr-jpn", "fonts-ipafont-gothic");

    private Ocr() {
    }

    public static boolean installed() {
        return Files.exists(Path.of(TESSDATA, "jpn.traineddata"))
                && Files.exists(Path.of("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"));
    }

    /** Installs the packages unless present; one installer at a time (a launcher and a test run may both ask). */
    public static void ensure(StackLayout layout) {
        if (installed()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(layout.pidDir().resolve("ocr.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (installed()) {
                return;
            }
            List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
            install.addAll(PACKAGES);
            try {
                Command.run(install, true);
            } catch (IOException stalePackageLists) {
                Command.run(List.of("apt-get", "update"), true);
                Command.run(install, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + PACKAGES + " (install them by hand)", e);
        }
    }
}
