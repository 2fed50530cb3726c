package io.kencom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which server a reaper may stop once the JVM that left it has ended: with modules' tests side by side
 * ({@code mvn -T}), one module's reaper must not stop the Kafka or Keycloak another module still uses.
 */
class ReaperTest {

    private static final Duration GRACE = Duration.ofMinutes(5);

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

        assertThat(Reaper.isLeft(layout, "kafka", ended, GRACE)).isTrue();
    }

    @Test
    void a_server_a_live_jvm_adopted_is_left_to_that_jvm() throws Exception {
        pidFile("kafka", otherJvm.pid());

        assertThat(Reaper.isLeft(layout, "kafka", ended, GRACE)).isFalse();
    }

    @Test
    void a_server_another_module_still_uses_under_a_lease_is_not_stopped_until_its_last_user_ends() throws Exception {
        pidFile("keycloak", ended);
        leaseBy("keycloak", otherJvm.pid());

        assertThat(Reaper.isLeft(layout, "keycloak", ended, GRACE)).as("while the other module's JVM runs").isFalse();

        otherJvm.destroy();
        otherJvm.waitFor();
        assertThat(Reaper.isLeft(layout, "keycloak", otherJvm.pid(), GRACE)).as("the leaseholder's own reaper, after it ended")
                .isTrue();
        assertThat(layout.pidDir().resolve("keycloak.lease-" + otherJvm.pid())).as("a dead user's lease").doesNotExist();
    }

    @Test
    void the_ended_jvm_s_own_lease_does_not_hold_its_reaper_back() throws Exception {
        pidFile("kafka", otherJvm.pid());
        otherJvm.destroy();
        otherJvm.waitFor();
        leaseBy("kafka", ended);

        assertThat(Reaper.isLeft(layout, "kafka", ended, GRACE)).as("owner ended, no live user").isTrue();
    }

    @Test
    void a_server_whose_last_user_ended_within_the_grace_is_not_stopped_by_an_earlier_users_reaper() throws Exception {
        pidFile("keycloak", ended);
        Path lease = layout.pidDir().resolve("keycloak.lease-" + otherJvm.pid());
        otherJvm.destroy();
        otherJvm.waitFor();
        leaseBy("keycloak", otherJvm.pid()); // dated at its end, as ManagedProcess.endUse dates it

        assertThat(Reaper.isLeft(layout, "keycloak", ended, GRACE)).as("just after the last user ended").isFalse();

        Files.setLastModifiedTime(lease, FileTime.from(Instant.now().minus(GRACE).minusSeconds(1)));
        assertThat(Reaper.isLeft(layout, "keycloak", ended, GRACE)).as("the grace after its end over").isTrue();
        assertThat(lease).as("a lease past its grace").doesNotExist();
    }

    @Test
    void a_jvm_at_its_end_dates_a_lease_of_each_server_it_owns_or_leases_and_of_no_other() throws Exception {
        long me = ProcessHandle.current().pid();
        pidFile("kafka", me);
        pidFile("keycloak", otherJvm.pid());
        leaseBy("keycloak", me);
        Files.setLastModifiedTime(layout.pidDir().resolve("keycloak.lease-" + me),
                FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        pidFile("smtp", otherJvm.pid());

        ManagedProcess.endUse(layout);

        assertThat(layout.pidDir().resolve("kafka.lease-" + me)).as("owned").exists();
        assertThat(Files.getLastModifiedTime(layout.pidDir().resolve("keycloak.lease-" + me)).toInstant())
                .as("leased, dated again").isAfter(Instant.now().minusSeconds(60));
        assertThat(layout.pidDir().resolve("smtp.lease-" + me)).as("neither").doesNotExist();
    }
}
