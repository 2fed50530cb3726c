package io.kencom.ekyc.testing;

import io.kencom.ekyc.domain.FaceMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The face match lines the service ships with (its application.properties), for tests and benchmarks outside it. */
public final class FaceLines {

    private FaceLines() {
    }

    public static FaceMatch.Lines configured() {
        Properties properties = new Properties();
        try (InputStream in = FaceMatch.class.getResourceAsStream("/application.properties");
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FaceMatch.Lines(Double.parseDouble(properties.getProperty("kencom.ekyc.face.same-at")),
                Double.parseDouble(properties.getProperty("kencom.ekyc.face.different-below")));
    }
}
