package io.kencom.insuredverification.domain;

import io.kencom.insuredverification.domain.FieldError.Reason;
import java.time.LocalDate;

/** 生年月日: a real date (the JSON reader or the CSV reader sees to that), not in the future, not before 1900. */
public final class BirthDate {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private BirthDate() {
    }

    public static LocalDate check(String field, LocalDate date, LocalDate today) {
        if (date == null) {
            throw new FieldError(field, Reason.REQUIRED);
        }
        if (date.isAfter(today)) {
            throw new FieldError(field, Reason.IN_FUTURE);
        }
        if (date.isBefore(EARLIEST)) {
            throw new FieldError(field, Reason.TOO_EARLY);
        }
        return date;
    }
}
