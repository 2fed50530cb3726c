package io.kencom.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.kencom.account.infra.CatalogGroup;
import io.kencom.account.infra.CatalogInsurerNumber;
import io.kencom.contracts.EventJson;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.ConsentDocument;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;

/**
 * This service's read-only projection of the group catalog, fed by {@code GroupChanged}. A revision older than the
 * one held is ignored, so redelivered or reordered events leave the newest state.
 */
@ApplicationScoped
public class Catalog {

    private static final TypeReference<List<ConsentDocument>> DOCUMENTS = new TypeReference<>() {
    };

    /** Applies a catalog event; runs inside the consumer's transaction. */
    public Uni<Void> apply(GroupChanged event) {
        return CatalogGroup.<CatalogGroup>findById(event.groupId()).chain(existing -> {
            if (existing != null && existing.revision >= event.revision()) {
                return Uni.createFrom().voidItem();
            }
            CatalogGroup group = existing != null ? existing : new CatalogGroup();
            group.groupId = event.groupId();
            group.name = event.name();
            group.category = event.category().name();
            group.consentDocuments = json(event.consentDocuments());
            group.ownPoints = event.options().ownPoints() != null;
            group.contracted = event.contracted();
            group.revision = event.revision();
            group.changedAt = event.changedAt();
            return group.persist()
                    .chain(() -> CatalogInsurerNumber.delete("groupId", event.groupId()))
                    .chain(() -> Multi.createFrom().iterable(event.insurerNumbers())
                            .onItem().transformToUniAndConcatenate(number -> link(number, event.groupId()))
                            .collect().last())
                    .replaceWithVoid();
        });
    }

    /** The group an insurer number belongs to, or null. */
    public Uni<CatalogGroup> groupOf(String insurerNumber) {
        return CatalogInsurerNumber.<CatalogInsurerNumber>findById(insurerNumber)
                .chain(n -> n == null ? Uni.createFrom().nullItem() : CatalogGroup.findById(n.groupId));
    }

    public Uni<CatalogGroup> group(String groupId) {
        return CatalogGroup.findById(groupId);
    }

    public static List<ConsentDocument> consentDocuments(CatalogGroup group) {
        try {
            return EventJson.mapper().readValue(group.consentDocuments, DOCUMENTS);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable consent documents of a group", e);
        }
    }

    private static Uni<Object> link(String insurerNumber, String groupId) {
        return CatalogInsurerNumber.<CatalogInsurerNumber>findById(insurerNumber).chain(n -> {
            CatalogInsurerNumber row = n != null ? n : new CatalogInsurerNumber();
            row.insurerNumber = insurerNumber;
            row.groupId = groupId;
            return row.persist();
        });
    }

    private static String json(List<ConsentDocument> documents) {
        try {
            return EventJson.mapper().writeValueAsString(documents);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
