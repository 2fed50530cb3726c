package io.kencom.notification;

import io.kencom.testsupport.InfrastructureResource;
import io.kencom.testsupport.ServiceContractTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = InfrastructureResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notification_test"),
        @ResourceArg(name = "needs", value = "kafka,keycloak") })
@QuarkusTestResource(ProxiedSmtp.class)
class NotificationServiceContractTest extends ServiceContractTest {
}
