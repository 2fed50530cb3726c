package io.kencom.api;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, wherever the tests run from (Maven runs them in api/). */
final class Repo {

    private Repo() {
    }

    static Path root() {
        Path start = Path.of(".").toAbsolutePath().normalize();
        for (Path path = start; path != null; path = path.getParent()) {
            if (Files.isDirectory(path.resolve("api")) && Files.isDirectory(path.resolve("platform"))) {
                return path;
            }
        }
        throw new IllegalStateException("no repository around " + start);
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }
}
