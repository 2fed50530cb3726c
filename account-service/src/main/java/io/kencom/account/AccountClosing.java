package io.kencom.account;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The 100-day clock (domain.md Q4/Q5): accounts of members who lost qualification and did not re-join within 100 days
 * end with {@code AccountClosed}, once, whichever instance gets there first.
 */
@ApplicationScoped
public class AccountClosing {

    private static final Logger LOG = Logger.getLogger(AccountClosing.class);

    private final Members members;

    AccountClosing(Members members) {
        this.members = members;
    }

    @Scheduled(identity = "account-closing", every = "${kencom.account.closing.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return closeDue().invoke(closed -> {
            if (closed > 0) {
                LOG.infof("closed %d account(s) 100 days after loss of qualification", closed);
            }
        }).replaceWithVoid();
    }

    /** Closes every account that is due; one that fails (Keycloak down, say) is left for the next run. */
    public Uni<Integer> closeDue() {
        return next(new HashSet<>(), 0);
    }

    private Uni<Integer> next(Set<UUID> failed, int closed) {
        return members.closeNextUnaffiliatedFor100Days(failed)
                .chain(memberId -> memberId.isEmpty() ? Uni.createFrom().item(closed) : next(failed, closed + 1))
                .onFailure(Members.CloseFailed.class).recoverWithUni(e -> {
                    LOG.warnf("%s; the next run tries again", e.getMessage());
                    failed.add(((Members.CloseFailed) e).memberId());
                    return next(failed, closed);
                });
    }
}
