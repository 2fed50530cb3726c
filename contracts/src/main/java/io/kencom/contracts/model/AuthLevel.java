package io.kencom.contracts.model;

/** A member's verification level (domain.md §2); decides what the app may show (domain.md §7). */
public enum AuthLevel {
    /** 未認証 */
    NONE,
    /** 団体ID認証: group ID check and account creation. */
    GROUP_ID,
    /** 本人確認（団体個人認証）: insurance-card data matched against the roster. */
    PERSONAL,
    /** 健診・医療アクセス認証（機微情報認証）: eKYC or checkup viewing code, plus a secret question. */
    SENSITIVE,
    /** 未所属認証: qualification lost in the group. */
    UNAFFILIATED
}
