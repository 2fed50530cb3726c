package io.kencom.ekyc.testing;

import io.kencom.ekyc.domain.jpki.JpkiProfile;
import io.kencom.ekyc.domain.jpki.JpkiTrust;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA made in the test, standing in for J-LIS (地方公共団体情報システム機構): a root, an intermediate that issues the
 * cards' certificates, holder certificates of the JPKI profile (the basic four items as otherNames of the
 * subjectAltName), the user-authentication kind without them, and CRLs. RSA 2048 and SHA-256, as JPKI uses.
 */
public final class TestJlis {

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    public final Instant now;
    private final KeyPair rootKeys = keys();
    private final KeyPair caKeys = keys();
    public final X509Certificate root;
    public final X509Certificate ca;

    public TestJlis(String name, Instant now) {
        this.now = now;
        this.root = issue(new X500Name("CN=" + name + " Root,O=JPKI,C=JP"), rootKeys, new X500Name("CN=" + name
                + " Root,O=JPKI,C=JP"), rootKeys.getPrivate(), true, null, now.minus(Duration.ofDays(3650)),
                now.plus(Duration.ofDays(3650)), KeyUsage.keyCertSign | KeyUsage.cRLSign);
        this.ca = issue(new X500Name("CN=" + name + " Signing CA,O=JPKI,C=JP"), caKeys, rootName(),
                rootKeys.getPrivate(), true, null, now.minus(Duration.ofDays(1000)), now.plus(Duration.ofDays(1000)),
                KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    /** A card: its key pair and its certificate. */
    public record Card(KeyPair keys, X509Certificate certificate) {

        /** The card's signature over {@code nonce} (what the app has the card compute over NFC). */
        public byte[] sign(byte[] nonce) {
            return TestJlis.sign(keys.getPrivate(), nonce);
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
        return card(name, birthDate, now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(365)),
                KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }

    public Card card(String name, LocalDate birthDate, Instant from, Instant to, int keyUsage) {
        KeyPair keys = keys();
        GeneralNames holder = name == null ? null : new GeneralNames(new GeneralName[] {
                otherName(JpkiProfile.NAME, name),
                otherName(JpkiProfile.BIRTH_DATE, "1" + birthDate.toString().replace("-", "")),
                otherName(JpkiProfile.SEX, "1"),
                otherName(JpkiProfile.ADDRESS, "東京都千代田区霞が関２－１－２"),
                otherName(JpkiProfile.NAME_SUBSTITUTES, "00000"),
                otherName(JpkiProfile.ADDRESS_SUBSTITUTES, "0000000000000000000000")});
        return new Card(keys, issue(new X500Name("CN=JPKI card,OU=JPKI,C=JP"), keys,
                caName(), caKeys.getPrivate(), false, holder, from, to, keyUsage));
    }

    /** The user-authentication certificate (利用者証明用): no name, no birth date. */
    public Card authenticationCard() {
        return card(null, null, now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(365)),
                KeyUsage.digitalSignature);
    }

    /** Anchors, the CA between, and fresh CRLs of both issuers listing {@code revoked}. */
    public JpkiTrust trust(X509Certificate... revoked) {
        return trustWith(List.of(caCrl(revoked), rootCrl()));
    }

    public JpkiTrust trustWith(List<X509CRL> crls) {
        return new JpkiTrust(Set.of(new TrustAnchor(root, null)), List.of(ca), crls);
    }

    /** Fresh CRLs of both issuers, the cards' CA's listing {@code entries} revoked serials besides (a real CRL's size). */
    public JpkiTrust trustWithRevoked(int entries) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(caName(), Date.from(now.minus(Duration.ofHours(1))));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(23))));
            for (int i = 0; i < entries; i++) {
                builder.addCRLEntry(BigInteger.valueOf(10_000_000L + i), Date.from(now.minus(Duration.ofDays(1))),
                        CRLReason.superseded);
            }
            return trustWith(List.of(new JcaX509CRLConverter().getCRL(builder.build(signer(caKeys.getPrivate()))),
                    rootCrl()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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

    /** PEM of certificates, as ops put J-LIS's into a ConfigMap. */
    public static String pem(X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return pem.toString();
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
            X509CRLHolder holder = builder.build(signer(key));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issue(X500Name subject, KeyPair subjectKeys, X500Name issuer,
            PrivateKey issuerKey, boolean ca, GeneralNames holder, Instant from, Instant to, int keyUsage) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(from), Date.from(to), subject,
                    subjectKeys.getPublic());
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
