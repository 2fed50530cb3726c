package io.kencom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which server a reaper may stop once the JVM that left it has ended: with modules' tests side by side
 * ({@code mvn -T}), one module's reaper must not stop the Kafka or Keycloak another module still uses.
 */
class ReaperTest {

    @TempDir
    Path repo;
    private StackLayout layout;
    /** A live process standing for another test JVM; {@link #ended} for one that has exited. */
    private Process otherJvm;
    private long ended;

    @BeforeEach
    void processes() throws Exception {
        layout = new StackLayout(repo);
        otherJvm = new ProcessBuilder("sleep", "60").start();
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        ended = done.pid();
    }

    @AfterEach
    void stopTheOther() {
        otherJvm.destroy();
    }

    private void pidFile(String server, long owner) throws Exception {
        Files.writeString(layout.pidDir().resolve(server + ".pid"), "4242 " + owner);
    }

    private void leaseBy(String server, long user) throws Exception {
        Files.writeString(layout.pidDir().resolve(server + ".lease-" + user), "");
    }

    @Test
    void a_server_its_ended_owner_left_and_nobody_uses_is_stopped() throws Exception {
        pidFile("kafka", ended);

        assertThat(Reaper.isLeft(layout, "kafka", ended)).isTrue();
    }

    @Test
    void a_server_a_live_jvm_adopted_is_left_to_that_jvm() throws Exception {
        pidFile("kafka", otherJvm.pid());

        assertThat(Reaper.isLeft(layout, "kafka", ended)).isFalse();
    }

    @Test
    void a_server_another_module_still_uses_under_a_lease_is_not_stopped_until_its_last_user_ends() throws Exception {
        pidFile("keycloak", ended);
        leaseBy("keycloak", otherJvm.pid());

        assertThat(Reaper.isLeft(layout, "keycloak", ended)).as("while the other module's JVM runs").isFalse();

        otherJvm.destroy();
        otherJvm.waitFor();
        assertThat(Reaper.isLeft(layout, "keycloak", otherJvm.pid())).as("the leaseholder's own reaper, after it ended")
                .isTrue();
        assertThat(layout.pidDir().resolve("keycloak.lease-" + otherJvm.pid())).as("a dead user's lease").doesNotExist();
    }

    @Test
    void the_ended_jvm_s_own_lease_does_not_hold_its_reaper_back() throws Exception {
        pidFile("kafka", otherJvm.pid());
        otherJvm.destroy();
        otherJvm.waitFor();
        leaseBy("kafka", ended);

        assertThat(Reaper.isLeft(layout, "kafka", ended)).as("owner ended, no live user").isTrue();
    }
}
