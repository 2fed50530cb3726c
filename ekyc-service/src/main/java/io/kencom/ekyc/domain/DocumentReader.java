package io.kencom.ekyc.domain;

import java.awt.image.BufferedImage;

/** The port to whatever reads the printed text of an ID document's front (OCR), or a vendor's API in its place. */
public interface DocumentReader {

    /** What could be read; {@link DocumentFields#NOTHING} when nothing could. */
    DocumentFields read(BufferedImage front);
}
