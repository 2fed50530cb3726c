package io.kencom.platform;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** The system clock, replaceable in tests of time rules (code expiry, the 100-day rule). */
@ApplicationScoped
public class Clocks {

    /** The guide's days are Japanese days: "100 days", "while held" and "today" end at midnight in Tokyo. */
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** Today in Japan by this clock. */
    public static LocalDate todayInJapan(Clock clock) {
        return LocalDate.now(clock.withZone(JAPAN));
    }

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
