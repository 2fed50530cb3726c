package io.kencom.entitlement.infra;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Which group an insurer number (保険者番号) belongs to; the key makes it one group only. */
@Entity
@Table(name = "catalog_insurer_number")
public class CatalogInsurerNumber extends PanacheEntityBase {

    @Id
    @Column(name = "insurer_number")
    public String insurerNumber;

    @Column(name = "group_id")
    public String groupId;

    public CatalogInsurerNumber() {
    }

    public CatalogInsurerNumber(String insurerNumber, String groupId) {
        this.insurerNumber = insurerNumber;
        this.groupId = groupId;
    }
}
