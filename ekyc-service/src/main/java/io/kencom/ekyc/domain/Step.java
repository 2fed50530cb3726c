package io.kencom.ekyc.domain;

/** The steps of an application in the guide's order (domain.md §5, p.19–33); {@code DONE} once submitted. */
public enum Step {
    /** 本人確認書類の選択 and whether its remarks field (備考欄) has an entry */
    DOCUMENT,
    /** オモテ面の撮影 */
    FRONT,
    /** ウラ面の撮影, only when the remarks have an entry and the document keeps them on the back */
    BACK,
    /** 本人情報の確認: name and birth date as on the document; a new name in the remarks wins */
    DOCUMENT_DATA,
    /** 顔写真の撮影（正面）: facing the camera, mouth closed */
    FACE_FRONT,
    /** 顔写真の撮影（別アングル）: the random challenge */
    FACE_CHALLENGE,
    /** 秘密の質問設定 */
    SECRET_QUESTION,
    /** この内容で認証する */
    SUBMIT,
    DONE
}
