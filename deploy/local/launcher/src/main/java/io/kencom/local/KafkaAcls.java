package io.kencom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The local broker's ACLs, one per line: {@code <principal> <resource type> <pattern type> <resource name>
 * <operation>}, e.g. {@code account-service topic literal kencom.account.events Write}; {@code #} starts a comment.
 */
public final class KafkaAcls {

    /** One operation on one resource allowed to one principal, from any host. */
    public record Grant(String principal, ResourceType resourceType, PatternType patternType, String resourceName,
            AclOperation operation) {

        public AclBinding binding() {
            return new AclBinding(new ResourcePattern(resourceType, resourceName, patternType),
                    new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
        }

        /** The line that reads back as this grant. */
        public String line() {
            String op = name(operation);
            return String.join(" ", principal, name(resourceType), name(patternType), resourceName,
                    Character.toUpperCase(op.charAt(0)) + op.substring(1));
        }

        static Grant parse(String line) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 5) {
                throw new IllegalArgumentException("not <principal> <type> <pattern> <name> <operation>: " + line);
            }
            // valueOf, not fromString: an unknown word must fail here, not become UNKNOWN
            return new Grant(f[0], ResourceType.valueOf(upper(f[1])), PatternType.valueOf(upper(f[2])), f[3],
                    AclOperation.valueOf(upper(f[4])));
        }

        private static String upper(String word) {
            return word.toUpperCase(Locale.ROOT);
        }

        private static String name(Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
    }

    private KafkaAcls() {
    }

    public static List<Grant> read(Path file) {
        try {
            return Files.readAllLines(file).stream().map(l -> l.replaceAll("#.*", "").trim())
                    .filter(l -> !l.isEmpty()).map(Grant::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker's ACLs from " + file, e);
        }
    }
}
