package io.kencom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.e2e.journey.OwnStack;
import io.kencom.local.Gateway;
import io.kencom.local.KafkaBroker;
import io.kencom.local.Keycloak;
import io.kencom.local.MailServer;
import io.kencom.local.Net;
import io.kencom.local.ServiceApp;
import java.nio.file.Files;
import io.kencom.testsupport.RealInfrastructure;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The launcher behind deploy/local/run, run as the README runs it: everything comes up, a second run while it
 * runs changes nothing, a run after the launcher was killed takes over what it left, and stopping it (SIGTERM,
 * as Ctrl-C) stops what it started. Last of the module's classes (junit-platform.properties): the services the
 * others shared are stopped and the servers this JVM runs are handed over, so the launcher starts the five services
 * itself and stops every server when it stops.
 */
@Order(100)
class LocalStackRunTest {

    @BeforeAll
    static void handTheStackToTheLauncher() {
        OwnStack.SHARED.stop();
        RealInfrastructure.release(KafkaBroker.LOCAL, new Keycloak(), MailServer.LOCAL, Gateway.LOCAL);
    }

    @Test
    void brings_all_five_services_up_and_stops_what_it_started() throws Exception {
        boolean alreadyUp = Launcher.allServicesUp();
        Process first = Launcher.launch("first");
        try {
            Launcher.awaitAllReady(first, "first");
            assertThat(Net.status(Keycloak.realmUrl() + "/.well-known/openid-configuration")).isEqualTo(200);
            assertThat(Net.status(Gateway.publicUrl() + "/realms/kencom/.well-known/openid-configuration"))
                    .as("the realm through the gateway").isEqualTo(200);

            Process second = Launcher.launch("second");
            assertThat(second.waitFor()).isZero();
            assertThat(Files.readString(Launcher.log("second"))).contains("already running");
            assertThat(first.isAlive()).isTrue();

            if (alreadyUp) {
                return; // someone else's stack: not ours to kill
            }
            first.destroyForcibly().waitFor(); // a crash: its servers live on
            assertThat(Arrays.stream(ServiceApp.values()).allMatch(ServiceApp::up)).isTrue();

            Process third = Launcher.launch("third");
            Launcher.awaitAllReady(third, "third");
            assertThat(Files.readString(Launcher.log("third"))).contains("adopted");
            third.destroy(); // SIGTERM, as Ctrl-C
            third.waitFor();
            assertThat(Arrays.stream(ServiceApp.values()).noneMatch(ServiceApp::up)).as("services stopped").isTrue();
            assertThat(Net.listening(KafkaBroker.LOCAL.port())).as("kafka stopped").isFalse();
            assertThat(Net.listening(Gateway.PUBLIC_PORT)).as("gateway stopped").isFalse();
        } finally {
            first.destroy();
            first.waitFor(); // the next test class must not meet a launcher still stopping
        }
    }
}
