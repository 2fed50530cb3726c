package io.kencom.account.infra;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A document the member agreed to during sign-up, in the version shown, and when. */
@Entity
@Table(name = "signup_consent")
@IdClass(SignupConsent.Key.class)
public class SignupConsent extends PanacheEntityBase {

    @Id
    @Column(name = "signup_id")
    public UUID signupId;

    @Id
    public String kind;

    public String version;

    @Column(name = "agreed_at")
    public Instant agreedAt;

    /** The composite key (owner, document kind). */
    public static class Key implements Serializable {
        public UUID signupId;
        public String kind;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(signupId, k.signupId) && Objects.equals(kind, k.kind);
        }

        @Override
        public int hashCode() {
            return Objects.hash(signupId, kind);
        }
    }
}
