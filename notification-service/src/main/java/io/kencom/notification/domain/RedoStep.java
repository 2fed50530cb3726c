package io.kencom.notification.domain;

import java.util.List;
import java.util.Map;

/**
 * What a member must redo after a refused eKYC application (EkycRejected.redo), in the words of the guide's steps
 * (domain.md §5). Codes this service does not know yet get a general instruction rather than nothing.
 */
public final class RedoStep {

    private static final Map<String, String> WORDS = Map.of(
            "DOCUMENT_TYPE", "本人確認書類の選択",
            "DOCUMENT_PHOTO", "本人確認書類の撮影（表面・裏面）",
            "DOCUMENT_DATA", "氏名・生年月日の確認",
            "FACE_FRONT", "顔写真の撮影（正面）",
            "FACE_CHALLENGE", "顔写真の撮影（指示された動き）",
            "SECRET_QUESTION", "秘密の質問の設定");

    static final String GENERAL = "アプリの案内に沿った申請のやり直し";

    private RedoStep() {
    }

    /** The Japanese description of each step, in the order given, without repeats. */
    public static List<String> describe(List<String> codes) {
        List<String> words = codes.stream().map(code -> WORDS.getOrDefault(code, GENERAL)).distinct().toList();
        return words.isEmpty() ? List.of(GENERAL) : words;
    }
}
