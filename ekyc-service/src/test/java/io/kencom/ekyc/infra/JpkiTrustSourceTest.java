package io.kencom.ekyc.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.kencom.ekyc.domain.jpki.JpkiCheck;
import io.kencom.ekyc.domain.jpki.JpkiRefusal;
import io.kencom.ekyc.testing.TestJlis;
import io.kencom.local.StandInJlis;
import io.kencom.testsupport.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** J-LIS's certificates from PEM files and its CRLs from their distribution points, served here over real HTTP. */
class JpkiTrustSourceTest {

    private static final Instant NOW = Instant.parse("2027-04-01T01:00:00Z");
    private static final TestJlis JLIS = new TestJlis("Test J-LIS", NOW);

    @TempDir
    Path dir;
    private HttpServer server;
    /** What the CA's distribution point answers: a CRL's bytes, or null for an outage (503). */
    private final AtomicReference<byte[]> served = new AtomicReference<>();
    private final MutableClock clock = new MutableClock(NOW);
    private final byte[] nonce = "nonce".getBytes(StandardCharsets.UTF_8);
    private final StandInJlis.Card card = JLIS.signingCard("健康　太郎", LocalDate.of(1980, 1, 2));

    @BeforeEach
    void distributionPoint() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ca.crl", exchange -> {
            byte[] body = served.get();
            exchange.sendResponseHeaders(body == null ? 503 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_card_checks_against_the_configured_anchors_and_the_fetched_crls() throws Exception {
        served.set(JLIS.caCrl().getEncoded());

        assertThat(check(source())).isInstanceOf(JpkiCheck.Verified.class);
    }

    @Test
    void a_crl_fetched_again_after_the_refresh_interval_revokes_the_card() throws Exception {
        served.set(JLIS.caCrl().getEncoded());
        JpkiTrustSource source = source();
        assertThat(check(source)).isInstanceOf(JpkiCheck.Verified.class);

        served.set(JLIS.caCrl(card.certificate()).getEncoded());
        clock.advance(Duration.ofMinutes(61));

        assertThat(check(source)).isEqualTo(new JpkiCheck.Refused(JpkiRefusal.CERTIFICATE_REVOKED));
    }

    @Test
    void when_the_distribution_point_is_down_the_last_crl_serves_until_its_next_update_then_checks_fail_closed()
            throws Exception {
        served.set(JLIS.caCrl().getEncoded());
        JpkiTrustSource source = source();
        check(source);
        served.set(null);

        clock.advance(Duration.ofHours(2)); // refresh due, fetch fails, the CRL is still current
        assertThat(check(source)).isInstanceOf(JpkiCheck.Verified.class);
        clock.advance(Duration.ofHours(22)); // past its nextUpdate
        assertThat(check(source)).isEqualTo(new JpkiCheck.Refused(JpkiRefusal.REVOCATION_STATUS_UNKNOWN));
    }

    @Test
    void a_crl_no_configured_ca_signed_is_not_taken() throws Exception {
        TestJlis impostor = new TestJlis("Test J-LIS", NOW); // the same names, other keys
        served.set(impostor.caCrl().getEncoded());

        assertThat(check(source())).isEqualTo(new JpkiCheck.Refused(JpkiRefusal.REVOCATION_STATUS_UNKNOWN));
    }

    @Test
    void without_an_anchor_the_service_does_not_start() throws Exception {
        Path empty = Files.writeString(dir.resolve("none.pem"), "");
        assertThatThrownBy(() -> new JpkiTrustSource(List.of(empty), List.of(), List.of(), Duration.ofHours(1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust anchor");
    }

    private JpkiTrustSource source() throws Exception {
        Path roots = Files.writeString(dir.resolve("roots.pem"), TestJlis.pem(JLIS.root));
        Path cas = Files.writeString(dir.resolve("cas.pem"), TestJlis.pem(JLIS.ca));
        Path rootCrl = Files.write(dir.resolve("root.crl"), JLIS.rootCrl().getEncoded());
        URI caCrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ca.crl");
        return new JpkiTrustSource(List.of(roots), List.of(cas), List.of(rootCrl.toUri(), caCrl), Duration.ofHours(1),
                clock);
    }

    private JpkiCheck.Result check(JpkiTrustSource source) {
        return JpkiCheck.verify(card.der(), card.sign(nonce), nonce, source.current(), clock.instant());
    }
}
