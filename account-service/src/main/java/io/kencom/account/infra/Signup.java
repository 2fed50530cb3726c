package io.kencom.account.infra;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** 新規会員登録 in progress: from the group ID check to the accepted code. */
@Entity
@Table(name = "signup")
public class Signup extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "group_id")
    public String groupId;

    @Column(name = "insurer_number")
    public String insurerNumber;

    public String email;

    @Column(name = "password_sealed")
    public String passwordSealed;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "member_id")
    public UUID memberId;
}
