package io.kencom.ekyc.infra;

import com.sun.jna.Pointer;
import io.kencom.ekyc.domain.DocumentFields;
import io.kencom.ekyc.domain.DocumentReader;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.TessAPI;
import org.jboss.logging.Logger;

/**
 * Tesseract 5 with its Japanese model (Debian's {@code tesseract-ocr-jpn}) through tess4j's bindings of Tesseract's C
 * API. The pixels are handed over as RGB bytes: tess4j's {@code Tesseract} class would convert them through lept4j,
 * which looks for {@code libleptonica.so} where Debian 12 ships {@code liblept.so.5}. One engine per thread (an engine
 * is not thread-safe), kept for the thread's life. A failure reads nothing, so the application goes to a person.
 */
public final class TesseractDocumentReader implements DocumentReader {

    private static final Logger LOG = Logger.getLogger(TesseractDocumentReader.class);

    private final String dataPath;
    private final ThreadLocal<TessBaseAPI> engines;

    public TesseractDocumentReader(String dataPath) {
        this.dataPath = dataPath;
        this.engines = ThreadLocal.withInitial(this::engine);
    }

    private TessBaseAPI engine() {
        TessBaseAPI handle = TessAPI.INSTANCE.TessBaseAPICreate();
        if (TessAPI.INSTANCE.TessBaseAPIInit3(handle, dataPath, "jpn") != 0) {
            TessAPI.INSTANCE.TessBaseAPIDelete(handle);
            throw new IllegalStateException("Tesseract has no jpn model under " + dataPath);
        }
        return handle;
    }

    @Override
    public DocumentFields read(BufferedImage front) {
        try {
            TessBaseAPI handle = engines.get();
            int w = front.getWidth();
            int h = front.getHeight();
            ByteBuffer rgb = ByteBuffer.allocateDirect(w * h * 3);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                front.getRGB(0, y, w, 1, row, 0, w);
                for (int p : row) {
                    rgb.put((byte) (p >> 16)).put((byte) (p >> 8)).put((byte) p);
                }
            }
            rgb.flip();
            TessAPI.INSTANCE.TessBaseAPISetImage(handle, rgb, w, h, 3, w * 3);
            Pointer text = TessAPI.INSTANCE.TessBaseAPIGetUTF8Text(handle);
            try {
                return DocumentFields.parse(text == null ? "" : text.getString(0, StandardCharsets.UTF_8.name()));
            } finally {
                if (text != null) {
                    TessAPI.INSTANCE.TessDeleteText(text);
                }
                TessAPI.INSTANCE.TessBaseAPIClear(handle);
            }
        } catch (RuntimeException | LinkageError e) {
            // The text is never logged: it holds the member's name and birth date.
            LOG.warnf("the document could not be read: %s", e.getClass().getSimpleName());
            return DocumentFields.NOTHING;
        }
    }
}
