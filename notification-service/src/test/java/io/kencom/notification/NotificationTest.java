package io.kencom.notification;

import io.kencom.testsupport.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** PostgreSQL, Kafka, Keycloak (ops tokens) and an SMTP server these tests may stop. */
@QuarkusTestResource(value = InfrastructureResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notification_test"),
        @ResourceArg(name = "needs", value = "kafka,keycloak") })
@QuarkusTestResource(ProxiedSmtp.class)
abstract class NotificationTest {
}
