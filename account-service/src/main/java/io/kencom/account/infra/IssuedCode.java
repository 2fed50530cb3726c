package io.kencom.account.infra;

import io.kencom.account.domain.OneTimeCodePolicy;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A one-time code that was sent (or, for an unknown address's reset, pretended to be), kept as an HMAC. */
@Entity
@Table(name = "one_time_code")
public class IssuedCode extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "flow_id")
    public UUID flowId;

    public String email;

    @Column(name = "code_mac")
    public String codeMac;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "wrong_tries")
    public int wrongTries;

    public boolean used;

    public OneTimeCodePolicy.State state() {
        return new OneTimeCodePolicy.State(issuedAt, wrongTries, used);
    }
}
