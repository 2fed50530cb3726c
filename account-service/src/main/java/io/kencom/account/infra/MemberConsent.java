package io.kencom.account.infra;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** What a member agreed to at sign-up: document, version, time. */
@Entity
@Table(name = "member_consent")
@IdClass(MemberConsent.Key.class)
public class MemberConsent extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Id
    public String kind;

    public String version;

    @Column(name = "agreed_at")
    public Instant agreedAt;

    /** The composite key (owner, document kind). */
    public static class Key implements Serializable {
        public UUID memberId;
        public String kind;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(memberId, k.memberId) && java.util.Objects.equals(kind, k.kind);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(memberId, kind);
        }
    }
}
