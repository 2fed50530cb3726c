package io.kencom.platform.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The problem+json answers in each service's OpenAPI document, so that the app can switch on {@code code} from what
 * the document says. An operation names its own refusals on the statuses it answers them with:
 *
 * <pre>
 * &#64;APIResponse(responseCode = "422", description = "…",
 *         extensions = &#64;Extension(name = ProblemResponses.CODES, value = "GROUP_NOT_FOUND INSURER_NUMBER_INVALID"))
 * </pre>
 *
 * and this filter, at build time, gives each such answer the shared {@code Problem} schema with {@code code} as an
 * enum of those codes, and adds to every operation what the platform answers on any of them (ProblemMappers,
 * RequestGuards): a malformed request, the body limit, the media type, a parameter that is not of its type, no token
 * or the wrong roles where the operation is secured, a dependency unavailable (with Retry-After). An operation open
 * to anyone says so ({@code security: []}). docs/api.md tells the whole contract and the tests that hold it.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    /** The extension an operation's {@code @APIResponse} lists its problem codes in, space-separated. */
    public static final String CODES = "x-problem-codes";

    static final String SCHEMA = "Problem";

    private static final Map<String, String> GENERIC_DESCRIPTIONS = Map.of(
            "400", "The request is malformed: not JSON for this operation, or a control character in its path or query",
            "401", "No valid access token",
            "403", "The token's roles do not open this operation",
            "404", "A path or query parameter is not of its type (not a UUID, not a number)",
            "413", "The body is over this operation's limit",
            "415", "The body's media type is not one this operation reads",
            "503", "A service this one depends on is not answering; try again after Retry-After seconds");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(SCHEMA, problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(ProblemResponses::document));
    }

    private static void document(Operation operation) {
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (!secured) {
            operation.setSecurity(new ArrayList<>()); // security: [] — open to anyone, stated rather than implied
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        Map<String, Set<String>> codes = new TreeMap<>();
        responses.getAPIResponses().forEach((status, response) -> {
            Object declared = response.getExtensions() == null ? null : response.getExtensions().get(CODES);
            if (declared != null) {
                codes.computeIfAbsent(status, s -> new TreeSet<>())
                        .addAll(Arrays.asList(declared.toString().trim().split("[\\s,]+")));
            }
        });
        add(codes, "400", "MALFORMED_REQUEST");
        add(codes, "503", "SERVICE_UNAVAILABLE");
        if (operation.getRequestBody() != null) {
            add(codes, "413", "BODY_TOO_LARGE");
            if (!readsAnyMediaType(operation)) {
                add(codes, "415", "UNSUPPORTED_MEDIA_TYPE");
            }
        }
        if (hasTypedParameter(operation)) {
            add(codes, "404", "NOT_FOUND");
        }
        if (secured) {
            add(codes, "401", "UNAUTHENTICATED");
            if (operation.getSecurity().stream().anyMatch(r -> r.getSchemes().values().stream()
                    .anyMatch(roles -> roles != null && !roles.isEmpty()))) {
                add(codes, "403", "FORBIDDEN");
            }
        }
        // Quarkus adds a bare 400, 401 and 403 to an operation by its own rules, one instance shared by many: those we
        // answer are rebuilt below, each operation its own; those we do not answer (403 where no role is asked) go.
        List.copyOf(responses.getAPIResponses().keySet()).forEach(status -> {
            if (!codes.containsKey(status) && isQuarkusDefault(responses.getAPIResponse(status).getDescription())) {
                responses.removeAPIResponse(status);
            }
        });
        codes.forEach((status, known) -> {
            APIResponse declared = responses.getAPIResponse(status);
            String description = declared == null || declared.getDescription() == null
                    || declared.getDescription().isBlank() || isQuarkusDefault(declared.getDescription())
                    ? GENERIC_DESCRIPTIONS.getOrDefault(status, "Refused") : declared.getDescription();
            APIResponse response = OASFactory.createAPIResponse().description(description)
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(problemWith(known))));
            if (declared != null && declared.getHeaders() != null) {
                declared.getHeaders().forEach(response::addHeader);
            }
            if (status.equals("503")) {
                response.addHeader(HttpHeaders.RETRY_AFTER, retryAfter());
            }
            responses.addAPIResponse(status, response);
        });
    }

    /**
     * A path or query parameter of a type other than text (a UUID, a number): JAX-RS answers a value that does not
     * convert with 404, as for a path that names nothing.
     */
    private static boolean hasTypedParameter(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .map(p -> p.getSchema()).filter(schema -> schema != null)
                .anyMatch(schema -> schema.getRef() != null || schema.getFormat() != null
                        || schema.getType() != null && !schema.getType().contains(Schema.SchemaType.STRING));
    }

    private static boolean readsAnyMediaType(Operation operation) {
        var content = operation.getRequestBody().getContent();
        return content != null && content.hasMediaType("*/*");
    }

    private static void add(Map<String, Set<String>> codes, String status, String code) {
        codes.computeIfAbsent(status, s -> new TreeSet<>()).add(code);
    }

    /** Quarkus' own descriptions of the answers it adds for a body or a secured operation. */
    private static boolean isQuarkusDefault(String description) {
        return description != null && Set.of("Bad Request", "Not Authorized", "Not Allowed").contains(description);
    }

    private static Schema problemWith(Set<String> codes) {
        return OASFactory.createSchema().addAllOf(OASFactory.createSchema().ref(SCHEMA))
                .addProperty("code", OASFactory.createSchema().enumeration(new ArrayList<>(codes)));
    }

    private static Header retryAfter() {
        return OASFactory.createHeader().description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
    }

    /** RFC 9457's members, {@code code}, and whatever members a code adds ({@code attemptsLeft}, {@code field}…). */
    private static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", string("A URN naming the problem: urn:kencom:problem:<code>"));
        properties.put("title", string("A short summary, the same for every occurrence of the code"));
        properties.put("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                .description("The HTTP status"));
        properties.put("detail", string("For people; never personal data"));
        properties.put("instance", string("The request's path"));
        properties.put("code", string("The stable name of the problem, what the app switches on"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail (application/problem+json) with a stable code")
                .properties(properties).required(List.of("type", "title", "status", "code"))
                .additionalPropertiesBoolean(true);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
