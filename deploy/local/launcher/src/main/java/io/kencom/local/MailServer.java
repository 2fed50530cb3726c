package io.kencom.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * GreenMail: an SMTP server that keeps every mail it receives and serves them back over a small REST API, so
 * tests (and people) can read what the services sent. Nothing leaves the machine.
 */
public final class MailServer implements Server {

    /** The local stack's: SMTP 3025, IMAP 3143, REST API 8025. */
    public static final MailServer LOCAL = new MailServer("smtp", 3025, 3143, 8025);
    public static final int SMTP_PORT = LOCAL.smtpPort;
    public static final int API_PORT = LOCAL.apiPort;

    private final String id;
    private final int smtpPort;
    private final int imapPort;
    private final int apiPort;

    private MailServer(String id, int smtpPort, int imapPort, int apiPort) {
        this.id = id;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.apiPort = apiPort;
    }

    @Override
    public String id() {
        return id;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** The local stack's mail API. */
    public static String apiUrl() {
        return LOCAL.api();
    }

    /** This server's REST API, where received mail is read back. */
    public String api() {
        return "http://" + Net.HOST + ":" + apiPort + "/api";
    }

    @Override
    public boolean up() {
        return Net.listening(smtpPort);
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        return ManagedProcess.start(layout, id(), List.of(ManagedProcess.java(), "-Xmx128m", ManagedProcess.marker(id()),
                "-Dgreenmail.smtp.port=" + smtpPort, "-Dgreenmail.imap.port=" + imapPort,
                "-Dgreenmail.hostname=" + Net.HOST, "-Dgreenmail.api.hostname=" + Net.HOST,
                "-Dgreenmail.api.port=" + apiPort, "-jar", layout.server("greenmail-standalone.jar").toString()),
                layout.stateDir(), Map.of());
    }

    @Override
    public void awaitReady(ManagedProcess process) {
        Net.await("SMTP", Duration.ofSeconds(30), process,
                () -> Net.listening(smtpPort) && Net.status(api() + "/configuration") == 200);
    }

    @Override
    public String where() {
        return "smtp://" + Net.HOST + ":" + smtpPort + ", mails readable at " + api() + "/user/{address}/messages/";
    }
}
