package io.kencom.ekyc;

import io.kencom.contracts.events.EkycApproved;
import io.kencom.ekyc.domain.jpki.JpkiCheck;
import io.kencom.ekyc.domain.jpki.JpkiDecision;
import io.kencom.ekyc.infra.Argon2Hasher;
import io.kencom.ekyc.infra.EkycMeters;
import io.kencom.ekyc.infra.JpkiTable;
import io.kencom.ekyc.infra.MemberTable;
import io.kencom.ekyc.infra.JpkiTrustSource;
import io.kencom.platform.Blocking;
import io.kencom.platform.crypto.PersonReferences;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * eKYC by the My Number card's IC chip (公的個人認証, JPKI; docs/ekyc-service.md "JPKI"): the member asks for a nonce,
 * the app has the card sign it over NFC and sends the signing certificate and the signature with a secret question.
 * A good card whose holder is the linked insured person approves the member at once ({@code EkycApproved}, method
 * JPKI), without photos or a reviewer. A nonce is used once, whatever the check's outcome; every check is recorded
 * (time, result, and sealed the certificate's serial, issuer and digest) and nothing of the holder is kept.
 * Offered only when J-LIS's certificates are configured ({@code kencom.jpki.trust-anchors}).
 */
@ApplicationScoped
@Startup
public class JpkiVerifications {

    private static final Logger LOG = Logger.getLogger(JpkiVerifications.class);

    static final int NONCE_BYTES = 32;
    static final int MAX_CERTIFICATE_BYTES = 8 * 1024;
    static final int MAX_SIGNATURE_BYTES = 1024;

    public record Challenge(String nonce, Instant expiresAt) {
    }

    public record Approved(String status, EkycApproved.Method method) {
    }

    private final Pool pool;
    private final JpkiTable table;
    private final EkycMeters meters;
    private final MemberTable memberTable;
    private final Secrets secrets;
    private final PersonReferences personRefs;
    private final Outbox outbox;
    private final Clock clock;
    private final Members members;
    private final SecretQuestions questions;
    private final Duration nonceTtl;
    private final JpkiTrustSource trust;
    private final SecureRandom random = new SecureRandom();

    JpkiVerifications(Pool pool, JpkiTable table, EkycMeters meters, MemberTable memberTable, Secrets secrets,
            PersonReferences personRefs, Outbox outbox, Clock clock, Members members, SecretQuestions questions,
            @ConfigProperty(name = "kencom.jpki.nonce-ttl") Duration nonceTtl,
            @ConfigProperty(name = "kencom.jpki.trust-anchors") Optional<List<Path>> anchors,
            @ConfigProperty(name = "kencom.jpki.ca-certificates") Optional<List<Path>> caCertificates,
            @ConfigProperty(name = "kencom.jpki.crl-locations") Optional<List<URI>> crlLocations,
            @ConfigProperty(name = "kencom.jpki.crl-refresh") Duration crlRefresh) {
        this.pool = pool;
        this.table = table;
        this.meters = meters;
        this.memberTable = memberTable;
        this.secrets = secrets;
        this.personRefs = personRefs;
        this.outbox = outbox;
        this.clock = clock;
        this.members = members;
        this.questions = questions;
        this.nonceTtl = nonceTtl;
        // Configured but unreadable fails the start; not configured leaves the method off.
        this.trust = anchors.map(a -> new JpkiTrustSource(a, caCertificates.orElse(List.of()),
                crlLocations.orElse(List.of()), crlRefresh, clock)).orElse(null);
        if (trust == null) {
            LOG.info("JPKI is not offered: kencom.jpki.trust-anchors is not set");
        }
    }

    /** A nonce for the member's card to sign: 32 random bytes, single use, for {@code kencom.jpki.nonce-ttl}. */
    public Uni<Challenge> challenge(UUID memberId) {
        offered();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(nonceTtl);
        return pool.withTransaction(conn -> members.eligible(conn, memberId, questions)
                .chain(member -> table.issueNonce(conn, memberId, nonceDigest(nonce), now, expiresAt,
                        now.minus(nonceTtl))))
                .map(x -> new Challenge(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), expiresAt));
    }

    /**
     * The card's signature over the member's nonce: base64 of the certificate (DER), of the signature, and the nonce
     * as it was given; with the secret question the member chose.
     */
    public Uni<Approved> verify(UUID memberId, String certificateBase64, String signatureBase64, String nonceBase64,
            String question, String typedAnswer) {
        offered();
        byte[] certificate = base64(certificateBase64, "certificate", MAX_CERTIFICATE_BYTES);
        byte[] signature = base64(signatureBase64, "signature", MAX_SIGNATURE_BYTES);
        byte[] nonce = base64(nonceBase64, "nonce", NONCE_BYTES);
        String answer = SecretQuestions.chosenAnswer(question, typedAnswer);
        Instant now = clock.instant();
        return claim(memberId, nonce, now)
                .chain(issuedAt -> Blocking.call(() -> {
                    JpkiCheck.Result result = meters.timedJpkiCheck(
                            () -> JpkiCheck.verify(certificate, signature, nonce, trust.current(), now));
                    // Argon2 is the costly part: only a card that verified can set the question.
                    return new Checked(result, result instanceof JpkiCheck.Verified ? Argon2Hasher.hash(answer) : null,
                            issuedAt);
                }))
                .chain(checked -> pool.withTransaction(conn -> table.lockMember(conn, memberId)
                        .chain(() -> members.eligible(conn, memberId, questions))
                        .chain(member -> approvedSince(conn, memberId, checked.nonceIssuedAt()))
                        .chain(() -> memberTable.holderRef(conn, memberId))
                        .chain(linked -> decide(conn, memberId, question.strip(), checked,
                                JpkiDecision.of(checked.result(), linked, personRefs::holderOf), now))))
                .map(decision -> {
                    meters.decided(EkycApproved.Method.JPKI, decision instanceof JpkiDecision.Approved
                            ? EkycMeters.Outcome.APPROVED : EkycMeters.Outcome.REFUSED);
                    if (decision instanceof JpkiDecision.Approved) {
                        return new Approved("APPROVED", EkycApproved.Method.JPKI);
                    }
                    throw EkycProblems.jpkiRefused(decision.code());
                });
    }

    /** The card's check; {@code answerHash} only when the card verified (null otherwise). */
    private record Checked(JpkiCheck.Result result, String answerHash, Instant nonceIssuedAt) {
    }

    /**
     * Refuses a second approval: a usable secret question set since this nonce was issued means the member was
     * approved meanwhile (another nonce, an application, a code) and entitlement-service has not said so yet; a
     * second {@code EkycApproved} would mail the member twice.
     */
    private Uni<Void> approvedSince(SqlConnection conn, UUID memberId, Instant nonceIssuedAt) {
        return questions.usableSetSince(conn, memberId, nonceIssuedAt)
                .chain(approved -> approved ? Uni.createFrom().failure(EkycProblems.alreadySensitive())
                        : Uni.createFrom().voidItem());
    }

    /** Records the check; an approval also sets the secret question and publishes, in the same transaction. */
    private Uni<JpkiDecision> decide(SqlConnection conn, UUID memberId, String question, Checked checked,
            JpkiDecision decision, Instant now) {
        JpkiCheck.Verified v = decision.verified();
        byte[] sealed = v == null ? null : secrets.sealBytes(("serial=" + v.serial().toString(16) + "\nissuer="
                + v.issuer() + "\nsha256=" + Base64.getEncoder().encodeToString(v.certificateDigest()))
                .getBytes(StandardCharsets.UTF_8));
        Uni<Void> recorded = table.recordCheck(conn, memberId, now, decision.code(), sealed);
        if (!(decision instanceof JpkiDecision.Approved)) {
            return recorded.replaceWith(decision);
        }
        return recorded.chain(() -> questions.set(conn, memberId, question, checked.answerHash(), now))
                .chain(() -> outbox.publish(conn, new EkycApproved(memberId, null, EkycApproved.Method.JPKI, now)))
                .replaceWith(decision);
    }

    /**
     * Uses the member's nonce, committed on its own: a check that then fails has spent it all the same. A nonce the
     * member was not given is unknown, whoever it was given to. Answers when it was issued.
     */
    private Uni<Instant> claim(UUID memberId, byte[] nonce, Instant now) {
        byte[] digest = nonceDigest(nonce);
        return pool.withTransaction(conn -> table.claimNonce(conn, memberId, digest, now)
                .chain(issuedAt -> issuedAt != null ? Uni.createFrom().item(issuedAt)
                        : table.whyUnclaimable(conn, memberId, digest).chain(why -> Uni.createFrom()
                                .<Instant>failure(EkycProblems.nonce(why.name())))));
    }

    private byte[] nonceDigest(byte[] nonce) {
        return secrets.lookupDigest("jpki-nonce|" + Base64.getEncoder().encodeToString(nonce));
    }

    private void offered() {
        if (trust == null) {
            throw EkycProblems.jpkiNotOffered();
        }
    }

    /** Standard or URL-safe base64, padded or not; at most {@code maxBytes} (the nonce: exactly). */
    private static byte[] base64(String value, String field, int maxBytes) {
        if (value == null || value.isBlank()) {
            throw EkycProblems.fieldInvalid(field, "MISSING");
        }
        if (value.length() > (maxBytes / 3 + 1) * 4 + 4) {
            throw EkycProblems.fieldInvalid(field, "TOO_LONG");
        }
        byte[] bytes;
        try {
            String v = value.strip();
            bytes = v.indexOf('-') >= 0 || v.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(v)
                    : Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw EkycProblems.fieldInvalid(field, "NOT_BASE64");
        }
        if (bytes.length > maxBytes || ("nonce".equals(field) && bytes.length != NONCE_BYTES)) {
            throw "nonce".equals(field) ? EkycProblems.nonce("NONCE_UNKNOWN") : EkycProblems.fieldInvalid(field, "TOO_LONG");
        }
        return bytes;
    }
}
