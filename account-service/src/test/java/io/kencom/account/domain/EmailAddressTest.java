package io.kencom.account.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @CsvSource({"taro@kencom.com, taro@kencom.com", "Taro.Yamada@Kencom.JP, taro.yamada@kencom.jp",
            "' hanako+app@example.co.jp ', hanako+app@example.co.jp", "ｔａｒｏ＠ｋｅｎｃｏｍ．ｃｏｍ, taro@kencom.com"})
    void reads_an_address_as_one_spelling(String typed, String value) {
        assertThat(EmailAddress.parse(typed).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "taro", "taro@", "@kencom.com", "taro@kencom", "taro@@kencom.com", "taro yamada@kencom.com",
            "太郎@kencom.com"})
    void refuses_what_is_not_an_address(String typed) {
        assertThatThrownBy(() -> EmailAddress.parse(typed)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"taro.yamada@kencom.com"})
    void never_prints_itself(String typed) {
        assertThat(EmailAddress.parse(typed).toString()).doesNotContain("taro");
        assertThat(EmailAddress.parse(typed).localPart()).isEqualTo("taro.yamada");
    }
}
