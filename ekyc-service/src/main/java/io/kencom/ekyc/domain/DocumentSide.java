package io.kencom.ekyc.domain;

import io.kencom.contracts.events.EkycSubmitted.DocumentType;

/** Which photo of the ID document (guide p.20–28). */
public enum DocumentSide {
    FRONT,
    /** The back with the remarks field (運転免許証, 運転経歴証明書, 在留カード). */
    BACK,
    /** The remarks when they are not on the back (a sheet attached to the document). */
    REMARKS;

    /**
     * Whether this side of this document may be photographed at all. The My Number card's back carries the individual
     * number (個人番号), which the service must not collect; its remarks (追記欄) are on the front.
     */
    public boolean takenOf(DocumentType document) {
        return this == FRONT || document != DocumentType.MY_NUMBER_CARD;
    }

    /** Whether the remarks of this document need a photo of their own when they have an entry. */
    public static boolean remarksNeedAPhoto(DocumentType document) {
        return document != DocumentType.MY_NUMBER_CARD;
    }
}
