package io.kencom.ekyc.domain.jpki;

/**
 * Why a JPKI check did not verify the member: each a stable code the app switches on. None of them says anything of
 * the certificate's holder.
 */
public enum JpkiRefusal {
    /** Not a DER X.509 certificate, or no RSA key. */
    CERTIFICATE_UNREADABLE,
    /** The user-authentication certificate (利用者証明用): it carries no name or birth date; the signing one is needed. */
    NOT_A_SIGNING_CERTIFICATE,
    /** Its key may not sign (key usage without digitalSignature). */
    KEY_USAGE_NOT_SIGNING,
    /** Outside its validity period (a card's signing certificate lives 5 years, or until the holder moves). */
    CERTIFICATE_EXPIRED,
    /** Not issued under a configured JPKI trust anchor. */
    CERTIFICATE_UNTRUSTED,
    /** On its issuer's CRL: the holder moved, changed their name, or gave up the card. */
    CERTIFICATE_REVOKED,
    /** No CRL of its issuer that is fresh and properly signed: refused rather than trusted blindly (fail closed). */
    REVOCATION_STATUS_UNKNOWN,
    /** The signature is not the certificate's key's over the nonce issued. */
    SIGNATURE_INVALID
}
