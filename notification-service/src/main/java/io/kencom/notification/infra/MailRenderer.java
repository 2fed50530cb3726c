package io.kencom.notification.infra;

import io.kencom.notification.domain.MailKind;
import io.kencom.platform.Clocks;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Turns a mail kind and its data into the Japanese subject, plain text and HTML the member receives. */
@ApplicationScoped
public class MailRenderer {

    /** Japanese notation, Japanese time: 2026年11月24日 10:15. */
    private static final DateTimeFormatter JAPANESE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 H:mm")
            .withZone(Clocks.JAPAN);

    /** What every mail says about the service: its name and links (configurable per deployment). */
    public record App(String name, String url, String supportUrl) {
    }

    public record Rendered(String subject, String text, String html) {
    }

    private final Engine engine;
    private final App app;

    MailRenderer(Engine engine, @ConfigProperty(name = "kencom.mail.app-name") String name,
            @ConfigProperty(name = "kencom.mail.app-url") String url,
            @ConfigProperty(name = "kencom.mail.support-url") String supportUrl) {
        this.engine = engine;
        this.app = new App(name, url, supportUrl);
    }

    public Rendered render(MailKind kind, Map<String, Object> data) {
        String subject = "【" + app.name() + "】" + kind.subject();
        Map<String, Object> all = new HashMap<>(data);
        all.put("app", app);
        all.put("subject", subject);
        return new Rendered(subject, engine.getTemplate(kind.template() + ".txt").data(all).render(),
                engine.getTemplate(kind.template() + ".html").data(all).render());
    }

    /** The data of a one-time code mail: the code, how long it lives, until when (Japanese time). */
    public static Map<String, Object> codeData(String code, Instant issuedAt, Instant expiresAt) {
        long minutes = (Duration.between(issuedAt, expiresAt).toSeconds() + 59) / 60; // a started minute counts
        return Map.of("code", code, "minutes", minutes,
                "expiresAt", JAPANESE_TIME.format(expiresAt));
    }
}
