package io.kencom.e2e.journey;

import io.kencom.e2e.Launcher;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole local stack for a test class that only uses it: a running one (deploy/local/run) is used as it is;
 * otherwise the stack this JVM shares between its classes ({@link OwnStack#SHARED}), started by the first of them.
 */
final class RunningStack implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (OwnStack.SHARED.started() || !Launcher.allServicesUp()) {
            OwnStack.SHARED.beforeAll(context);
        }
    }
}
