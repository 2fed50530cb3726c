package io.kencom.insuredverification.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.VerificationProblems;
import io.kencom.insuredverification.infra.Insurers;
import io.kencom.platform.problem.AnsweredInTime;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How an insurer prints symbol and number (domain.md §4.2), so the app shows the right fields. */
@Tag(name = "Personal verification",
        description = "本人確認: the card's format, and the member matched against the insurer's roster")
@AnsweredInTime
@Path("/v1/insurers/{insurerNumber}/card-format")
@Authenticated
public class CardFormatResource {

    /**
     * {@code pattern}: the guide's 1–4; {@code symbol}: whether the card has a symbol (記号); {@code numberParts}: 2 when
     * the number is printed in two hyphenated parts (pattern 1), which the app may show as two fields.
     */
    public record CardFormatView(String insurerNumber, CardFormat cardFormat, int pattern, boolean symbol,
            int numberParts) {

        static CardFormatView of(InsurerNumber number, CardFormat format) {
            boolean symbol = format == CardFormat.SYMBOL_WITH_HYPHEN_AND_NUMBER || format == CardFormat.SYMBOL_AND_NUMBER;
            return new CardFormatView(number.value(), format, format.ordinal() + 1, symbol,
                    format == CardFormat.NUMBER_WITH_HYPHEN ? 2 : 1);
        }
    }

    private final Insurers insurers;

    CardFormatResource(Insurers insurers) {
        this.insurers = insurers;
    }

    @Operation(operationId = "getCardFormat")
    @APIResponse(responseCode = "200", description = "How the insurer prints symbol and number",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CardFormatView.class)))
    @APIResponse(responseCode = "404", description = "No group of the service has this insurer number",
            extensions = @Extension(name = CODES, value = "INSURER_NOT_FOUND"))
    @APIResponse(responseCode = "422", description = "The insurer number is not valid",
            extensions = @Extension(name = CODES, value = "INSURER_NUMBER_INVALID"))
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<CardFormatView> cardFormat(@PathParam("insurerNumber") String insurerNumber) {
        InsurerNumber.Problem problem = InsurerNumber.problemWith(insurerNumber).orElse(null);
        if (problem != null) {
            throw VerificationProblems.insurerNumberInvalid(problem);
        }
        InsurerNumber number = InsurerNumber.parse(insurerNumber);
        return insurers.find(number).map(insurer -> {
            if (insurer == null) {
                throw VerificationProblems.insurerNotFound();
            }
            return CardFormatView.of(number, insurer.cardFormat());
        });
    }
}
