package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The whole current state of one group (団体) of the catalog, carried as an event (event-carried state transfer) on
 * a compacted topic. {@code contracted=false} means the contract ended: new sign-ups are refused.
 */
public record GroupChanged(String groupId, List<String> insurerNumbers, String name, GroupCategory category,
        CardFormat cardFormat, List<ConsentDocument> consentDocuments, Options options, List<Link> links,
        List<MenuItem> menuItems, boolean contracted, long revision, Instant changedAt) implements DomainEvent {

    /** Options the group contracts; absent ones are off. */
    public record Options(OwnPoints ownPoints, WalkingEvent walkingEvent, boolean checkupDataLink,
            boolean medicationHistoryLink, boolean medicalCostNoticeLink) {
    }

    /** 独自ポイント: its name, and which automatic grants wait for {@code PERSONAL} (guide p.11 note ※3). */
    public record OwnPoints(String name, List<String> grantsAfterPersonal) {

        public OwnPoints {
            Objects.requireNonNull(name, "name");
            grantsAfterPersonal = grantsAfterPersonal == null ? List.of() : List.copyOf(grantsAfterPersonal);
        }
    }

    /** みんなで歩活: shown only while held. */
    public record WalkingEvent(LocalDate heldFrom, LocalDate heldTo) {

        public WalkingEvent {
            Objects.requireNonNull(heldFrom, "heldFrom");
            Objects.requireNonNull(heldTo, "heldTo");
        }
    }

    /** 団体リンク */
    public record Link(String title, String url) {

        public Link {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(url, "url");
        }
    }

    /** The group's own items of the action menu 行動メニュー (added to the app's standard ones). */
    public record MenuItem(String title, String description) {

        public MenuItem {
            Objects.requireNonNull(title, "title");
        }
    }

    public GroupChanged {
        Objects.requireNonNull(groupId, "groupId");
        insurerNumbers = List.copyOf(Objects.requireNonNull(insurerNumbers, "insurerNumbers"));
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(cardFormat, "cardFormat");
        consentDocuments = consentDocuments == null ? List.of() : List.copyOf(consentDocuments);
        options = options == null ? new Options(null, null, false, false, false) : options;
        links = links == null ? List.of() : List.copyOf(links);
        menuItems = menuItems == null ? List.of() : List.copyOf(menuItems);
        Objects.requireNonNull(changedAt, "changedAt");
    }

    @Override
    public String subject() {
        return groupId;
    }
}
