package io.kencom.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * GreenMail: an SMTP server that keeps every mail it receives and serves them back over a small REST API, so
 * tests (and people) can read what the services sent. Nothing leaves the machine.
 */
public final class MailServer implements Server {

    public static final int SMTP_PORT = 3025;
    public static final int IMAP_PORT = 3143;
    public static final int API_PORT = 8025;

    @Override
    public String id() {
        return "smtp";
    }

    public static String apiUrl() {
        return "http://" + Net.HOST + ":" + API_PORT + "/api";
    }

    @Override
    public boolean up() {
        return Net.listening(SMTP_PORT);
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        return ManagedProcess.start(layout, id(), List.of(ManagedProcess.java(), "-Xmx128m", ManagedProcess.marker(id()),
                "-Dgreenmail.setup.test.smtp", "-Dgreenmail.setup.test.imap",
                "-Dgreenmail.hostname=" + Net.HOST, "-Dgreenmail.api.hostname=" + Net.HOST,
                "-Dgreenmail.api.port=" + API_PORT, "-jar", layout.server("greenmail-standalone.jar").toString()),
                layout.stateDir(), Map.of());
    }

    @Override
    public void awaitReady(ManagedProcess process) {
        Net.await("SMTP", Duration.ofSeconds(30), process,
                () -> Net.listening(SMTP_PORT) && Net.status(apiUrl() + "/configuration") == 200);
    }

    @Override
    public String where() {
        return "smtp://" + Net.HOST + ":" + SMTP_PORT + ", mails readable at " + apiUrl() + "/user/{address}/messages/";
    }
}
