package io.kencom.ekyc.infra;

import io.kencom.ekyc.domain.DocumentReader;
import io.kencom.ekyc.domain.FaceReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The readers the service uses: the bundled face models, loaded once, and Tesseract for the document's text. A
 * vendor's adapter would be produced here instead.
 */
@ApplicationScoped
public class Readers {

    @Produces
    @Singleton
    FaceReader faceReader() {
        return new OnnxFaceReader();
    }

    @Produces
    @Singleton
    DocumentReader documentReader(@ConfigProperty(name = "kencom.ekyc.ocr.tessdata") String tessdata) {
        return new TesseractDocumentReader(tessdata);
    }

    void close(@Disposes FaceReader reader) throws Exception {
        if (reader instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
