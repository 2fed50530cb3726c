package io.kencom.account.domain;

/** パスワード設定の条件 (guide p.6): each rule a password can fail, as the app shows them. */
public enum PasswordRule {
    /** 8文字以上20文字以下 */
    LENGTH,
    /** Only half-width letters, digits and symbols (英大文字・英小文字・数字・記号). */
    CHARACTERS,
    /** 2種類以上の文字を含む */
    KINDS,
    /** 推測されにくい: not built from the e-mail address. */
    CONTAINS_EMAIL,
    /** 推測されにくい: no run such as {@code aaaa} or {@code 1234}. */
    RUN,
    /** 推測されにくい: not a common or easily guessed password. */
    GUESSABLE
}
