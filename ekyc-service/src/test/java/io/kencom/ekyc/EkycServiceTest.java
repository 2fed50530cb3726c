package io.kencom.ekyc;

import io.kencom.testsupport.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real servers ekyc-service uses: PostgreSQL, Kafka, Keycloak for the tokens it checks, and Tesseract. */
@QuarkusTestResource(value = InfrastructureResource.class, initArgs = {
        @ResourceArg(name = "database", value = "ekyc_test"), @ResourceArg(name = "needs", value = "kafka,keycloak,ocr,jpki") })
abstract class EkycServiceTest {
}
