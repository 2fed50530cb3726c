package io.kencom.insuredverification.api;

import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.RosterFiles;
import io.kencom.insuredverification.VerificationProblems;
import io.kencom.insuredverification.domain.FieldError;
import io.kencom.platform.Clocks;
import io.kencom.platform.problem.ApiProblem;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * An insurer's roster file (CSV, UTF-8 or Shift_JIS), streamed into the roster; answers the report of rejected rows.
 * {@code asOf} is the time the export reflects (a date means that day's start in Japan): it orders the file's rows
 * against the insurer's events, so a file sent again, or late, never undoes newer news.
 */
@Path("/v1/insurers/{insurerNumber}/roster-files")
@RolesAllowed("insurer-feed")
public class RosterFileResource {

    private final RosterFiles files;
    private final Clock clock;

    RosterFileResource(RosterFiles files, Clock clock) {
        this.files = files;
        this.clock = clock;
    }

    @POST
    @Blocking
    @Consumes({ "text/csv", MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    public RosterFiles.Report upload(@PathParam("insurerNumber") String insurerNumber, @QueryParam("asOf") String asOf,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) throws IOException {
        InsurerNumber.Problem problem = InsurerNumber.problemWith(insurerNumber).orElse(null);
        if (problem != null) {
            throw VerificationProblems.insurerNumberInvalid(problem);
        }
        return files.load(InsurerNumber.parse(insurerNumber), body, charset(contentType), asOf(asOf));
    }

    private Instant asOf(String value) {
        if (value == null || value.isBlank()) {
            throw VerificationProblems.fieldInvalid(new FieldError("asOf", FieldError.Reason.REQUIRED));
        }
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(Clocks.JAPAN).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw VerificationProblems.fieldInvalid(new FieldError("asOf", FieldError.Reason.NOT_A_DATE));
        }
        if (instant.isAfter(clock.instant())) {
            throw VerificationProblems.fieldInvalid(new FieldError("asOf", FieldError.Reason.IN_FUTURE));
        }
        return instant;
    }

    private static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return MediaType.valueOf(contentType).getParameters().get("charset");
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unreadable Content-Type");
        }
    }
}
