package io.kencom.contracts.model;

import java.util.Objects;

/** A document the member agrees to at sign-up (domain.md §3.4), in the version then in force. */
public record ConsentDocument(Kind kind, String version, boolean required) {

    public enum Kind {
        /** プライバシーポリシー */
        PRIVACY_POLICY,
        /** 会員個別規約 */
        MEMBER_TERMS,
        /** 独自ポイント特約: only where the group runs its own points. */
        OWN_POINT_TERMS,
        /** メールマガジン: an opt-in, never required. */
        NEWSLETTER
    }

    public ConsentDocument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
    }
}
