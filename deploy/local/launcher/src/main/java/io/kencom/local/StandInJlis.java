package io.kencom.local;

import io.kencom.contracts.model.JpkiProfile;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA standing in for J-LIS (地方公共団体情報システム機構) wherever the real one cannot be: a root, an intermediate that
 * issues the cards' certificates, holder certificates of the JPKI profile (the basic four items as otherNames of the
 * subjectAltName, JpkiProfile), the user-authentication kind without them, and CRLs. RSA 2048 and SHA-256, as JPKI
 * uses. Made afresh in unit tests; the local stack and the service tests share one kept in the stack's state
 * directory ({@link #of(StackLayout)}), whose files ekyc-service is configured with, and whose keys the journey uses
 * to issue a member's card. Never a production trust anchor: production configures J-LIS's own certificates.
 */
public class StandInJlis {

    /** Made on first use only: {@link #ensureFiles} must not initialise the JDK's security providers. */
    private static final class Serials {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    public final Instant now;
    private final KeyPair rootKeys;
    private final KeyPair caKeys;
    public final X509Certificate root;
    public final X509Certificate ca;

    public StandInJlis(String name, Instant now) {
        this.now = now;
        this.rootKeys = keys();
        this.caKeys = keys();
        X500Name rootName = new X500Name("CN=" + name + " Root,O=JPKI,C=JP");
        this.root = issue(rootName, rootKeys, rootName, rootKeys.getPrivate(), true, null,
                now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(3650)), KeyUsage.keyCertSign | KeyUsage.cRLSign);
        this.ca = issue(new X500Name("CN=" + name + " Signing CA,O=JPKI,C=JP"), caKeys, rootName,
                rootKeys.getPrivate(), true, null, now.minus(Duration.ofDays(1000)), now.plus(Duration.ofDays(1000)),
                KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    protected StandInJlis(StandInJlis other) {
        this.now = other.now;
        this.rootKeys = other.rootKeys;
        this.caKeys = other.caKeys;
        this.root = other.root;
        this.ca = other.ca;
    }

    private StandInJlis(KeyPair rootKeys, X509Certificate root, KeyPair caKeys, X509Certificate ca, Instant now) {
        this.now = now;
        this.rootKeys = rootKeys;
        this.caKeys = caKeys;
        this.root = root;
        this.ca = ca;
    }

    /** A card: its key pair and its certificate. */
    public record Card(KeyPair keys, X509Certificate certificate) {

        /** The card's signature over {@code nonce} (what the app has the card compute over NFC). */
        public byte[] sign(byte[] nonce) {
            return StandInJlis.sign(keys.getPrivate(), nonce);
        }

        public byte[] der() {
            try {
                return certificate.getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A signing certificate (署名用) of a holder, valid a year either side of now. */
    public Card signingCard(String name, LocalDate birthDate) {
        return signingCard(name, birthDate, "00000");
    }

    /** One whose name uses substitute characters where {@code nameSubstitutes} is not 0 (氏名代替文字). */
    public Card signingCard(String name, LocalDate birthDate, String nameSubstitutes) {
        return card(name, birthDate, nameSubstitutes, now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(365)),
                KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }

    public Card card(String name, LocalDate birthDate, Instant from, Instant to, int keyUsage) {
        return card(name, birthDate, "00000", from, to, keyUsage);
    }

    private Card card(String name, LocalDate birthDate, String nameSubstitutes, Instant from, Instant to,
            int keyUsage) {
        KeyPair keys = CardKeys.next();
        GeneralNames holder = name == null ? null : new GeneralNames(new GeneralName[] {
                otherName(JpkiProfile.NAME, name),
                otherName(JpkiProfile.NAME_SUBSTITUTES, nameSubstitutes),
                otherName(JpkiProfile.SEX, "1"),
                otherName(JpkiProfile.BIRTH_DATE, "1" + birthDate.toString().replace("-", "")),
                otherName(JpkiProfile.ADDRESS, "東京都千代田区霞が関２－１－２"),
                otherName(JpkiProfile.ADDRESS_SUBSTITUTES, "0000000000000000000000")});
        return new Card(keys, issue(new X500Name("CN=JPKI card,OU=JPKI,C=JP"), keys,
                caName(), caKeys.getPrivate(), false, holder, from, to, keyUsage));
    }

    /** The user-authentication certificate (利用者証明用): no name, no birth date. */
    public Card authenticationCard() {
        return card(null, null, now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(365)),
                KeyUsage.digitalSignature);
    }

    /** The cards' CA's CRL, its nextUpdate an hour ago: what a cache holds when the distribution point is down. */
    public X509CRL staleCrl() {
        return crl(caName(), caKeys.getPrivate(), now.minus(Duration.ofHours(25)), now.minus(Duration.ofHours(1)));
    }

    public X509CRL rootCrl() {
        return crl(rootName(), rootKeys.getPrivate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    /** The cards' CA's CRL, fresh for 23 hours from now, listing {@code revoked}. */
    public X509CRL caCrl(X509Certificate... revoked) {
        return crl(caName(), caKeys.getPrivate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(23)),
                revoked);
    }

    /** The cards' CA's CRL, fresh, listing {@code entries} revoked serials of nobody here (a real CRL's size). */
    public X509CRL caCrlOfSize(int entries) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(caName(), Date.from(now.minus(Duration.ofHours(1))));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(23))));
            for (int i = 0; i < entries; i++) {
                builder.addCRLEntry(BigInteger.valueOf(10_000_000L + i), Date.from(now.minus(Duration.ofDays(1))),
                        CRLReason.superseded);
            }
            return new JcaX509CRLConverter().getCRL(builder.build(signer(caKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM of certificates, as ops put J-LIS's into a ConfigMap. */
    public static String pem(X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                pem.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return pem.toString();
    }

    // --- the one kept for the local stack and the service tests ---

    /**
     * The stack's stand-in J-LIS, made on first use and kept in {@code .local-stack/jpki} (keys included: it is no
     * secret of anyone's), with CRLs written afresh (a week long) each time it is opened, so a long-lived stack's
     * checks do not go stale.
     */
    public static StandInJlis of(StackLayout layout) {
        Path dir = StackLayout.dir(layout.stateDir().resolve("jpki"));
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            Instant now = Instant.now();
            StandInJlis jlis;
            if (Files.exists(dir.resolve("ca.key"))) {
                jlis = new StandInJlis(readKeys(dir, "root"), readCertificate(dir.resolve("root.pem")),
                        readKeys(dir, "ca"), readCertificate(dir.resolve("ca.pem")), now);
            } else {
                jlis = new StandInJlis("Local stand-in J-LIS", now);
                write(dir.resolve("root.pem"), pem(jlis.root));
                write(dir.resolve("ca.pem"), pem(jlis.ca));
                write(dir.resolve("root.key"), pem("PRIVATE KEY", jlis.rootKeys.getPrivate().getEncoded()));
                write(dir.resolve("ca.key"), pem("PRIVATE KEY", jlis.caKeys.getPrivate().getEncoded()));
            }
            Duration week = Duration.ofDays(7);
            writeBytes(dir.resolve("root.crl"), jlis.crl(jlis.rootName(), jlis.rootKeys.getPrivate(),
                    now.minus(Duration.ofHours(1)), now.plus(week)).getEncoded());
            writeBytes(dir.resolve("ca.crl"), jlis.crl(jlis.caName(), jlis.caKeys.getPrivate(),
                    now.minus(Duration.ofHours(1)), now.plus(week)).getEncoded());
            return jlis;
        } catch (IOException | CRLException e) {
            throw new IllegalStateException("the stand-in J-LIS in " + dir + " cannot be made or read", e);
        }
    }

    /**
     * The files of {@link #of}, made or refreshed only when missing or their CRLs are over a day old; otherwise
     * nothing is read and no crypto runs. The launcher refreshes them with {@link #of} on its main thread first, so
     * that its parallel service starts do no key or certificate work: with that work in one start thread, a launcher
     * hung with every start thread stuck (a JourneyTest launcher on 2026-12-02; no thread dump was kept).
     */
    public static void ensureFiles(StackLayout layout) {
        Path crl = layout.stateDir().resolve("jpki").resolve("ca.crl");
        try {
            if (Files.exists(crl) && Files.getLastModifiedTime(crl).toInstant()
                    .isAfter(Instant.now().minus(Duration.ofDays(1)))) {
                return;
            }
        } catch (IOException e) {
            // made anew below
        }
        of(layout);
    }

    /** ekyc-service's configuration for the stand-in J-LIS of {@link #of}: its anchor, its CA and their CRLs. */
    public static Map<String, String> ekycConfig(StackLayout layout) {
        Path dir = layout.stateDir().resolve("jpki");
        return Map.of("kencom.jpki.trust-anchors", dir.resolve("root.pem").toString(),
                "kencom.jpki.ca-certificates", dir.resolve("ca.pem").toString(),
                "kencom.jpki.crl-locations", dir.resolve("ca.crl").toUri() + "," + dir.resolve("root.crl").toUri());
    }

    private static KeyPair readKeys(Path dir, String name) throws IOException {
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(dir.resolve(name + ".key"))
                    .replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new KeyPair(readCertificate(dir.resolve(name + ".pem")).getPublicKey(), key);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException(e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        writeBytes(file, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whole or not at all: a reader never sees half a file. */
    private static void writeBytes(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.write(file.resolveSibling(file.getFileName() + ".tmp"), bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private X500Name rootName() {
        return X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
    }

    private X500Name caName() {
        return X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    }

    private X509CRL crl(X500Name issuer, PrivateKey key, Instant thisUpdate, Instant nextUpdate,
            X509Certificate... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate r : revoked) {
                builder.addCRLEntry(r.getSerialNumber(), Date.from(thisUpdate), CRLReason.superseded);
            }
            return new JcaX509CRLConverter().getCRL(builder.build(signer(key)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issue(X500Name subject, KeyPair subjectKeys, X500Name issuer,
            PrivateKey issuerKey, boolean ca, GeneralNames holder, Instant from, Instant to, int keyUsage) {
        try {
            // Random serials: the kept CA issues across many runs, and a serial names one certificate on a CRL.
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, Serials.RANDOM),
                    Date.from(from), Date.from(to), subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (holder != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, holder);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GeneralName otherName(String oid, String value) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1ObjectIdentifier(oid));
        v.add(new DERTaggedObject(true, 0, new DERUTF8String(value)));
        return new GeneralName(GeneralName.otherName, new DERSequence(v));
    }

    private static ContentSigner signer(PrivateKey key) throws Exception {
        return new JcaContentSignerBuilder("SHA256withRSA").build(key);
    }

    static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The cards' key pairs, made ahead of time (their primes in stand-in-card-primes.txt beside this class), each
     * handed out once per JVM, then made afresh: an RSA 2048 key pair costs ≈ 0.6 s of CPU on the C1-only JVMs of a
     * test run (docs/decisions.md §15), and what a card needs of its key is that it is its own, not that it is secret.
     * The CAs' keys are always made afresh: an impostor J-LIS must never share the stack's.
     */
    static final class CardKeys {
        private static final Deque<KeyPair> MADE_AHEAD = read();

        static synchronized KeyPair next() {
            KeyPair keys = MADE_AHEAD.poll();
            return keys != null ? keys : keys();
        }

        static int madeAhead() {
            return MADE_AHEAD.size();
        }

        static Deque<KeyPair> read() {
            Deque<KeyPair> pairs = new ArrayDeque<>();
            try (InputStream in = StandInJlis.class.getResourceAsStream("stand-in-card-primes.txt")) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                BigInteger exponent = RSAKeyGenParameterSpec.F4;
                for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] primes = line.strip().split(" ");
                    BigInteger p = new BigInteger(primes[0], 16);
                    BigInteger q = new BigInteger(primes[1], 16);
                    BigInteger n = p.multiply(q);
                    BigInteger d = exponent.modInverse(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)));
                    pairs.add(new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(n, exponent)),
                            rsa.generatePrivate(new RSAPrivateCrtKeySpec(n, exponent, d, p, q,
                                    d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)),
                                    q.modInverse(p)))));
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the stand-in J-LIS's card keys", e);
            }
            return pairs;
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
