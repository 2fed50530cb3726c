package io.kencom.ekyc.testing;

import io.kencom.ekyc.domain.jpki.JpkiTrust;
import io.kencom.local.StandInJlis;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The stand-in J-LIS (local-stack's {@link StandInJlis}) with the trust a pure JPKI check is given. */
public final class TestJlis extends StandInJlis {

    public TestJlis(String name, Instant now) {
        super(name, now);
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
        return trustWith(List.of(caCrlOfSize(entries), rootCrl()));
    }
}
