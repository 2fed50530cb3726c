package io.kencom.entitlement.domain;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.contracts.model.InsurerNumber;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A group (団体) as operations staff define it in the catalog (domain.md §1): everything of {@link GroupChanged} but
 * the id, revision and time, which the catalog assigns.
 */
public record GroupDefinition(List<String> insurerNumbers, String name, GroupCategory category, CardFormat cardFormat,
        List<ConsentDocument> consentDocuments, GroupChanged.Options options, List<GroupChanged.Link> links,
        List<GroupChanged.MenuItem> menuItems, Boolean contracted) {

    private static final Pattern GROUP_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Why a definition is refused; the service answers each with its code (EntitlementProblems). */
    public sealed interface Refusal {
        record FieldMissing(String field) implements Refusal {
        }

        record GroupIdInvalid() implements Refusal {
        }

        /** {@code index}: the number's place in {@code insurerNumbers}. */
        record InsurerNumberInvalid(int index, InsurerNumber.Problem problem) implements Refusal {
        }

        /** {@code reason}: MISSING, DUPLICATE, VERSION_MISSING, NOT_APPLICABLE, MUST_BE_REQUIRED, MUST_BE_OPTIONAL. */
        record ConsentDocumentsInvalid(String reason, ConsentDocument.Kind kind) implements Refusal {
        }

        record WalkingEventPeriodInvalid() implements Refusal {
        }

        /** {@code index}: the link's place in {@code links}. */
        record LinkUrlInvalid(int index) implements Refusal {
        }
    }

    /** A definition (or a group id) the rules refuse: the first refusal found. */
    public static final class Invalid extends RuntimeException {

        private final Refusal refusal;

        Invalid(Refusal refusal) {
            super(refusal.toString(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    public static String checkedGroupId(String groupId) {
        if (groupId == null || !GROUP_ID.matcher(groupId).matches()) {
            throw new Invalid(new Refusal.GroupIdInvalid());
        }
        return groupId;
    }

    /**
     * This definition checked and normalised (insurer numbers half-width, absent lists empty, absent options off),
     * or {@link Invalid} with the first refusal found.
     */
    public GroupDefinition checked() {
        List<String> numbers = required(insurerNumbers, "insurerNumbers");
        if (numbers.isEmpty()) {
            throw new Invalid(new Refusal.FieldMissing("insurerNumbers"));
        }
        List<String> normalised = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            int index = i;
            InsurerNumber.problemWith(number).ifPresent(p -> {
                throw new Invalid(new Refusal.InsurerNumberInvalid(index, p));
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
            throw new Invalid(new Refusal.WalkingEventPeriodInvalid());
        }
        List<GroupChanged.Link> groupLinks = links == null ? List.of() : links;
        for (int i = 0; i < groupLinks.size(); i++) {
            if (!webAddress(groupLinks.get(i).url())) {
                throw new Invalid(new Refusal.LinkUrlInvalid(i));
            }
        }
        return new GroupDefinition(List.copyOf(normalised), required(name, "name").strip(),
                required(category, "category"), required(cardFormat, "cardFormat"), List.copyOf(documents),
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
     * domain.md §3.4: the privacy policy and the member terms are required; the own-point special terms are offered,
     * and required, exactly where the group runs its own points; the newsletter is optional.
     */
    private static void checkConsents(List<ConsentDocument> documents, boolean ownPoints) {
        Map<ConsentDocument.Kind, ConsentDocument> byKind = new EnumMap<>(ConsentDocument.Kind.class);
        for (ConsentDocument document : documents) {
            if (byKind.put(document.kind(), document) != null) {
                throw consents("DUPLICATE", document.kind());
            }
            if (document.version().isBlank()) {
                throw consents("VERSION_MISSING", document.kind());
            }
        }
        for (ConsentDocument.Kind kind : ConsentDocument.Kind.values()) {
            ConsentDocument document = byKind.get(kind);
            boolean mustBeRequired = kind == ConsentDocument.Kind.PRIVACY_POLICY
                    || kind == ConsentDocument.Kind.MEMBER_TERMS
                    || (kind == ConsentDocument.Kind.OWN_POINT_TERMS && ownPoints);
            if (mustBeRequired && document == null) {
                throw consents("MISSING", kind);
            }
            if (document == null) {
                continue;
            }
            if (kind == ConsentDocument.Kind.OWN_POINT_TERMS && !ownPoints) {
                throw consents("NOT_APPLICABLE", kind);
            }
            if (document.required() != mustBeRequired) {
                throw consents(mustBeRequired ? "MUST_BE_REQUIRED" : "MUST_BE_OPTIONAL",
                        kind);
            }
        }
    }

    private static Invalid consents(String reason, ConsentDocument.Kind kind) {
        return new Invalid(new Refusal.ConsentDocumentsInvalid(reason, kind));
    }

    private static <T> T required(T value, String field) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw new Invalid(new Refusal.FieldMissing(field));
        }
        return value;
    }

    private static boolean webAddress(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
