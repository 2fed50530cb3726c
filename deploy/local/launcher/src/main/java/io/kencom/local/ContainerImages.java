package io.kencom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The five services as container images, made on this machine with podman and nothing from a registry: a base of
 * Debian's packages (only their files: glibc, zlib, libstdc++, tzdata, by {@code mmdebstrap --variant=extract} from
 * the machine's own apt sources) with a Java runtime cut by jlink to the modules the services use; ekyc-service's
 * base adds Tesseract's libraries and Japanese model the same way; each service's Dockerfile puts its Quarkus
 * application on top. A base is named by a digest of what goes into it, so it is made once per machine and reused
 * until its recipe changes. docs/decisions.md §18.
 */
public final class ContainerImages {

    /** The tag the dev overlay deploys ({@code images:} in deploy/k8s/overlays/dev), which the build makes. */
    public static final String TAG = "dev";
    static final String CONTAINERS_CONF = "deploy/docker/containers.conf";

    /** Debian's packages under every service: what libjvm and the JDK's own libraries link against, and time zones. */
    static final List<String> BASE_PACKAGES = List.of("libc6", "libgcc-s1", "libstdc++6", "zlib1g", "tzdata",
            "netbase");
    /**
     * ekyc-service's on top: Tesseract and its Japanese model, the image codecs the JDK's ImageIO links against, and
     * the libraries of Debian's essential set that Tesseract's own need (an extract assumes those installed).
     */
    public static final List<String> OCR_PACKAGES = List.of("libtesseract5", "tesseract-ocr-jpn", "libjpeg62-turbo",
            "libpng16-16", "liblcms2-2", "libgomp1", "liblzma5", "libbz2-1.0", "libcom-err2", "libkeyutils1");
    /**
     * The JDK's modules the services' libraries use (java.desktop for ImageIO, java.security.sasl for Kafka's SCRAM,
     * java.sql for JDBC, jdk.unsupported for Netty, jdk.crypto.ec for TLS…), chosen by hand: a missing one shows in
     * ContainersTest, which runs the journey's spine through the images.
     */
    static final List<String> MODULES = List.of("java.base", "java.compiler", "java.datatransfer", "java.desktop",
            "java.instrument", "java.logging", "java.management", "java.naming", "java.net.http", "java.prefs",
            "java.rmi", "java.scripting", "java.security.jgss", "java.security.sasl", "java.sql",
            "java.transaction.xa", "java.xml", "jdk.charsets", "jdk.crypto.cryptoki", "jdk.crypto.ec",
            "jdk.localedata", "jdk.management", "jdk.naming.dns", "jdk.net", "jdk.unsupported", "jdk.zipfs");
    /** The user the services run as (the manifests' runAsUser). */
    static final int UID = 10001;
    /** Part of each base's name with the lists above: raise it when the way a base is made changes. */
    static final String RECIPE = "4";

    private final StackLayout layout;

    public ContainerImages(StackLayout layout) {
        this.layout = layout;
    }

