package io.kencom.ekyc.infra;

import io.kencom.ekyc.domain.FaceReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The face reader the service uses: the bundled models, loaded once (a vendor's adapter would be produced here). */
@ApplicationScoped
public class FaceModels {

    @Produces
    @Singleton
    FaceReader faceReader() {
        return new OnnxFaceReader();
    }

    void close(@Disposes FaceReader reader) throws Exception {
        if (reader instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
