package io.kencom.platform.problem;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.kencom.platform.messaging.DedicatedBroker;
import io.kencom.testsupport.TcpProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that stops answering (its connections open, nothing coming back, as a SIGSTOP of PostgreSQL leaves
 * them) holds no request past {@code kencom.http.request-deadline} (2 s in these tests): the app is told 503 and to
 * try again; the request's transaction lands whole once the database answers again, and the service goes on.
 */
@QuarkusTest
@QuarkusTestResource(DedicatedBroker.class)
class FrozenDatabaseTest {

    /** Far longer than the deadline: a client that gives up first would prove nothing. */
    private static final RestAssuredConfig PATIENT_CLIENT = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 30_000));

    @Inject
    Pool pool;

    @AfterEach
    void databaseAnswersAgain() throws Exception {
        DedicatedBroker.DATABASE_LINK.mode(TcpProxy.Mode.PASS);
    }

    @Test
    void a_request_waiting_on_a_frozen_database_is_answered_503_and_its_transaction_lands_whole_later() throws Exception {
        String key = UUID.randomUUID().toString();
        given().post("/test/paired-writes/warm-" + key).then().statusCode(200); // the pool's connections open

        DedicatedBroker.DATABASE_LINK.mode(TcpProxy.Mode.STALL);
        given().config(PATIENT_CLIENT).post("/test/paired-writes/" + key).then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "5")
                .body("code", equalTo("SERVICE_UNAVAILABLE"));
        DedicatedBroker.DATABASE_LINK.mode(TcpProxy.Mode.PASS);

        given().config(PATIENT_CLIENT).post("/test/paired-writes/after-" + key).then().statusCode(200)
                .body(equalTo("written"));
        // Its connection was left waiting, not closed: the transaction goes on where it stopped and commits whole.
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(key) == 2);
    }

    private long rows(String key) {
        return pool.preparedQuery("SELECT count(*) FROM paired_write WHERE key = $1").execute(Tuple.of(key))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
