package io.kencom.ekyc.domain.jpki;

import io.kencom.contracts.model.JpkiProfile;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * One JPKI check (公的個人認証): the card's signing certificate and its signature over the nonce this service issued.
 * The member is who the certificate names when the signature is the certificate's key's over that nonce, the
 * certificate is a signing one (it names its holder), within its validity, issued under a configured J-LIS anchor
 * and on no fresh CRL of its issuers. Pure: the caller supplies the trust (JpkiTrust) and the time.
 */
public final class JpkiCheck {

    /** JPKI's signature: PKCS#1 v1.5 over SHA-256, with the card's RSA 2048 key. */
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** What a check found. */
    public sealed interface Result {
    }

    /**
     * The member is the holder: with what a later audit needs (serial, issuer, the certificate's SHA-256), and the
     * holder's name and birth date for the match with the roster, which are not kept.
     */
    public record Verified(CardHolder holder, BigInteger serial, String issuer, byte[] certificateDigest)
            implements Result {
    }

    public record Refused(JpkiRefusal reason) implements Result {
    }

    private JpkiCheck() {
    }

    public static Result verify(byte[] certificateDer, byte[] signature, byte[] nonce, JpkiTrust trust, Instant now) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificateDer));
        } catch (CertificateException | ClassCastException e) {
            return new Refused(JpkiRefusal.CERTIFICATE_UNREADABLE);
        }
        if (!(certificate.getPublicKey() instanceof RSAPublicKey)) {
            return new Refused(JpkiRefusal.CERTIFICATE_UNREADABLE);
        }
        Map<String, String> attributes = holderAttributes(certificate);
        if (attributes == null) {
            return new Refused(JpkiRefusal.CERTIFICATE_UNREADABLE);
        }
        if (!attributes.containsKey(JpkiProfile.NAME) || !attributes.containsKey(JpkiProfile.BIRTH_DATE)) {
            return new Refused(JpkiRefusal.NOT_A_SIGNING_CERTIFICATE);
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage == null || !usage[0]) { // digitalSignature
            return new Refused(JpkiRefusal.KEY_USAGE_NOT_SIGNING);
        }
        if (!signedBy(certificate, signature, nonce)) {
            return new Refused(JpkiRefusal.SIGNATURE_INVALID);
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return new Refused(JpkiRefusal.CERTIFICATE_EXPIRED);
        }
        JpkiRefusal chain = validateChain(certificate, trust, now);
        if (chain != null) {
            return new Refused(chain);
        }
        LocalDate birthDate = birthDate(attributes.get(JpkiProfile.BIRTH_DATE));
        if (birthDate == null) {
            return new Refused(JpkiRefusal.CERTIFICATE_UNREADABLE);
        }
        return new Verified(new CardHolder(attributes.get(JpkiProfile.NAME), birthDate,
                usesSubstitutes(attributes.get(JpkiProfile.NAME_SUBSTITUTES))),
                certificate.getSerialNumber(), certificate.getIssuerX500Principal().getName(), sha256(certificateDer));
    }

    private static boolean signedBy(X509Certificate certificate, byte[] signature, byte[] nonce) {
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(nonce);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) { // a malformed signature is a wrong one
            return false;
        }
    }

    /**
     * The path from the certificate to an anchor, then PKIX validation with revocation: each certificate of the path
     * must be on no CRL its issuer signed, and a CRL counts only while fresh (thisUpdate ≤ now < nextUpdate), so
     * without one the answer is "unknown", a refusal.
     */
    private static JpkiRefusal validateChain(X509Certificate certificate, JpkiTrust trust, Instant now) {
        CertPath path;
        try {
            List<Object> known = new ArrayList<>(trust.intermediates());
            known.add(certificate);
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters build = new PKIXBuilderParameters(trust.anchors(), target);
            build.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
            build.setRevocationEnabled(false); // revocation is judged below, where its reason can be told apart
            build.setDate(Date.from(now));
            path = CertPathBuilder.getInstance("PKIX").build(build).getCertPath();
        } catch (GeneralSecurityException e) {
            return JpkiRefusal.CERTIFICATE_UNTRUSTED;
        }
        try {
            PKIXParameters validate = new PKIXParameters(trust.anchors());
            validate.addCertStore(CertStore.getInstance("Collection",
                    new CollectionCertStoreParameters(fresh(trust.crls(), now))));
            validate.setRevocationEnabled(true);
            validate.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(path, validate);
            return null;
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                return JpkiRefusal.CERTIFICATE_REVOKED;
            }
            if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                return JpkiRefusal.REVOCATION_STATUS_UNKNOWN;
            }
            if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                return JpkiRefusal.CERTIFICATE_EXPIRED;
            }
            return JpkiRefusal.CERTIFICATE_UNTRUSTED;
        } catch (GeneralSecurityException e) {
            return JpkiRefusal.CERTIFICATE_UNTRUSTED;
        }
    }

    /** The CRLs current at {@code now}: the JDK would otherwise take a CRL past its nextUpdate as good enough. */
    static Collection<X509CRL> fresh(Collection<X509CRL> crls, Instant now) {
        return crls.stream().filter(crl -> !crl.getThisUpdate().toInstant().isAfter(now)
                && crl.getNextUpdate() != null && now.isBefore(crl.getNextUpdate().toInstant())).toList();
    }

    /**
     * The profile's otherName entries of the subjectAltName, by OID (only those of JPKI's arc); empty when there are
     * none; null when the extension cannot be read.
     */
    private static Map<String, String> holderAttributes(X509Certificate certificate) {
        Map<String, String> attributes = new HashMap<>();
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            return attributes;
        }
        try {
            GeneralNames names = GeneralNames.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() != GeneralName.otherName) {
                    continue;
                }
                ASN1Sequence other = ASN1Sequence.getInstance(name.getName());
                String oid = ASN1ObjectIdentifier.getInstance(other.getObjectAt(0)).getId();
                ASN1Primitive value = ASN1TaggedObject.getInstance(other.getObjectAt(1)).getExplicitBaseObject()
                        .toASN1Primitive();
                if (oid.startsWith(JpkiProfile.ARC) && value instanceof ASN1String text) {
                    attributes.put(oid, text.getString());
                }
            }
            return attributes;
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            return null;
        }
    }

    /**
     * Whether the substitutes attribute marks any character: absent, empty or all {@code 0} means none. (The
     * profile's encoding of the positions is to be checked against a real card before production, docs.)
     */
    static boolean usesSubstitutes(String value) {
        return value != null && !value.strip().chars().allMatch(c -> c == '0');
    }

    /** {@code 119800101}: the calendar's digit, then the Gregorian date (8 digits alone are taken too). */
    static LocalDate birthDate(String value) {
        String digits = value.length() == 9 ? value.substring(1) : value;
        try {
            return digits.length() == 8 ? LocalDate.parse(digits, BASIC_DATE) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
