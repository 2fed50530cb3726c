package io.kencom.ekyc.domain.jpki;

import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a JPKI check trusts: J-LIS's root certificates (anchors), the CA certificates between them and the cards'
 * certificates, and the CRLs at hand (each checked against its issuer by the PKIX validator; a stale one counts as
 * none). All of it is configuration, never code: J-LIS renews its CAs.
 */
public record JpkiTrust(Set<TrustAnchor> anchors, List<X509Certificate> intermediates, Collection<X509CRL> crls) {

    public JpkiTrust {
        anchors = Set.copyOf(anchors);
        intermediates = List.copyOf(intermediates);
        crls = List.copyOf(crls);
    }
}
