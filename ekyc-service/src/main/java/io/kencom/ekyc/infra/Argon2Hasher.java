package io.kencom.ekyc.infra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) from Bouncy Castle for secret answers: memory-hard, so a stolen table does not let a GPU try the
 * few thousand likely answers (a school's name) cheaply. Parameters per OWASP's minimum (19 MiB, 2 passes, 1 lane);
 * they travel in the stored string, so raising them later keeps old hashes readable.
 */
public final class Argon2Hasher {

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Argon2Hasher() {
    }

    /** {@code argon2id$m$t$p$salt$hash} (base64). */
    public static String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(secret, salt, MEMORY_KIB, ITERATIONS, LANES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "argon2id$" + MEMORY_KIB + "$" + ITERATIONS + "$" + LANES + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash);
    }

    public static boolean matches(String secret, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !parts[0].equals("argon2id")) {
            throw new IllegalArgumentException("not an argon2id hash");
        }
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] expected = Base64.getDecoder().decode(parts[5]);
        byte[] actual = derive(secret, salt, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String secret, byte[] salt, int memoryKib, int iterations, int lanes) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(lanes).build());
        byte[] out = new byte[HASH_BYTES];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
