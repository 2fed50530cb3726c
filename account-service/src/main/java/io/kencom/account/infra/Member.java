package io.kencom.account.infra;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** 会員: an account, from creation to withdrawal (退会) or closing. */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    public enum Status {
        ACTIVE,
        /** The member withdrew. */
        WITHDRAWN,
        /** The account ended: 100 days after loss of qualification, or by support. */
        CLOSED
    }

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    public String email;

    @Column(name = "group_id")
    public String groupId;

    @Column(name = "insurer_number")
    public String insurerNumber;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "auth_level")
    public String authLevel;

    @Column(name = "qualification_lost_on")
    public LocalDate qualificationLostOn;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "ended_at")
    public Instant endedAt;
}
