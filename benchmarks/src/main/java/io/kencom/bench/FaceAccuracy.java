package io.kencom.bench;

import io.kencom.ekyc.domain.FaceMatch;
import io.kencom.ekyc.domain.FaceReading;
import io.kencom.ekyc.infra.Images;
import io.kencom.ekyc.infra.OnnxFaceReader;
import io.kencom.ekyc.testing.FaceLines;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * How well ekyc-service's face reader tells people apart, on labelled photos: a folder per person, photos inside
 * ({@code <faces.dir>/<person>/<photo>}, as Labeled Faces in the Wild is laid out). People are split into a tuning part
 * and a held-out part by a digest of their folder's name (stable, never tuned on). On the tuning part it picks the
 * refusal line (the lowest cosine at which at most 0.1 % of different-person pairs still reach it) and the approval
 * line (the highest at which at most 5 % of same-person pairs fall below it); on the held-out part it reports the rates
 * at those lines, the ROC points and the worst pairs. Each photo goes through the service's own decoding
 * ({@link Images#read}) and reader, on this JVM's cores: pin it with {@code taskset -c 0} for "one core".
 * <pre>
 * mvn -q install -DskipTests -pl benchmarks -am
 * taskset -c 0 mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.kencom.bench.FaceAccuracy -Dfaces.dir=/path/to/faces
 * </pre>
 */
public final class FaceAccuracy {

    private static final double GOAL_FMR = 0.001;
    private static final double GOAL_FNMR = 0.05;
    private static final int MAX_DIFFERENT_PAIRS = 200_000;
    private static final int TIMED_PHOTOS = 200;

    record Photo(String person, Path file, FaceReading face) {
    }

    record Pair(Photo a, Photo b, double score) {

        boolean same() {
            return a.person.equals(b.person);
        }
    }

    public static void main(String[] args) throws Exception {
        String faces = System.getProperty("faces.dir");
        if (faces == null) {
            System.err.println("-Dfaces.dir=<folder of labelled photos, a folder per person> is required: no labelled "
                    + "set can be fetched from the package registries (docs/benchmarks.md)");
            System.exit(2);
        }
        Path dir = Path.of(faces);
        double heldOutShare = Double.parseDouble(System.getProperty("faces.held-out", "0.5"));
        Map<String, List<Path>> people = people(dir);
        System.out.printf("faces.dir %s: %d people, %d photos%n", dir, people.size(),
                people.values().stream().mapToInt(List::size).sum());
        List<Photo> tuning = new ArrayList<>();
        List<Photo> heldOut = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        long[] ns;
        try (OnnxFaceReader reader = new OnnxFaceReader()) {
            for (Map.Entry<String, List<Path>> person : people.entrySet()) {
                boolean held = share(person.getKey()) < heldOutShare;
                for (Path file : person.getValue()) {
                    FaceReading face = read(reader, file, null);
                    if (face == null) {
                        unread.add(dir.relativize(file).toString());
                    } else {
                        (held ? heldOut : tuning).add(new Photo(person.getKey(), file, face));
                    }
                }
            }
            // Timed apart, after the pass above warmed the JIT: up to 200 photos, each read three times.
            List<Path> timed = people.values().stream().flatMap(List::stream).limit(TIMED_PHOTOS).toList();
            List<Long> times = new ArrayList<>();
            for (int pass = 0; pass < 3; pass++) {
                for (Path file : timed) {
                    read(reader, file, times);
                }
            }
            ns = times.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf("no face found in %d photos%s%n", unread.size(), unread.isEmpty() ? "" : ": " + unread);
        System.out.printf("face reading per photo (detect, landmarks, embedding, pose, liveness; %d reads): ms p50 "
                + "%.1f, p99 %.1f, max %.1f; cores %d%n", ns.length, ns[ns.length / 2] / 1e6,
                ns[ns.length * 99 / 100] / 1e6, ns[ns.length - 1] / 1e6, Runtime.getRuntime().availableProcessors());

        List<Pair> tune = pairs(tuning);
        List<Pair> test = pairs(heldOut);
        double refusal = refusalLine(tune);
        double approval = approvalLine(tune);
        System.out.printf("%ntuning part: %s%nheld-out part: %s%n", count(tune), count(test));
        System.out.printf("held-out cosine: %s%n", spread(test));
        System.out.println("\nROC (held-out): cosine t, false-match rate (different people at or above t), "
                + "false non-match rate (same person below t)");
        for (int i = -2; i <= 9; i++) {
            double t = i / 10.0;
            System.out.printf("  %5.2f  FMR %7.3f %%  FNMR %7.3f %%%n", t, 100 * fmr(test, t), 100 * fnmr(test, t));
        }
        FaceMatch.Lines lines = FaceLines.configured();
        System.out.printf("%nheld-out at the service's lines: FMR %.3f %% at the refusal line %.2f, FNMR %.2f %% at the "
                + "approval line %.2f%n", 100 * fmr(test, lines.differentBelow()), lines.differentBelow(),
                100 * fnmr(test, lines.sameAt()), lines.sameAt());
        if (tune.isEmpty()) {
            System.out.println("no tuning part (faces.held-out=1): no lines chosen");
            worst(test);
            return;
        }
        System.out.printf("chosen on the tuning part: kencom.ekyc.face.different-below=%.2f, "
                + "kencom.ekyc.face.same-at=%.2f%n", refusal, approval);
        double testFmr = fmr(test, refusal);
        double testFnmr = fnmr(test, approval);
        long same = test.stream().filter(Pair::same).count();
        long different = test.size() - same;
        // Rule of three: with no error in n pairs, the rate is below 3/n at 95 % confidence; fewer pairs cannot tell.
        boolean enough = different >= 3 / GOAL_FMR && same >= 3 / GOAL_FNMR && tune.size() - tune.stream()
                .filter(Pair::same).count() >= 3 / GOAL_FMR;
        boolean met = testFmr <= GOAL_FMR && testFnmr <= GOAL_FNMR && approval >= refusal;
        System.out.printf("held-out: FMR at the refusal line %.3f %% (goal ≤ %.1f %%), FNMR at the approval line "
                + "%.2f %% (goal ≤ %.0f %%), lines in order: %s -> goal %s%n", 100 * testFmr, 100 * GOAL_FMR,
                100 * testFnmr, 100 * GOAL_FNMR, approval >= refusal, !met ? "NOT MET"
                        : enough ? "MET" : String.format("CANNOT TELL (each part needs ≥ %.0f different-person and "
                                + "the held-out ≥ %.0f same-person pairs)", 3 / GOAL_FMR, 3 / GOAL_FNMR));
        worst(test);
    }

    static Map<String, List<Path>> people(Path dir) throws IOException {
        Map<String, List<Path>> people = new TreeMap<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> photos = files.filter(f -> f.getFileName().toString().toLowerCase()
                            .matches(".*\\.(jpe?g|png)")).sorted().toList();
                    if (!photos.isEmpty()) {
                        people.put(folder.getFileName().toString(), photos);
                    }
                }
            }
        }
        return people;
    }

    /**
     * The largest face of the photo, as the service would read it; null when it finds none or refuses the photo. The
     * time the face reader took (not the decoding) is added to {@code readTimes} when given.
     */
    private static FaceReading read(OnnxFaceReader reader, Path file, List<Long> readTimes) throws IOException {
        try {
            BufferedImage pixels = Images.read(Files.readAllBytes(file)).pixels();
            long t = System.nanoTime();
            List<FaceReading> faces = reader.read(pixels);
            if (readTimes != null) {
                readTimes.add(System.nanoTime() - t);
            }
            return faces.isEmpty() ? null : faces.get(0);
        } catch (Images.Refused e) {
            return null;
        }
    }

    /** Where a person falls in [0, 1): the first bytes of the SHA-256 of their name, so the split never moves. */
    static double share(String person) throws NoSuchAlgorithmException {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(person.getBytes(StandardCharsets.UTF_8));
        return ((d[0] & 0xff) << 8 | (d[1] & 0xff)) / 65536.0;
    }

    /** Every same-person pair, and every different-person pair up to a cap (a seeded sample beyond it). */
    static List<Pair> pairs(List<Photo> photos) {
        List<Pair> pairs = new ArrayList<>();
        List<Photo[]> different = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            for (int j = i + 1; j < photos.size(); j++) {
                Photo a = photos.get(i);
                Photo b = photos.get(j);
                if (a.person.equals(b.person)) {
                    pairs.add(new Pair(a, b, a.face.similarity(b.face)));
                } else {
                    different.add(new Photo[] { a, b });
                }
            }
        }
        if (different.size() > MAX_DIFFERENT_PAIRS) {
            Collections.shuffle(different, new Random(22));
            different = different.subList(0, MAX_DIFFERENT_PAIRS);
        }
        for (Photo[] d : different) {
            pairs.add(new Pair(d[0], d[1], d[0].face.similarity(d[1].face)));
        }
        return pairs;
    }

    /** The lowest line (in steps of 0.01) at which at most 0.1 % of different-person pairs score at or above it. */
    static double refusalLine(List<Pair> pairs) {
        for (int i = -100; i <= 100; i++) {
            if (fmr(pairs, i / 100.0) <= GOAL_FMR) {
                return i / 100.0;
            }
        }
        return 1;
    }

    /** The highest line (in steps of 0.01) below which at most 5 % of same-person pairs fall. */
    static double approvalLine(List<Pair> pairs) {
        for (int i = 100; i >= -100; i--) {
            if (fnmr(pairs, i / 100.0) <= GOAL_FNMR) {
                return i / 100.0;
            }
        }
        return -1;
    }

    static double fmr(List<Pair> pairs, double line) {
        long different = pairs.stream().filter(p -> !p.same()).count();
        return different == 0 ? 0 : pairs.stream().filter(p -> !p.same() && p.score >= line).count()
                / (double) different;
    }

    static double fnmr(List<Pair> pairs, double line) {
        long same = pairs.stream().filter(Pair::same).count();
        return same == 0 ? 0 : pairs.stream().filter(p -> p.same() && p.score < line).count() / (double) same;
    }

    private static String count(List<Pair> pairs) {
        long same = pairs.stream().filter(Pair::same).count();
        return same + " same-person pairs, " + (pairs.size() - same) + " different-person pairs";
    }

    /** Mean and spread of each kind, and d' (their distance in pooled standard deviations): one number per model. */
    private static String spread(List<Pair> pairs) {
        DoubleSummaryStatistics same = pairs.stream().filter(Pair::same).mapToDouble(Pair::score).summaryStatistics();
        DoubleSummaryStatistics diff = pairs.stream().filter(p -> !p.same()).mapToDouble(Pair::score)
                .summaryStatistics();
        double sameSd = sd(pairs, true, same.getAverage());
        double diffSd = sd(pairs, false, diff.getAverage());
        return String.format("same person %.3f ± %.3f (min %.3f), different people %.3f ± %.3f (max %.3f), d' %.2f",
                same.getAverage(), sameSd, same.getMin(), diff.getAverage(), diffSd, diff.getMax(),
                (same.getAverage() - diff.getAverage()) / Math.sqrt((sameSd * sameSd + diffSd * diffSd) / 2));
    }

    private static double sd(List<Pair> pairs, boolean same, double mean) {
        return Math.sqrt(pairs.stream().filter(p -> p.same() == same)
                .mapToDouble(p -> (p.score - mean) * (p.score - mean)).average().orElse(0));
    }

    private static void worst(List<Pair> pairs) {
        System.out.println("\nlowest same-person pairs (held-out):");
        pairs.stream().filter(Pair::same).sorted(Comparator.comparingDouble(Pair::score)).limit(10)
                .forEach(FaceAccuracy::print);
        System.out.println("highest different-person pairs (held-out):");
        pairs.stream().filter(p -> !p.same()).sorted(Comparator.comparingDouble(Pair::score).reversed()).limit(5)
                .forEach(FaceAccuracy::print);
    }

    private static void print(Pair p) {
        System.out.printf("  %.3f  %s/%s (face %dpx) ~ %s/%s (face %dpx)%n", p.score, p.a.person,
                p.a.file.getFileName(), p.a.face.box().height(), p.b.person, p.b.file.getFileName(),
                p.b.face.box().height());
    }
}
