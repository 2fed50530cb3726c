package io.kencom.ekyc;

import io.kencom.testsupport.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real servers ekyc-service uses: PostgreSQL, Kafka, and Keycloak for the tokens it checks. */
@QuarkusTestResource(value = InfrastructureResource.class, initArgs = {
        @ResourceArg(name = "database", value = "ekyc_test"), @ResourceArg(name = "needs", value = "kafka,keycloak") })
abstract class EkycServiceTest {
}
