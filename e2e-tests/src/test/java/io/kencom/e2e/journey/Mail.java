package io.kencom.e2e.journey;

import java.util.Arrays;

/** The mails of domain.md §8, by the subject the member sees (local stack's configuration: app name kencom). */
enum Mail {
    SIGNUP_CODE("【kencom】新規登録の確認コード"),
    SIGNUP_COMPLETED("【kencom】会員登録が完了しました"),
    PERSONAL_VERIFIED("【kencom】本人確認が完了しました"),
    EKYC_IN_REVIEW("【kencom】健診・医療アクセス認証の申請を受け付けました"),
    EKYC_APPROVED("【kencom】健診・医療アクセス認証が完了しました"),
    EKYC_REJECTED("【kencom】健診・医療アクセス認証を完了できませんでした"),
    PASSWORD_RESET_CODE("【kencom】パスワード再設定の確認コード"),
    WITHDRAWN("【kencom】退会手続きが完了しました");

    final String subject;

    Mail(String subject) {
        this.subject = subject;
    }

    static Mail withSubject(String subject) {
        return Arrays.stream(values()).filter(m -> m.subject.equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("a mail that domain.md §8 does not list: " + subject));
    }
}
