package io.kencom.contracts.model;

/** How an insurer prints symbol (記号) and number (番号) on its card (domain.md §4.2, guide p.14). */
public enum CardFormat {
    /** 1: number only, with a hyphen — {@code 1234-5678}, two fields. */
    NUMBER_WITH_HYPHEN,
    /** 2: number only — {@code 12345678}. */
    NUMBER_ONLY,
    /** 3: symbol with a hyphen, and a number — symbol {@code 12-456}, number {@code 5678}. */
    SYMBOL_WITH_HYPHEN_AND_NUMBER,
    /** 4: symbol and number — symbol {@code 1234}, number {@code 5678}. */
    SYMBOL_AND_NUMBER
}
