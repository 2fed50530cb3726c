package io.kencom.testsupport.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for the values a request carries: shaped by the operation's schema (right type and format, any
 * content), and the awkward ones a real app or an attacker sends (kana of both widths, emoji, lone surrogates, control
 * characters, huge strings and numbers).
 */
final class Values {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 5;

    /** Strings that have broken services elsewhere, and the Japanese text this product's input is made of. */
    static final List<String> AWKWARD = List.of("", " ", "　", "\u0000", "a\u0000b", "\u001b[31m", "\r\n", "\t",
            "ｹﾝｺｳ ﾀﾛｳ", "ケンコウ　タロウ", "けんこう たろう", "健康 太郎", "髙橋 﨑", "１２３４５６７８", "０６１３９９９２",
            "ﾊﾟｽﾜｰﾄﾞ", "😀", "👨‍👩‍👧‍👦", "\ud800", "\udfff", "x\ud83dy", "\u202e\u202d", "\ufeff", "\uffff",
            "' OR '1'='1", "\"; DROP TABLE account; --", "%00", "%s%n", "../../../etc/passwd", "<script>x</script>",
            "${jndi:ldap://127.0.0.1/x}", "NaN", "null", "true", "-1", "0", "1e309", "9".repeat(40),
            "06139992", "01-23", "2026-02-30", "0000-00-00", "9999-12-31T23:59:59Z", "not-a-uuid",
            "00000000-0000-0000-0000-000000000000", "a@b", "@", "user@例え.jp", "ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ");

    /** Path ids that are not UUIDs (and a few that are, in the wrong form). */
    static final List<String> NOT_UUIDS = List.of("1", "0", "-1", "abc", "null", "%20", "%00", "%2e%2e", "..",
            "%2F", "12345678-1234-1234-1234-1234567890123", "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ", "%7Bid%7D",
            "x".repeat(300),
            "%E5%81%A5%E5%BA%B7", "%F0%9F%98%80", "'", "%22");

    /** Over every length limit (built once: jqwik would build such a string char by char, slowly). */
    private static final List<String> HUGE = List.of("x".repeat(70_000), "あ".repeat(70_000),
            "9".repeat(20_000) + "😀".repeat(20_000));

    private final OpenApi api;

    Values(OpenApi api) {
        this.api = api;
    }

