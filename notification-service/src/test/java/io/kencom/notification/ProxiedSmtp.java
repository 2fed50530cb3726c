package io.kencom.notification;

import io.kencom.local.MailServer;
import io.kencom.local.Net;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The stack's SMTP server (GreenMail), reached through a proxy of this JVM's own, so that these tests can take SMTP
 * down, stall it or lose its answer without stopping the server or taking it from anybody else. The service under
 * test sends through the proxy; the mails are read back from the server.
 */
public class ProxiedSmtp implements QuarkusTestResourceLifecycleManager {

    public static final MailServer SERVER = MailServer.LOCAL;
    private static TcpProxy proxy;

    /** What the service's SMTP connections meet from now on. */
    public static void mode(TcpProxy.Mode mode) {
        try {
            proxy().mode(mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SMTP connections taken by the proxy so far. */
    public static int connections() {
        return proxy().connections();
    }

    private static synchronized TcpProxy proxy() {
        if (proxy == null) {
            RealInfrastructure.smtp();
            try {
                proxy = new TcpProxy(SERVER.smtpPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kencom.smtp.host", Net.HOST, "kencom.smtp.port", Integer.toString(proxy().port()));
    }

    @Override
    public void stop() {
        // the proxy lives as long as the JVM, like the server behind it
    }
}
