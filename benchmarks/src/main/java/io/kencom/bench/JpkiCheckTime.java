package io.kencom.bench;

import io.kencom.ekyc.domain.jpki.JpkiCheck;
import io.kencom.ekyc.domain.jpki.JpkiTrust;
import io.kencom.ekyc.testing.TestJlis;
import io.kencom.local.StandInJlis;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Time of one JPKI check as ekyc-service does it, in-process (docs/ekyc-service.md, JPKI): the certificate parsed, the signature over
 * the nonce verified (RSA 2048), the path to the anchor built and validated with revocation against a CRL of
 * {@code <revoked>} entries. Each check a new card and nonce, as members are. Pin to one core for the goal's "on one
 * core": {@code taskset -c 0 mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.kencom.bench.JpkiCheckTime
 * -Dexec.args="<checks> <revoked>"}. No server needed.
 */
public final class JpkiCheckTime {

    public static void main(String[] args) {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int revoked = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Instant now = Instant.now();
        TestJlis jlis = new TestJlis("Bench J-LIS", now);
        JpkiTrust trust = jlis.trustWithRevoked(revoked);
        int cards = Math.min(50, checks); // key generation is the CA's work, not the check's: a few cards, used in turn
        StandInJlis.Card[] card = new StandInJlis.Card[cards];
        for (int i = 0; i < cards; i++) {
            card[i] = jlis.signingCard("健康　太郎" + i, LocalDate.of(1980, 1, 2));
        }
        byte[][] nonce = new byte[checks + 200][];
        byte[][] signature = new byte[nonce.length][];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = ("nonce-" + i).getBytes(StandardCharsets.UTF_8);
            signature[i] = card[i % cards].sign(nonce[i]);
        }
        System.out.printf("cores available to this JVM: %d; CRL of %,d entries%n",
                Runtime.getRuntime().availableProcessors(), revoked);
        int verified = 0;
        for (int i = 0; i < 200; i++) { // warm-up
            verified += JpkiCheck.verify(card[i % cards].der(), signature[i], nonce[i], trust, now)
                    instanceof JpkiCheck.Verified ? 1 : 0;
        }
        long[] ns = new long[checks];
        long cpuBefore = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
        for (int i = 0; i < checks; i++) {
            int k = 200 + i;
            long t = System.nanoTime();
            verified += JpkiCheck.verify(card[k % cards].der(), signature[k], nonce[k], trust, now)
                    instanceof JpkiCheck.Verified ? 1 : 0;
            ns[i] = System.nanoTime() - t;
        }
        double cpu = (ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() - cpuBefore) / 1e9;
        Arrays.sort(ns);
        System.out.printf("JPKI checks: %d; ms p50 %.2f, p90 %.2f, p99 %.2f, max %.2f; CPU %.2f ms per check; "
                        + "verified %d of %d%n", checks, ns[checks / 2] / 1e6, ns[checks * 9 / 10] / 1e6,
                ns[checks * 99 / 100] / 1e6, ns[checks - 1] / 1e6, cpu * 1e3 / checks, verified, checks + 200);
    }
}
