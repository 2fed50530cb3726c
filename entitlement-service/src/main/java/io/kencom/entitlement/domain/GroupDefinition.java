package io.kencom.entitlement.domain;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.entitlement.EntitlementProblems;
import io.kencom.platform.problem.Require;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A group (団体) as operations staff define it in the catalog (DOMAIN §1): everything of {@link GroupChanged} but
 * the id, revision and time, which the catalog assigns.
 */
public record GroupDefinition(List<String> insurerNumbers, String name, GroupCategory category, CardFormat cardFormat,
        List<ConsentDocument> consentDocuments, GroupChanged.Options options, List<GroupChanged.Link> links,
        List<GroupChanged.MenuItem> menuItems, Boolean contracted) {

    private static final Pattern GROUP_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public static String checkedGroupId(String groupId) {
        if (groupId == null || !GROUP_ID.matcher(groupId).matches()) {
            throw EntitlementProblems.groupIdInvalid();
        }
        return groupId;
    }

    /**
     * This definition checked and normalised (insurer numbers half-width, absent lists empty, absent options off),
     * or the first problem found as an {@code ApiProblem}.
     */
    public GroupDefinition checked() {
        List<String> numbers = Require.field(insurerNumbers, "insurerNumbers");
        if (numbers.isEmpty()) {
            Require.field(null, "insurerNumbers");
        }
        List<String> normalised = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            int index = i;
            InsurerNumber.problemWith(number).ifPresent(p -> {
                throw EntitlementProblems.insurerNumberInvalid(index, p);
            });
            String value = InsurerNumber.parse(number).value();
            if (!normalised.contains(value)) {
                normalised.add(value);
            }
        }
        GroupChanged.Options opts = options == null ? new GroupChanged.Options(null, null, false, false, false) : options;
        List<ConsentDocument> documents = consentDocuments == null ? List.of() : consentDocuments;
        checkConsents(documents, opts.ownPoints() != null);
        if (opts.walkingEvent() != null && opts.walkingEvent().heldTo().isBefore(opts.walkingEvent().heldFrom())) {
            throw EntitlementProblems.walkingEventPeriodInvalid();
        }
        List<GroupChanged.Link> groupLinks = links == null ? List.of() : links;
        for (int i = 0; i < groupLinks.size(); i++) {
            if (!webAddress(groupLinks.get(i).url())) {
                throw EntitlementProblems.linkUrlInvalid(i);
            }
        }
        return new GroupDefinition(List.copyOf(normalised), Require.field(name, "name").strip(),
                Require.field(category, "category"), Require.field(cardFormat, "cardFormat"), List.copyOf(documents),
                opts, List.copyOf(groupLinks), menuItems == null ? List.of() : List.copyOf(menuItems),
                contracted == null || contracted);
    }

    /** The catalog's event for this definition at a revision. */
    public GroupChanged asRevision(String groupId, long revision, Instant changedAt) {
        return new GroupChanged(groupId, insurerNumbers, name, category, cardFormat, consentDocuments, options, links,
                menuItems, contracted, revision, changedAt);
    }

    /** The definition a published revision carries, to tell a real change from a repeated PUT. */
    public static GroupDefinition of(GroupChanged group) {
        return new GroupDefinition(group.insurerNumbers(), group.name(), group.category(), group.cardFormat(),
                group.consentDocuments(), group.options(), group.links(), group.menuItems(), group.contracted());
    }

    /**
     * DOMAIN §3.4: the privacy policy and the member terms are required; the own-point special terms are offered,
     * and required, exactly where the group runs its own points; the newsletter is optional.
     */
    private static void checkConsents(List<ConsentDocument> documents, boolean ownPoints) {
        Map<ConsentDocument.Kind, ConsentDocument> byKind = new EnumMap<>(ConsentDocument.Kind.class);
        for (ConsentDocument document : documents) {
            if (byKind.put(document.kind(), document) != null) {
                throw EntitlementProblems.consentDocumentsInvalid("DUPLICATE", document.kind());
            }
            if (document.version().isBlank()) {
                throw EntitlementProblems.consentDocumentsInvalid("VERSION_MISSING", document.kind());
            }
        }
        for (ConsentDocument.Kind kind : ConsentDocument.Kind.values()) {
            ConsentDocument document = byKind.get(kind);
            boolean mustBeRequired = kind == ConsentDocument.Kind.PRIVACY_POLICY
                    || kind == ConsentDocument.Kind.MEMBER_TERMS
                    || (kind == ConsentDocument.Kind.OWN_POINT_TERMS && ownPoints);
            if (mustBeRequired && document == null) {
                throw EntitlementProblems.consentDocumentsInvalid("MISSING", kind);
            }
            if (document == null) {
                continue;
            }
            if (kind == ConsentDocument.Kind.OWN_POINT_TERMS && !ownPoints) {
                throw EntitlementProblems.consentDocumentsInvalid("NOT_APPLICABLE", kind);
            }
            if (document.required() != mustBeRequired) {
                throw EntitlementProblems.consentDocumentsInvalid(mustBeRequired ? "MUST_BE_REQUIRED" : "MUST_BE_OPTIONAL",
                        kind);
            }
        }
    }

    private static boolean webAddress(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
