package io.kencom.ekyc.infra;

import io.kencom.ekyc.domain.jpki.JpkiTrust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The trust a JPKI check needs, from configuration: J-LIS's root certificates and CA certificates (PEM files, which
 * ops replace when J-LIS renews its CAs), and the CRLs at their distribution points (file: or http(s): URIs),
 * fetched again every {@code refresh} or once past their nextUpdate. A CRL is kept only when one of the configured
 * certificates signed it. A location that cannot be fetched keeps its last CRL, which goes stale at its nextUpdate:
 * from then on checks answer REVOCATION_STATUS_UNKNOWN (fail closed) until a fetch succeeds again.
 */
public final class JpkiTrustSource {

    private static final Logger LOG = Logger.getLogger(JpkiTrustSource.class);

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> caCertificates;
    private final List<X509Certificate> issuers;
    private final List<URI> crlLocations;
    private final Duration refresh;
    private final Clock clock;
    private final HttpClient http;
    private final Map<URI, Fetched> crls = new HashMap<>();

    private record Fetched(X509CRL crl, Instant at) {
    }

    public JpkiTrustSource(List<Path> anchorFiles, List<Path> caFiles, List<URI> crlLocations, Duration refresh,
            Clock clock) {
        List<X509Certificate> roots = anchorFiles.stream().flatMap(f -> certificates(f).stream()).toList();
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no JPKI trust anchor configured");
        }
        this.anchors = roots.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
        this.caCertificates = caFiles.stream().flatMap(f -> certificates(f).stream()).toList();
        List<X509Certificate> all = new ArrayList<>(roots);
        all.addAll(caCertificates);
        this.issuers = List.copyOf(all);
        this.crlLocations = List.copyOf(crlLocations);
        this.refresh = refresh;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The anchors, the CA certificates and each location's CRL as last fetched (refreshed first when due). */
    public synchronized JpkiTrust current() {
        Instant now = clock.instant();
        for (URI location : crlLocations) {
            Fetched last = crls.get(location);
            if (last == null || now.isAfter(last.at().plus(refresh)) || last.crl().getNextUpdate() == null
                    || !now.isBefore(last.crl().getNextUpdate().toInstant())) {
                X509CRL fetched = fetch(location);
                if (fetched != null) {
                    crls.put(location, new Fetched(fetched, now));
                }
            }
        }
        return new JpkiTrust(anchors, caCertificates, crls.values().stream().map(Fetched::crl).toList());
    }

    /** The CRL at {@code location} if one of the configured certificates signed it; null otherwise (logged). */
    private X509CRL fetch(URI location) {
        try (InputStream in = open(location)) {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            for (X509Certificate issuer : issuers) {
                if (issuer.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                    crl.verify(issuer.getPublicKey());
                    return crl;
                }
            }
            LOG.warnf("JPKI CRL at %s refused: no configured CA issued it", location);
        } catch (IOException | CRLException | CertificateException e) {
            LOG.warnf("JPKI CRL at %s not fetched: %s", location, e.getMessage());
        } catch (GeneralSecurityException e) {
            LOG.warnf("JPKI CRL at %s refused: its signature is not its issuer's", location);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private InputStream open(URI location) throws IOException, InterruptedException {
        if ("file".equals(location.getScheme())) {
            return Files.newInputStream(Path.of(location));
        }
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return new ByteArrayInputStream(response.body());
    }

    private static List<X509Certificate> certificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("cannot read the JPKI certificates of " + pem, e);
        }
    }
}
