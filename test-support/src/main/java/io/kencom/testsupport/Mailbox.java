package io.kencom.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.local.MailServer;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Reads back what the SMTP server received (GreenMail's REST API), as parsed MIME messages. */
public final class Mailbox {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Mailbox() {
    }

    /** Every mail the local stack's SMTP server received for {@code address}, oldest first. */
    public static List<MimeMessage> messagesFor(String address) {
        return messagesFor(MailServer.LOCAL, address);
    }

    /** Every mail {@code server} received for {@code address}, oldest first. */
    public static List<MimeMessage> messagesFor(MailServer server, String address) {
        String url = server.api() + "/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/";
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400 && response.body().contains("not found")) {
                return List.of(); // GreenMail creates the user on first arrival
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("mailbox API answered " + response.statusCode());
            }
            List<MimeMessage> messages = new ArrayList<>();
            Session session = Session.getInstance(new Properties());
            for (JsonNode m : JSON.readTree(response.body())) {
                byte[] raw = m.get("mimeMessage").asText().getBytes(StandardCharsets.UTF_8);
                messages.add(new MimeMessage(session, new ByteArrayInputStream(raw)));
            }
            return messages;
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot read the mailbox of a test address", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the {@code count}-th mail to {@code address} and returns all of them. */
    public static List<MimeMessage> awaitMessages(String address, int count) {
        return awaitMessages(MailServer.LOCAL, address, count);
    }

    public static List<MimeMessage> awaitMessages(MailServer server, String address, int count) {
        return awaitMessages(server, address, count, Duration.ofSeconds(30));
    }

    /** As above, for as long as a test gives it (mail held up by a fault, say). */
    public static List<MimeMessage> awaitMessages(MailServer server, String address, int count, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> messagesFor(server, address), list -> list.size() >= count);
    }

    public static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mail's Message-ID: copies of one message share it. */
    public static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part of a mail. */
    public static String text(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = text(multipart.getBodyPart(i));
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh address nobody else's test writes to. */
    public static String newAddress(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
