package io.kencom.ekyc.domain;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The port to whatever finds and describes faces: the models bundled with the service, or a vendor's API in their
 * place. Faces come largest first.
 */
public interface FaceReader {

    List<FaceReading> read(BufferedImage photo);
}
