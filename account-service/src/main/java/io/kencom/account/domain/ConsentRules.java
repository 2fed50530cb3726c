package io.kencom.account.domain;

import io.kencom.contracts.model.ConsentDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * 同意 (guide p.7): the privacy policy and the group's member terms are required, the own-point special terms
 * where the group runs its own points, the newsletter is an opt-in. Which documents apply, in which version and
 * whether required, comes from the group in the catalog; the member must agree to the version in force.
 */
public final class ConsentRules {

    private ConsentRules() {
    }

    /** A document the member ticked, with the version the app showed. */
    public record Agreement(ConsentDocument.Kind kind, String version) {
    }

    /** What is wrong with a set of agreements; all empty when it is acceptable. */
    public record Check(List<ConsentDocument.Kind> missing, List<ConsentDocument.Kind> outdated,
            List<ConsentDocument.Kind> notOffered) {

        public boolean ok() {
            return missing.isEmpty() && outdated.isEmpty() && notOffered.isEmpty();
        }
    }

    public static Check check(Collection<ConsentDocument> offered, Collection<Agreement> agreed) {
        Map<ConsentDocument.Kind, ConsentDocument> byKind = offered.stream()
                .collect(Collectors.toMap(ConsentDocument::kind, d -> d, (a, b) -> b));
        Map<ConsentDocument.Kind, Agreement> agreedByKind = agreed.stream()
                .collect(Collectors.toMap(Agreement::kind, a -> a, (a, b) -> b));
        List<ConsentDocument.Kind> missing = new ArrayList<>();
        List<ConsentDocument.Kind> outdated = new ArrayList<>();
        List<ConsentDocument.Kind> notOffered = new ArrayList<>();
        for (ConsentDocument doc : offered) {
            Agreement a = agreedByKind.get(doc.kind());
            if (a == null) {
                if (doc.required()) {
                    missing.add(doc.kind());
                }
            } else if (!doc.version().equals(a.version())) {
                outdated.add(doc.kind());
            }
        }
        for (Agreement a : agreed) {
            if (!byKind.containsKey(a.kind())) {
                notOffered.add(a.kind());
            }
        }
        return new Check(missing, outdated, notOffered);
    }
}
