package io.kencom.bench;

import io.kencom.ekyc.domain.Challenge;
import io.kencom.ekyc.domain.FaceReading;
import io.kencom.ekyc.infra.OnnxFaceReader;
import io.kencom.ekyc.infra.TesseractDocumentReader;
import io.kencom.ekyc.testing.Cards;
import io.kencom.ekyc.testing.Photos;
import io.kencom.local.Ocr;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Time of one selfie check as ekyc-service does it, in-process (and of reading a document's front by OCR): the selfie's face found and described (detection,
 * landmarks, embedding, pose, liveness), matched against the reference face and judged against a challenge. The face
 * reader runs each model on one thread; pin the JVM to one core to measure the goal's "on one core":
 * {@code taskset -c 0 mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.kencom.bench.FaceCheckTime
 * -Dexec.args="<checks>"}. No server needed.
 */
public final class FaceCheckTime {

    public static void main(String[] args) throws Exception {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        BufferedImage selfie = Photos.load("person-a-webcam-2.jpg");
        BufferedImage reference = Photos.load("person-a-webcam-1.jpg");
        System.out.printf("cores available to this JVM: %d; selfie %dx%d%n", Runtime.getRuntime().availableProcessors(),
                selfie.getWidth(), selfie.getHeight());
        long load = System.nanoTime();
        try (OnnxFaceReader reader = new OnnxFaceReader()) {
            System.out.printf("models loaded in %.0f ms%n", (System.nanoTime() - load) / 1e6);
            FaceReading ref = reader.read(reference).get(0);
            Challenge challenge = new Challenge(Challenge.Turn.LEFT, Challenge.Mouth.CLOSED);
            double sink = 0;
            for (int i = 0; i < 30; i++) {
                sink += reader.read(selfie).get(0).similarity(ref);
            }
            long[] ns = new long[checks];
            long cpuBefore = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
            long wallBefore = System.nanoTime();
            for (int i = 0; i < checks; i++) {
                long t = System.nanoTime();
                FaceReading face = reader.read(selfie).get(0);
                sink += face.similarity(ref) + challenge.judge(ref, face).failed().size();
                ns[i] = System.nanoTime() - t;
            }
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            double cpu = (ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() - cpuBefore) / 1e9;
            Arrays.sort(ns);
            System.out.printf("selfie checks: %d; ms p50 %.1f, p90 %.1f, p99 %.1f, max %.1f; %.1f checks/s; "
                            + "CPU %.1f ms per check (%s)%n", checks, ns[checks / 2] / 1e6, ns[checks * 9 / 10] / 1e6,
                    ns[checks * 99 / 100] / 1e6, ns[checks - 1] / 1e6, checks / wall, cpu * 1e3 / checks,
                    sink > 0 ? "ok" : "?");
        }
        documentReading(Math.max(10, checks / 15));
    }

    /** The front of a drawn card read by Tesseract (once per application, at its front photo). */
    private static void documentReading(int reads) {
        TesseractDocumentReader reader = new TesseractDocumentReader(Ocr.TESSDATA);
        BufferedImage card = Cards.sharp(Photos.portrait("person-a-webcam-1.jpg"));
        reader.read(card);
        long[] ns = new long[reads];
        int read = 0;
        for (int i = 0; i < reads; i++) {
            long t = System.nanoTime();
            read += reader.read(card).birthDate() != null ? 1 : 0;
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        System.out.printf("document readings (OCR, %dx%d card photo): %d; ms p50 %.0f, max %.0f; read %d of %d%n",
                card.getWidth(), card.getHeight(), reads, ns[reads / 2] / 1e6, ns[reads - 1] / 1e6, read, reads);
    }
}
