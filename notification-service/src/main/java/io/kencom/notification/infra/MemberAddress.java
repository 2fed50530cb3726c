package io.kencom.notification.infra;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * Where a member's mail goes (from AccountCreated); after the member withdraws or the account closes, the row stays
 * without an address (so a late mail is not kept waiting for one).
 */
@Entity
@Table(name = "member_address")
public class MemberAddress extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    public String email;
}
