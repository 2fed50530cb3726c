package io.kencom.ekyc;

import io.kencom.ekyc.domain.Eligibility;
import io.kencom.ekyc.infra.MemberTable;
import io.kencom.ekyc.infra.MemberTable.Member;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Who may do eKYC now, by what this service has heard of the member ({@link MemberTable}). */
@ApplicationScoped
public class Members {

    private final MemberTable table;

    Members(MemberTable table) {
        this.table = table;
    }

    /**
     * The member, when they may do eKYC now (any method: photos, JPKI, a checkup viewing code); else fails with the
     * refusal the app is told (Eligibility).
     */
    public Uni<Member> eligible(SqlClient client, UUID memberId, SecretQuestions questions) {
        return table.find(client, memberId).chain(member -> questions.usable(client, memberId).chain(usable -> {
            Eligibility eligibility = member.level() == null ? Eligibility.LEVEL_TOO_LOW
                    : Eligibility.of(member.level(), member.checkupDataLink(), usable);
            return switch (eligibility) {
                case LEVEL_TOO_LOW -> Uni.createFrom().failure(EkycProblems.levelTooLow());
                case NO_CHECKUP_DATA -> Uni.createFrom().failure(EkycProblems.noCheckupData());
                case ALREADY_VERIFIED -> Uni.createFrom().failure(EkycProblems.alreadySensitive());
                case ELIGIBLE -> Uni.createFrom().item(member);
            };
        }));
    }

}
