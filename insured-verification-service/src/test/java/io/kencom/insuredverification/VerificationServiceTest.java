package io.kencom.insuredverification;

import io.kencom.testsupport.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real servers insured-verification-service uses: PostgreSQL, Kafka, and Keycloak for the tokens it checks. */
@QuarkusTestResource(value = InfrastructureResource.class, initArgs = {
        @ResourceArg(name = "database", value = "insured_verification_test"),
        @ResourceArg(name = "needs", value = "kafka,keycloak") })
abstract class VerificationServiceTest {
}