    /**
     * {@code deploy/images}' build step: the bases when missing, then the five service images; with {@code bases},
     * {@code deploy/image-bases}' step: the bases alone, ahead of the services' builds.
     */
    public static void main(String[] args) {
        ContainerImages images = new ContainerImages(StackLayout.find());
        long t0 = System.nanoTime();
        if (List.of(args).contains("bases")) {
            images.ocrBase(); // and the shared base under it
            System.out.printf("container images: the bases ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            return;
        }
        for (ServiceApp service : ServiceApp.values()) {
            images.build(service);
        }
        images.prune();
        System.out.printf("container images: the five built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    public static String image(ServiceApp service) {
        return "localhost/kencom/" + service.module() + ":" + TAG;
    }

    /** Builds {@code service}'s image from its module's Dockerfile on its base. */
    public void build(ServiceApp service) {
        String base = service == ServiceApp.EKYC ? ocrBase() : base();
        Path module = layout.repoRoot().resolve(service.module());
        podman("build", "-q", "-f", "src/main/docker/Dockerfile", "--build-arg", "BASE=" + base,
                "--label", "org.opencontainers.image.revision=" + revision(), "-t", image(service), module.toString());
    }

    /**
     * Removes what earlier builds left on this machine: each service's images that a rebuild untagged, then the bases
     * of an earlier recipe (one still under a container is kept).
     */
    public void prune() {
        for (ServiceApp service : ServiceApp.values()) {
            podman("image", "prune", "--force", "--filter", "label=org.opencontainers.image.title=" + service.module());
        }
        List<String> current = List.of(base(), ocrBase());
        for (String image : podman("images", "--format", "{{.Repository}}:{{.Tag}}").lines().toList()) {
            if (image.matches("localhost/kencom/jvm(-ocr)?:.*") && !current.contains(image)) {
                try {
                    Command.run(podmanCommand("rmi", image), true, env(), null);
                } catch (IOException inUse) {
                    // a container made from it still exists: it goes with the next build after that one
                }
            }
        }
    }

    /** The shared base, made when missing: {@code localhost/kencom/jvm:<digest of its recipe>}. */
    public String base() {
        String tag = "localhost/kencom/jvm:" + digest(BASE_PACKAGES, MODULES, List.of(Runtime.version().toString(),
                Integer.toString(UID), RECIPE));
        if (!exists(tag)) {
            Path work = workDir("base");
            Path root = work.resolve("root");
            extract(BASE_PACKAGES, root);
            jlink(root.resolve("opt/java"));
            StackLayout.dir(root.resolve("deployments"));
            StackLayout.dir(root.resolve("tmp")).toFile().setWritable(true, false);
            write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                    + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
                    + "kencom:x:" + UID + ":" + UID + ":kencom:/deployments:/usr/sbin/nologin\n");
            write(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\nkencom:x:" + UID + ":\n");
            run(List.of("tar", "-C", root.toString(), "-cf", work.resolve("root.tar").toString(), "."), Map.of(), null);
            podman("import", "--change", "USER=" + UID + ":" + UID, "--change", "WORKDIR=/deployments",
                    "--change", "ENV=JAVA_HOME=/opt/java", "--change", "ENV=PATH=/opt/java/bin:/usr/bin:/bin",
                    work.resolve("root.tar").toString(), tag);
        }
        return tag;
    }

    /** ekyc-service's base: the shared one and Tesseract's files, {@code localhost/kencom/jvm-ocr:<digest>}. */
    public String ocrBase() {
        String base = base();
        String tag = "localhost/kencom/jvm-ocr:" + digest(List.of(base, RECIPE), OCR_PACKAGES);
        if (!exists(tag)) {
            Path work = workDir("ocr");
            extract(OCR_PACKAGES, work.resolve("root"));
            // /lib too: an extract keeps Debian's split of /lib and /usr (liblzma5 and others live in /lib)
            run(List.of("tar", "-C", work.resolve("root").toString(), "-cf", work.resolve("ocr.tar").toString(),
                    "./usr", "./lib"), Map.of(), null);
            write(work.resolve("Containerfile"), "FROM " + base + "\nADD ocr.tar /\n");
            podman("build", "-q", "-f", work.resolve("Containerfile").toString(), "-t", tag, work.toString());
        }
        return tag;
    }

    private void extract(List<String> packages, Path root) {
        ensureTools();
        List<String> command = new ArrayList<>(List.of("mmdebstrap", "--variant=extract", "--quiet",
                "--include=" + String.join(",", packages),
                "--dpkgopt=path-exclude=/usr/share/doc/*", "--dpkgopt=path-exclude=/usr/share/man/*",
                "--dpkgopt=path-exclude=/usr/share/locale/*", suite(), root.toString(), "-"));
        // the machine's own apt sources on standard input: no mirror is named here
        run(command, Map.of(), aptSources());
    }

    private void jlink(Path output) {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        run(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES), "--include-locales=en,ja",
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2",
                // the JDK's default class-data archive, which a JDK ships and jlink leaves out unless asked
                "--generate-cds-archive", "--output", output.toString()),
                Map.of(), null);
        try {
            // the archive for heaps without compressed pointers (over 32 GB), which no service has
            Files.delete(output.resolve("lib/server/classes_nocoops.jsa"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean exists(String tag) {
        ensureTools();
        try {
            Command.run(podmanCommand("image", "exists", tag), true, env(), null);
            return true;
        } catch (IOException notThere) {
            return false;
        }
    }

    /** Runs podman with this machine's settings; its output. */
    public String podman(String... args) {
        ensureTools();
        return run(podmanCommand(args), env(), null);
    }

    private static String run(List<String> command, Map<String, String> env, String input) {
        try {
            return Command.run(command, true, env, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> podmanCommand(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return command;
    }

    /** podman's settings for these machines (runc, cgroupfs, no default ulimits), from the repository. */
    public Map<String, String> env() {
        return Map.of("CONTAINERS_CONF", layout.repoRoot().resolve(CONTAINERS_CONF).toString());
    }

    /** podman, runc and mmdebstrap, from Debian's packages when missing. */
    public void ensureTools() {
        DebianPackages.ensure(layout, "containers", () -> Files.isExecutable(Path.of("/usr/bin/podman"))
                && Files.isExecutable(Path.of("/usr/bin/mmdebstrap")), List.of("podman", "runc", "mmdebstrap"));
    }

    private String aptSources() {
        try {
            Path deb822 = Path.of("/etc/apt/sources.list.d/debian.sources");
            return Files.exists(deb822) ? Files.readString(deb822) : Files.readString(Path.of("/etc/apt/sources.list"));
        } catch (IOException e) {
            throw new UncheckedIOException("no apt sources on this machine", e);
        }
    }

    /** The machine's own Debian release, which its apt sources serve. */
    private static String suite() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("VERSION_CODENAME=")) {
                    return line.substring("VERSION_CODENAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // below
        }
        return "bookworm";
    }

    private String revision() {
        try {
            return run(List.of("git", "-C", layout.repoRoot().toString(), "rev-parse", "HEAD"), Map.of(), null).trim();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private Path workDir(String name) {
        Path dir = layout.stateDir().resolve("images").resolve(name);
        try {
            StackLayout.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return StackLayout.dir(dir);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SafeVarargs
    private static String digest(List<String>... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (List<String> part : parts) {
                sha.update(String.join(",", part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) ';');
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
