package io.kencom.platform.problem;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.net.ConnectException;
import java.util.List;

/** Endpoints that fail in each of the ways a service's endpoints can. */
@Path("/test/problems")
public class ProblemTestResource {

    public record Body(String name, int count, List<String> tags) {
    }

    @GET
    @Path("/refused")
    public String refused() {
        throw new ApiProblem(409, "INSURED_ALREADY_LINKED", "This insured person is linked to another account");
    }

    @POST
    @Path("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    public String echo(Body body) {
        return body.name();
    }

    @GET
    @Path("/members-only")
    @RolesAllowed("member")
    public String membersOnly() {
        return "welcome";
    }

    @GET
    @Path("/database-gone")
    public String databaseGone() {
        throw new IllegalStateException("wrapped", new ConnectException("Connection refused"));
    }

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException("internal detail that must not leak");
    }
}
