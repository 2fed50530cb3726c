package io.kencom.entitlement.domain;

/** The app's features of domain.md §7 (guide p.11), one per screen or area the app may show or hide. */
public enum Feature {
    /** 新規登録・FAQ・規約・プライバシーポリシー: open to everyone. */
    SIGN_UP_AND_HELP,
    /** 記事 */
    ARTICLES,
    /** お知らせ */
    NOTICES,
    /** 団体リンク */
    GROUP_LINKS,
    /** kencom coins: offered by groups without own points. */
    KENCOM_COINS,
    /** カラダタブ */
    BODY_TAB,
    /** 天気予報 */
    WEATHER_FORECAST,
    /** 行動メニュー, with the group's own items. */
    ACTION_MENU,
    /** ミッション */
    MISSIONS,
    /** 独自ポイント (option). */
    OWN_POINTS,
    /** みんなで歩活 (option, only while held). */
    WALKING_EVENT,
    /** 健診閲覧 (the group links checkup data). */
    CHECKUP_RESULTS,
    /** お薬履歴 (the group links medication data). */
    MEDICATION_HISTORY,
    /** GE差額: generic-drug savings, from the same medication data. */
    GENERIC_DRUG_SAVINGS,
    /** 医療費通知 (the group links medical-cost notices). */
    MEDICAL_COST_NOTICES
}
