package io.kencom.e2e.journey;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/journey.md: a new member's journey from sign-up to health-data access across all five services, on the real local
 * stack, through public APIs and the mailbox only. Each step builds on the one before; Journey holds the checks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(10)
class JourneyTest {

    @RegisterExtension
    static final RunningStack STACK = new RunningStack();

    private static Journey journey;

    @BeforeAll
    static void meetTheCast() {
        journey = new Journey(System.out);
    }

    @Test
    @Order(1)
    void an_insurer_sends_roster_events_and_another_a_shift_jis_file() {
        journey.rostersArrive();
    }

    @Test
    @Order(2)
    void members_sign_up_with_the_mailed_code_and_log_in_at_group_id() {
        journey.membersSignUp();
    }

    @Test
    @Order(3)
    void personal_verification_gives_personal_and_a_second_account_is_already_linked() {
        journey.personalVerification();
    }

    @Test
    @Order(4)
    void ekyc_gives_sensitive_at_once_or_after_review_and_the_secret_question_locks_after_five_wrong() {
        journey.ekycAndSecretQuestion();
    }

    @Test
    @Order(5)
    void loss_of_qualification_unaffiliates_reinstatement_restores_withdrawal_frees_the_address() {
        journey.lossReinstatementAndWithdrawal();
    }

    @Test
    @Order(6)
    void every_mail_of_the_guide_arrived_once() {
        journey.everyMailArrivedOnce();
    }

    @Test
    @Order(7)
    void no_personal_data_in_any_log_topic_or_table_but_where_it_belongs() {
        journey.noPersonalDataOutsideItsPlaces();
    }

    @Test
    @Order(8)
    void every_operation_answers_each_caller_as_the_access_table_says() {
        journey.nobodyInWhereTheyDoNotBelong();
    }

    @Test
    @Order(9)
    void a_sign_up_is_one_trace_across_the_services_and_their_logs_name_it() {
        Traces traces = OwnStack.SHARED.traces().orElse(null);
        Assumptions.assumeTrue(traces != null, "the services of deploy/local/run do not trace: stop it to run this");
        try {
            new SignupTrace(traces).check(journey.firstSignupId());
        } finally {
            traces.stopKeeping();
        }
    }
}
