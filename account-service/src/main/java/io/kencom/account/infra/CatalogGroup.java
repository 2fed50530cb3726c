package io.kencom.account.infra;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A group (団体) as the catalog last told this service about it. */
@Entity
@Table(name = "catalog_group")
public class CatalogGroup extends PanacheEntityBase {

    @Id
    @Column(name = "group_id")
    public String groupId;

    public String name;

    public String category;

    /** JSON array of {@code ConsentDocument}. */
    @Column(name = "consent_documents")
    public String consentDocuments;

    @Column(name = "own_points")
    public boolean ownPoints;

    public boolean contracted;

    public long revision;

    @Column(name = "changed_at")
    public Instant changedAt;
}
