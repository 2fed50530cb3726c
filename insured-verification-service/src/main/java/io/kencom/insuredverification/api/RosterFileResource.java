package io.kencom.insuredverification.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.RosterFiles;
import io.kencom.insuredverification.VerificationProblems;
import io.kencom.insuredverification.domain.FieldError;
import io.kencom.platform.Clocks;
import io.kencom.platform.problem.AnsweredInTime;
import io.kencom.platform.problem.ApiProblem;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An insurer's roster file (CSV, UTF-8 or Shift_JIS), streamed into the roster; answers the report of rejected rows.
 * {@code asOf} is the time the export reflects (a date means that day's start in Japan): it orders the file's rows
 * against the insurer's events, so a file sent again, or late, never undoes newer news. A feed account writes only
 * the rosters of the insurer numbers its token names ({@code insurer_numbers}, from its Keycloak attribute).
 */
@Tag(name = "Rosters", description = "The insurers' roster files, from their feeds")
@AnsweredInTime
@Path("/v1/insurers/{insurerNumber}/roster-files")
@RolesAllowed("insurer-feed")
public class RosterFileResource {

    private final RosterFiles files;
    private final Clock clock;
    private final JsonWebToken token;

    RosterFileResource(RosterFiles files, Clock clock, JsonWebToken token) {
        this.files = files;
        this.clock = clock;
        this.token = token;
    }

    @Operation(operationId = "uploadRosterFile")
    @APIResponse(responseCode = "200", description = "The file applied: rows applied, refused and why",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RosterFiles.Report.class)))
    @APIResponse(responseCode = "403", description = "The feed account may not write this insurer's roster",
            extensions = @Extension(name = CODES, value = "INSURER_NOT_ALLOWED"))
    @APIResponse(responseCode = "404", description = "No group of the service has this insurer number",
            extensions = @Extension(name = CODES, value = "INSURER_NOT_FOUND"))
    @APIResponse(responseCode = "422", description = "The file or a parameter is refused",
            extensions = @Extension(name = CODES, value = "FIELD_INVALID INSURER_NUMBER_INVALID ROSTER_FILE_INVALID"))
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
        InsurerNumber insurer = InsurerNumber.parse(insurerNumber);
        if (!writableInsurers().contains(insurer.value())) {
            throw VerificationProblems.insurerNotAllowed();
        }
        return files.load(insurer, body, charset(contentType), asOf(asOf));
    }

    /** The claim is an array (a multivalued attribute); an account without the attribute writes no roster. */
    private Set<String> writableInsurers() {
        Object claim = token.getClaim("insurer_numbers");
        if (claim instanceof JsonArray numbers) {
            return numbers.stream().filter(JsonString.class::isInstance).map(n -> ((JsonString) n).getString())
                    .collect(Collectors.toSet());
        }
        return claim instanceof JsonString number ? Set.of(number.getString()) : Set.of();
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
