package io.kencom.notification;

import io.kencom.local.MailServer;
import io.kencom.local.Net;
import io.kencom.testsupport.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A GreenMail of this module's tests beside the stack's, so they can stop the SMTP server and start it again
 * without taking it from anybody else. The service under test sends through it.
 */
public class DedicatedMailServer implements QuarkusTestResourceLifecycleManager {

    public static final MailServer SERVER = new MailServer("smtp-notification-test", 3125, 3243, 8125);

    /** Starts the server (again); returns once it accepts mail. */
    public static void up() {
        RealInfrastructure.ensure(SERVER);
    }

    /** Stops it: SMTP connections are refused until {@link #up()}. */
    public static void down() {
        RealInfrastructure.stop(SERVER);
    }

    @Override
    public Map<String, String> start() {
        up();
        return Map.of("quarkus.mailer.host", Net.HOST, "quarkus.mailer.port", Integer.toString(SERVER.smtpPort()),
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void stop() {
        // stopped with the JVM by RealInfrastructure
    }
}
