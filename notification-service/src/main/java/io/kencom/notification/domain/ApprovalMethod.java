package io.kencom.notification.domain;

import io.kencom.contracts.events.EkycApproved;

/** How the member's health and medical access was verified (EkycApproved.method), as the approval mail says it. */
public final class ApprovalMethod {

    private ApprovalMethod() {
    }

    public static String describe(EkycApproved.Method method) {
        return switch (method) {
            case EKYC_AUTOMATIC -> "本人確認書類と顔写真による確認";
            case EKYC_REVIEWED -> "本人確認書類と顔写真による確認（担当者による確認）";
            case CHECKUP_VIEWING_CODE -> "健診閲覧コード";
            case JPKI -> "マイナンバーカードのICチップ（公的個人認証）";
        };
    }
}
