package io.kencom.platform;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock, replaceable in tests of time rules (code expiry, the 100-day rule). */
@ApplicationScoped
public class Clocks {

    /** The guide's days are Japanese days: "100 days", "while held" and "today" end at midnight in Tokyo. */
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** An instant as the PostgreSQL client takes it for a {@code TIMESTAMPTZ} parameter. */
    public static OffsetDateTime timestamptz(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

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
