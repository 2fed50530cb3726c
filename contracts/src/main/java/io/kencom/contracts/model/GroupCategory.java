package io.kencom.contracts.model;

/** The category the member picks before entering the insurer number (guide p.3). */
public enum GroupCategory {
    /** 健康保険・共済組合または会社 */
    HEALTH_INSURANCE_SOCIETY_OR_COMPANY,
    /** 国民健康保険組合 */
    NATIONAL_HEALTH_INSURANCE_SOCIETY,
    /** 地方自治体 */
    MUNICIPALITY,
    /** その他 */
    OTHER
}
