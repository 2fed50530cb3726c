package io.kencom.e2e.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.e2e.Launcher;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.ConsumerLag;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole local stack for a test class: a running one (deploy/local/run) is used as it is; otherwise the
 * launcher is started as the README starts it, and stopped (SIGTERM, as Ctrl-C) after the class. A stack started
 * after the other modules' tests first works through the events those left on the broker (its consumer groups start
 * from the earliest offset): the journey starts once every service has caught up.
 */
final class RunningStack implements BeforeAllCallback, AfterAllCallback {

    private Process started;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Launcher.allServicesUp()) {
            started = Launcher.launch("journey");
            Launcher.awaitAllReady(started, "journey");
            for (ServiceApp service : ServiceApp.values()) {
                ConsumerLag.awaitCaughtUp(service.module(), Duration.ofMinutes(5));
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (started != null) {
            started.destroy();
            started.waitFor();
            assertThat(Arrays.stream(ServiceApp.values()).noneMatch(ServiceApp::up)).as("services stopped").isTrue();
        }
    }
}
