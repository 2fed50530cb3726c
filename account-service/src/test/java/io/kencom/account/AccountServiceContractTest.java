package io.kencom.account;

import io.kencom.testsupport.InfrastructureResource;
import io.kencom.testsupport.ServiceContractTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = InfrastructureResource.class, initArgs = {
        @ResourceArg(name = "database", value = "account_test"), @ResourceArg(name = "needs", value = "kafka") })
class AccountServiceContractTest extends ServiceContractTest {
}
