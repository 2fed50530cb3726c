package io.kencom.entitlement.infra;

import io.kencom.contracts.model.AuthLevel;
import io.kencom.entitlement.domain.MemberFacts;
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

/** One member's facts and the level last derived from them. */
@Entity
@Table(name = "member_facts")
public class MemberFactsRow extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "group_id")
    public String groupId;

    @Column(name = "account_created_at")
    public Instant accountCreatedAt;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "ekyc_approved_at")
    public Instant ekycApprovedAt;

    @Column(name = "disaffiliated_at")
    public Instant disaffiliatedAt;

    @Column(name = "qualification_lost_on")
    public LocalDate qualificationLostOn;

    @Column(name = "reaffiliated_at")
    public Instant reaffiliatedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Enumerated(EnumType.STRING)
    public AuthLevel level;

    @Column(name = "level_changed_at")
    public Instant levelChangedAt;

    public MemberFacts facts() {
        return new MemberFacts(groupId, accountCreatedAt, verifiedAt, ekycApprovedAt, disaffiliatedAt,
                qualificationLostOn, reaffiliatedAt, endedAt);
    }

    public void record(MemberFacts facts) {
        groupId = facts.groupId();
        accountCreatedAt = facts.accountCreatedAt();
        verifiedAt = facts.verifiedAt();
        ekycApprovedAt = facts.ekycApprovedAt();
        disaffiliatedAt = facts.disaffiliatedAt();
        qualificationLostOn = facts.qualificationLostOn();
        reaffiliatedAt = facts.reaffiliatedAt();
        endedAt = facts.endedAt();
    }
}
