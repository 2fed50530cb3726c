package io.kencom.notification.infra;

import io.kencom.notification.domain.MessageIds;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SMTP relay the mails go out through: Vert.x's mail client, configured here rather than through Quarkus Mailer
 * because a connection must die with an attempt that waited too long. Quarkus Mailer cannot set an idle timeout, and
 * an abandoned conversation goes on once a stalled relay answers, delivering a copy of the mail for every attempt
 * (MailsTest met three).
 */
@ApplicationScoped
public class Smtp {

    private final MailClient client;
    private final String from;
    private final MessageIds messageIds;
    private final Duration sendTimeout;

    Smtp(Vertx vertx, @ConfigProperty(name = "kencom.smtp.host") String host,
            @ConfigProperty(name = "kencom.smtp.port") int port,
            @ConfigProperty(name = "kencom.smtp.start-tls") StartTLSOptions startTls,
            @ConfigProperty(name = "kencom.smtp.login") LoginOption login,
            @ConfigProperty(name = "kencom.smtp.username") Optional<String> username,
            @ConfigProperty(name = "kencom.smtp.password") Optional<String> password,
            @ConfigProperty(name = "kencom.mail.from") String from,
            @ConfigProperty(name = "kencom.mail.send-timeout") Duration sendTimeout) {
        MailConfig config = new MailConfig().setHostname(host).setPort(port).setStarttls(startTls).setLogin(login)
                .setUsername(username.orElse(null)).setPassword(password.orElse(null))
                .setHostnameVerificationAlgorithm("HTTPS").setKeepAlive(true)
                .setConnectTimeout((int) sendTimeout.toMillis());
        config.setIdleTimeout((int) sendTimeout.toMillis());
        config.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        this.client = MailClient.create(vertx, config);
        this.from = from;
        this.messageIds = new MessageIds(from);
        this.sendTimeout = sendTimeout;
    }

    /**
     * Sends the delivery's mail under its Message-ID ({@link MessageIds}); fails when the relay refuses it, cannot be
     * reached or goes quiet for the send timeout. A relay that accepts and then stalls must not hold the sender (and
     * its row's lock) for ever: the attempt fails like any other, and its connection dies with it.
     */
    public Uni<Void> send(UUID deliveryId, String to, String subject, String text, String html) {
        MailMessage message = new MailMessage().setFrom(from).setTo(to).setSubject(subject).setText(text).setHtml(html)
                .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Message-ID", messageIds.of(deliveryId)));
        return client.sendMail(message).replaceWithVoid()
                .ifNoItem().after(sendTimeout).failWith(() -> new TimeoutException(
                        "the SMTP server did not answer within " + sendTimeout));
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
