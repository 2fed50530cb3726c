package io.kencom.notification.domain;

import java.util.Locale;

/**
 * Every mail the member receives (domain.md §8), with its Japanese subject. Each has a plain-text and an HTML Qute
 * template, {@code templates/mail/<name>.txt|.html}, where name is the kind in lower case.
 */
public enum MailKind {
    /** 新規登録のワンタイムパスワード (EmailRequested SIGNUP_CODE) */
    SIGNUP_CODE("新規登録の確認コード"),
    /** 新規登録完了 (AccountCreated) */
    SIGNUP_COMPLETED("会員登録が完了しました"),
    /** 本人確認完了 (AccountVerified) */
    PERSONAL_VERIFIED("本人確認が完了しました"),
    /** 申請受付・審査中 (EkycReviewRequested: only applications a person reviews; one approved at once gets APPROVED) */
    EKYC_IN_REVIEW("健診・医療アクセス認証の申請を受け付けました"),
    /** 認証完了 (EkycApproved) */
    EKYC_APPROVED("健診・医療アクセス認証が完了しました"),
    /** 認証不可、やり直す手順つき (EkycRejected) */
    EKYC_REJECTED("健診・医療アクセス認証を完了できませんでした"),
    /** パスワード再設定の確認コード (EmailRequested PASSWORD_RESET_CODE) */
    PASSWORD_RESET_CODE("パスワード再設定の確認コード"),
    /** 退会完了 (MemberWithdrew) */
    WITHDRAWN("退会手続きが完了しました");

    private final String subject;

    MailKind(String subject) {
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }

    public String template() {
        return "mail/" + name().toLowerCase(Locale.ROOT);
    }
}