    static Arbitrary<String> awkwardStrings() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(AWKWARD)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange('ァ', 'ヶ').withCharRange('ｦ', 'ﾟ')
                        .withCharRange('０', '９').ofMinLength(1).ofMaxLength(30)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(HUGE)));
    }

    /** A roster file's header, as insurers send it (docs/insured-verification-service.md). */
    static final String ROSTER_HEADER =
            "personal_id,symbol,number,name_kana,birth_date,qualified_on,qualification_lost_on";

    /** Roster files (CSV, UTF-8) of one to three rows, each field shaped or awkward, every value quoted. */
    static Arbitrary<byte[]> rosterFiles() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> kana = Arbitraries.strings().withCharRange('ァ', 'ヶ').ofMinLength(2).ofMaxLength(12)
                .tuple2().map(t -> t.get1() + " " + t.get2());
        Arbitrary<String> date = Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(),
                LocalDate.of(2040, 12, 31).toEpochDay()).map(d -> LocalDate.ofEpochDay(d).toString());
        Arbitrary<String> row = Combinators.combine(List.of(or(digits), or(digits), or(digits), or(kana), or(date),
                or(date), Arbitraries.just(""))).as(fields -> fields.stream()
                .map(f -> "\"" + f.replace("\"", "\"\"") + "\"").collect(Collectors.joining(",")));
        return row.list().ofMinSize(1).ofMaxSize(3).map(rows -> (ROSTER_HEADER + "\r\n" + String.join("\r\n", rows)
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<String> or(Arbitrary<String> shaped) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, shaped), net.jqwik.api.Tuple.of(1,
                awkwardStrings().filter(s -> s.length() < 1000)));
    }

    static Arbitrary<JsonNode> hugeNumbers() {
        return Arbitraries.of(new BigDecimal("1e309"), new BigDecimal("-1e309"), new BigDecimal("1e-400"),
                new BigDecimal(BigInteger.TEN.pow(40)), BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.ONE),
                BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Integer.MAX_VALUE).add(BigDecimal.ONE),
                new BigDecimal("-0.5"), new BigDecimal("0.000001")).map(NODES::numberNode);
    }

    /** Any JSON value of a type other than the one given (null included). */
    static Arbitrary<JsonNode> otherThan(JsonNode value) {
        List<JsonNode> others = new ArrayList<>(List.of(NODES.textNode("x"), NODES.numberNode(7),
                NODES.booleanNode(true), NODES.arrayNode().add(1), NODES.objectNode().put("a", 1), NODES.nullNode()));
        others.removeIf(o -> o.getNodeType() == value.getNodeType());
        return Arbitraries.of(others);
    }

    /** A value of the schema's shape; its strings may be anything. */
    Arbitrary<JsonNode> shaped(JsonNode schema) {
        return shaped(schema, 0);
    }

    private Arbitrary<JsonNode> shaped(JsonNode schemaOrRef, int depth) {
        JsonNode schema = api.resolve(schemaOrRef);
        if (depth > MAX_DEPTH) {
            return Arbitraries.just(NODES.nullNode());
        }
        if (schema.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
            return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, Arbitraries.of(values)),
                    net.jqwik.api.Tuple.of(1, awkwardStrings().map(NODES::textNode)));
        }
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combined)) {
                return shaped(schema.get(combined).get(0), depth + 1);
            }
        }
        String type = type(schema);
        switch (type) {
            case "object":
                return object(schema, depth);
            case "array":
                return shaped(schema.path("items"), depth + 1).list().ofMaxSize(3).map(items -> {
                    ArrayNode array = NODES.arrayNode();
                    items.forEach(array::add);
                    return array;
                });
            case "integer":
                return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(-2, 5000)
                        .map(NODES::numberNode)), net.jqwik.api.Tuple.of(1, hugeNumbers()));
            case "number":
                return Arbitraries.doubles().between(-1, 1e6).map(NODES::numberNode);
            case "boolean":
                return Arbitraries.of(true, false).map(NODES::booleanNode);
            case "string":
                return string(schema).map(NODES::textNode);
            default:
                return Arbitraries.oneOf(awkwardStrings().map(NODES::textNode), Arbitraries.just(NODES.nullNode()));
        }
    }

    private Arbitrary<JsonNode> object(JsonNode schema, int depth) {
        List<String> names = new ArrayList<>();
        List<Arbitrary<JsonNode>> values = new ArrayList<>();
        schema.path("properties").fields().forEachRemaining(p -> {
            names.add(p.getKey());
            values.add(shaped(p.getValue(), depth + 1));
        });
        if (names.isEmpty()) {
            return Arbitraries.just(NODES.objectNode());
        }
        return Combinators.combine(values).as(list -> {
            ObjectNode object = NODES.objectNode();
            for (int i = 0; i < names.size(); i++) {
                object.set(names.get(i), list.get(i));
            }
            return (JsonNode) object;
        });
    }

    Arbitrary<String> string(JsonNode schema) {
        Arbitrary<String> rightFormat = switch (schema.path("format").asText("")) {
            case "uuid" -> Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()).toString());
            case "date" -> Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(),
                    LocalDate.of(2040, 12, 31).toEpochDay()).map(d -> LocalDate.ofEpochDay(d).toString());
            case "date-time" -> Arbitraries.longs().between(0, 2_300_000_000L)
                    .map(s -> Instant.ofEpochSecond(s).toString());
            case "email" -> Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)
                    .map(local -> local + "@example.jp");
            case "binary", "byte" -> Arbitraries.strings().withCharRange('A', 'Z').ofMaxLength(64);
            default -> Arbitraries.oneOf(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(10),
                    Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20));
        };
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, rightFormat),
                net.jqwik.api.Tuple.of(2, awkwardStrings()));
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isMissingNode() && schema.has("properties")) {
            return "object";
        }
        return type.asText("");
    }
}
