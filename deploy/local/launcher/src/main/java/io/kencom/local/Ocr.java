package io.kencom.local;

import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Installs the packages unless present. */
    public static void ensure(StackLayout layout) {
        DebianPackages.ensure(layout, "ocr", Ocr::installed, PACKAGES);
    }
}
