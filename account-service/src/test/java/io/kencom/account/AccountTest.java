package io.kencom.account;

import io.kencom.testsupport.InfrastructureResource;
import io.kencom.testsupport.MutableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

/** The real servers account-service uses: PostgreSQL, Kafka and Keycloak; and a clock tests can move. */
@QuarkusTestResource(value = InfrastructureResource.class, initArgs = {
        @ResourceArg(name = "database", value = "account_test"), @ResourceArg(name = "needs", value = "kafka,keycloak") })
abstract class AccountTest {

    @Inject
    MutableClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }
}
