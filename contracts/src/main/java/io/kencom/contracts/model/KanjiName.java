package io.kencom.contracts.model;

import java.text.Normalizer;
import java.util.Map;

/**
 * A person's name in kanji (漢字氏名) in the one form two records of it are compared in: the name on a My Number card's
 * signing certificate (as on the residence record) against the name an insurer's roster holds, which its system may
 * have written with the common form of a character (沢 for 澤, 高 for 髙: many rosters cannot store the variant).
 * Width folded (NFKC), spaces gone, and each variant of {@link #VARIANTS} read as its common form. Shared by the
 * services that compare names without seeing each other's (docs/ekyc-service.md "JPKI").
 */
public final class KanjiName {

    /**
     * Old (旧字体) and variant (異体字) forms frequent in names, each to the form rosters write: a starting set, the
     * ones outside JIS X 0208 first. Old forms go to their own new form only (齋 to 斎, 齊 to 斉: 斎藤 and 斉藤 are
     * different names). A pair missing here makes a true match fail (the member is sent to the photo method); a pair
     * here joins two names only where one is the other's old or variant form, and birth date and card must agree too.
     */
    static final Map<Character, Character> VARIANTS = Map.ofEntries(
            Map.entry('髙', '高'), Map.entry('﨑', '崎'), Map.entry('德', '徳'), Map.entry('濵', '浜'),
            Map.entry('澤', '沢'), Map.entry('濱', '浜'), Map.entry('邊', '辺'), Map.entry('邉', '辺'),
            Map.entry('齋', '斎'), Map.entry('齊', '斉'), Map.entry('廣', '広'),
            Map.entry('國', '国'), Map.entry('藏', '蔵'), Map.entry('瀨', '瀬'), Map.entry('眞', '真'),
            Map.entry('惠', '恵'), Map.entry('實', '実'), Map.entry('壽', '寿'), Map.entry('櫻', '桜'),
            Map.entry('嶋', '島'), Map.entry('嶌', '島'), Map.entry('曾', '曽'), Map.entry('龍', '竜'),
            Map.entry('榮', '栄'), Map.entry('讓', '譲'), Map.entry('與', '与'),
            Map.entry('淺', '浅'), Map.entry('禮', '礼'), Map.entry('豐', '豊'), Map.entry('增', '増'));

    private KanjiName() {
    }

    /** The comparable form; null for null or a name with nothing but spaces. */
    public static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)).forEach(cp -> {
            Character common = cp <= Character.MAX_VALUE ? VARIANTS.get((char) cp) : null;
            out.append(common != null ? String.valueOf(common) : new String(Character.toChars(cp)));
        });
        return out.isEmpty() ? null : out.toString();
    }
}
