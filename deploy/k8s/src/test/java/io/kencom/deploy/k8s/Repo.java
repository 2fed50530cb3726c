package io.kencom.deploy.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, wherever Maven runs the tests from. */
final class Repo {

    static final String[] SERVICES = {"account-service", "insured-verification-service", "ekyc-service",
            "entitlement-service", "notification-service"};

    private Repo() {
    }

    /** The folder that holds deploy/k8s: Maven's project folder, or one above it when run in this module alone. */
    static Path root() {
        Path start = Path.of(System.getProperty("kencom.repo.root", ".")).toAbsolutePath().normalize();
        for (Path path = start; path != null; path = path.getParent()) {
            if (Files.isDirectory(path.resolve("deploy/k8s/overlays"))) {
                return path;
            }
        }
        throw new IllegalStateException("no repository around " + start);
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    /** Where the tests write what they render, for a reader to look at after a failure. */
    static Path target(String relative) {
        return path("deploy/k8s/target/" + relative);
    }
}
