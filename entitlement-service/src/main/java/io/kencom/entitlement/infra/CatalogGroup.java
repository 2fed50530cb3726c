package io.kencom.entitlement.infra;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A group (団体) of the catalog at its current revision. */
@Entity
@Table(name = "catalog_group")
public class CatalogGroup extends PanacheEntityBase {

    @Id
    @Column(name = "group_id")
    public String groupId;

    public long revision;

    /** The {@code GroupChanged} payload of this revision, as JSON. */
    public String state;

    @Column(name = "changed_at")
    public Instant changedAt;
}
