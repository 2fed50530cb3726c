package io.kencom.entitlement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.events.AccountClosed;
import io.kencom.contracts.events.AccountCreated;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.MemberDisaffiliated;
import io.kencom.contracts.events.MemberReaffiliated;
import io.kencom.contracts.events.MemberWithdrew;
import io.kencom.contracts.model.AuthLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The level is derived from facts: duplicates and any order of arrival give the same level. */
class MemberFactsTest {

    private static final UUID MEMBER = UUID.fromString("7b0c3f0e-9a51-4c53-9d40-3e7f5b1c2a10");
    private static final String GROUP = "g-kenpo-01";
    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

    private static Instant day(int n) {
        return T0.plusSeconds(86_400L * n);
    }

    private static final AccountCreated CREATED = new AccountCreated(MEMBER, GROUP, "06139992", "a@example.com", day(0));
    private static final AccountVerified VERIFIED = new AccountVerified(MEMBER, GROUP, "06139992", day(1));
    private static final EkycApproved EKYC = new EkycApproved(MEMBER, UUID.randomUUID(),
            EkycApproved.Method.EKYC_AUTOMATIC, day(2));
    private static final MemberDisaffiliated LOST = new MemberDisaffiliated(MEMBER, GROUP, LocalDate.of(2026, 6, 30),
            day(91));
    private static final MemberReaffiliated REJOINED = new MemberReaffiliated(MEMBER, GROUP, LocalDate.of(2026, 8, 1),
            day(122));
    private static final MemberDisaffiliated LOST_AGAIN = new MemberDisaffiliated(MEMBER, GROUP,
            LocalDate.of(2026, 10, 31), day(213));
    private static final MemberReaffiliated REJOINED_AGAIN = new MemberReaffiliated(MEMBER, GROUP,
            LocalDate.of(2026, 12, 1), day(244));
    private static final MemberWithdrew WITHDREW = new MemberWithdrew(MEMBER, GROUP, day(300));
    private static final AccountClosed CLOSED = new AccountClosed(MEMBER, GROUP,
            AccountClosed.Reason.UNAFFILIATED_100_DAYS, day(313));

    private static final List<Object> EVERY_FACT = List.of(CREATED, VERIFIED, EKYC, LOST, REJOINED, LOST_AGAIN,
            REJOINED_AGAIN, WITHDREW, CLOSED);

    @Property(tries = 2000)
    void any_order_with_duplicates_of_any_set_of_events_gives_the_same_level(@ForAll("historiesAndShuffles") List<List<Object>> pair) {
        List<Object> inOrder = pair.get(0);
        List<Object> shuffledWithDuplicates = pair.get(1);

        assertThat(apply(shuffledWithDuplicates).level()).isEqualTo(apply(inOrder).level());
        assertThat(apply(shuffledWithDuplicates)).isEqualTo(apply(inOrder));
    }

    /** A subset of the facts in their real order, and the same subset shuffled with some events repeated. */
    @Provide
    Arbitrary<List<List<Object>>> historiesAndShuffles() {
        Arbitrary<List<Object>> subsets = Arbitraries.of(EVERY_FACT).set().ofMinSize(1).map(chosen -> {
            List<Object> inOrder = new ArrayList<>(EVERY_FACT);
            inOrder.retainAll(chosen);
            return inOrder;
        });
        return subsets.flatMap(inOrder -> Combinators.combine(
                        Arbitraries.of(inOrder).list().ofMaxSize(6),
                        Arbitraries.randoms())
                .as((duplicates, random) -> {
                    List<Object> shuffled = new ArrayList<>(inOrder);
                    shuffled.addAll(duplicates);
                    Collections.shuffle(shuffled, random);
                    return List.of(inOrder, shuffled);
                }));
    }

    @Example
    void the_journey_moves_forward_by_facts() {
        assertThat(levelAfter()).isEqualTo(AuthLevel.NONE);
        assertThat(levelAfter(CREATED)).isEqualTo(AuthLevel.GROUP_ID);
        assertThat(levelAfter(CREATED, VERIFIED)).isEqualTo(AuthLevel.PERSONAL);
        assertThat(levelAfter(CREATED, VERIFIED, EKYC)).isEqualTo(AuthLevel.SENSITIVE);
    }

    @Example
    void sensitive_needs_personal() {
        assertThat(levelAfter(CREATED, EKYC)).isEqualTo(AuthLevel.GROUP_ID);
    }

    @Example
    void no_level_before_the_account_exists() {
        assertThat(levelAfter(VERIFIED, EKYC)).isEqualTo(AuthLevel.NONE);
    }

    @Example
    void loss_of_qualification_overrides_any_level_and_rejoining_restores_it() {
        assertThat(levelAfter(CREATED, VERIFIED, EKYC, LOST)).isEqualTo(AuthLevel.UNAFFILIATED);
        assertThat(levelAfter(CREATED, LOST)).isEqualTo(AuthLevel.UNAFFILIATED);
        assertThat(levelAfter(CREATED, VERIFIED, EKYC, LOST, REJOINED)).isEqualTo(AuthLevel.SENSITIVE);
        assertThat(levelAfter(CREATED, VERIFIED, EKYC, LOST, REJOINED, LOST_AGAIN)).isEqualTo(AuthLevel.UNAFFILIATED);
    }

    @Example
    void a_rejoining_that_arrives_before_the_loss_it_answers_still_leaves_the_member_affiliated() {
        assertThat(levelAfter(REJOINED, CREATED, LOST)).isEqualTo(AuthLevel.GROUP_ID);
    }

    @Example
    void an_ended_account_has_no_level_whatever_arrives_later() {
        assertThat(levelAfter(CREATED, VERIFIED, WITHDREW)).isEqualTo(AuthLevel.NONE);
        assertThat(levelAfter(CREATED, LOST, CLOSED, REJOINED)).isEqualTo(AuthLevel.NONE);
        assertThat(levelAfter(WITHDREW, CREATED, VERIFIED)).isEqualTo(AuthLevel.NONE);
    }

    @Example
    void the_latest_loss_date_is_kept() {
        assertThat(apply(List.of(CREATED, LOST_AGAIN, LOST)).qualificationLostOn()).isEqualTo(LocalDate.of(2026, 10, 31));
    }

    private static AuthLevel levelAfter(Object... events) {
        return apply(List.of(events)).level();
    }

    private static MemberFacts apply(List<Object> events) {
        MemberFacts facts = MemberFacts.NONE;
        for (Object event : events) {
            facts = facts.with(event);
        }
        return facts;
    }
}
