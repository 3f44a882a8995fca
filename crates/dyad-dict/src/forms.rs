//! Regular plural and verb-form generation, following PETRARCH's rules
//! (including their English shortcomings, e.g. `KEY` -> `KEIES`), so that an
//! index built from these forms matches what PETRARCH would have matched.
//!
//! Endings are compared case-insensitively; the suffix takes the case of the word.

fn ends_with_ci(word: &str, c: char) -> bool {
    word.chars()
        .last()
        .is_some_and(|l| l.eq_ignore_ascii_case(&c))
}

fn suffix(word: &str, s: &str) -> String {
    let lower = word.chars().any(|c| c.is_lowercase()) && !word.chars().any(|c| c.is_uppercase());
    if lower {
        s.to_ascii_lowercase()
    } else {
        s.to_string()
    }
}

fn drop_last(word: &str) -> &str {
    match word.char_indices().last() {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

/// Plural of a noun as PETRARCH forms it for agents and synset members:
/// `…Y` -> `…IES`, `…S` -> `…SES`, otherwise `…S`.
///
/// (The agents reader is the reference; PETRARCH's synset code drops the final
/// `S` before adding `ES`, an evident slip that is not reproduced.)
pub fn noun_plural(word: &str) -> String {
    if word.is_empty() {
        return String::new();
    }
    if ends_with_ci(word, 'Y') {
        format!("{}{}", drop_last(word), suffix(word, "IES"))
    } else if ends_with_ci(word, 'S') {
        format!("{word}{}", suffix(word, "ES"))
    } else {
        format!("{word}{}", suffix(word, "S"))
    }
}

/// Plural of a phrase: the last word is pluralised.
pub fn phrase_plural(words: &[String]) -> Vec<String> {
    let mut out = words.to_vec();
    if let Some(last) = out.last_mut() {
        *last = noun_plural(last);
    }
    out
}

/// Regular forms of a verb (3rd person singular, past, gerund) as PETRARCH-2
/// generates them when no `{...}` forms are given:
/// `…S/X/Z` -> `…ES`, `…Y` -> `…IES`, else `…S`;
/// `…E` -> `…ED` is `…D`, else `…ED`;
/// `…E` after a consonant drops the `E` before `ING`, else `…ING`.
pub fn verb_forms(stem: &str) -> [String; 3] {
    let s_form = if ends_with_ci(stem, 'S') || ends_with_ci(stem, 'X') || ends_with_ci(stem, 'Z') {
        format!("{stem}{}", suffix(stem, "ES"))
    } else if ends_with_ci(stem, 'Y') {
        format!("{}{}", drop_last(stem), suffix(stem, "IES"))
    } else {
        format!("{stem}{}", suffix(stem, "S"))
    };
    let ends_e = ends_with_ci(stem, 'E');
    let ed_form = if ends_e {
        format!("{stem}{}", suffix(stem, "D"))
    } else {
        format!("{stem}{}", suffix(stem, "ED"))
    };
    let before_e = drop_last(stem).chars().last();
    let vowel_before_e = before_e.is_some_and(|c| "AEIOU".contains(c.to_ascii_uppercase()));
    let ing_form = if ends_e && !vowel_before_e && before_e.is_some() {
        format!("{}{}", drop_last(stem), suffix(stem, "ING"))
    } else {
        format!("{stem}{}", suffix(stem, "ING"))
    };
    [s_form, ed_form, ing_form]
}

/// Noun plural used by the issues file's `n:` prefix (no `ES` rule there).
pub fn issue_noun_plural(word: &str) -> String {
    if ends_with_ci(word, 'Y') {
        format!("{}{}", drop_last(word), suffix(word, "IES"))
    } else {
        format!("{word}{}", suffix(word, "S"))
    }
}

/// Verb forms used by the issues file's `v:` prefix: `S`, `ED`/`D`, `ING`
/// (dropping a final `E`).
pub fn issue_verb_forms(word: &str) -> [String; 3] {
    let s = format!("{word}{}", suffix(word, "S"));
    if ends_with_ci(word, 'E') {
        [
            s,
            format!("{word}{}", suffix(word, "D")),
            format!("{}{}", drop_last(word), suffix(word, "ING")),
        ]
    } else {
        [
            s,
            format!("{word}{}", suffix(word, "ED")),
            format!("{word}{}", suffix(word, "ING")),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(noun_plural("TROOP"), "TROOPS");
        assert_eq!(noun_plural("CONGRESS"), "CONGRESSES");
        assert_eq!(noun_plural("MILITARY"), "MILITARIES");
        assert_eq!(noun_plural("policy"), "policies");
        assert_eq!(noun_plural(""), "");
        let w = vec!["PRIME".to_string(), "MINISTER".to_string()];
        assert_eq!(phrase_plural(&w), ["PRIME", "MINISTERS"]);
    }

    #[test]
    fn verbs() {
        assert_eq!(verb_forms("ACCUSE"), ["ACCUSES", "ACCUSED", "ACCUSING"]);
        assert_eq!(verb_forms("AGREE"), ["AGREES", "AGREED", "AGREEING"]);
        assert_eq!(verb_forms("FIX"), ["FIXES", "FIXED", "FIXING"]);
        assert_eq!(verb_forms("PRESS"), ["PRESSES", "PRESSED", "PRESSING"]);
        assert_eq!(verb_forms("DENY"), ["DENIES", "DENYED", "DENYING"]);
        assert_eq!(verb_forms("ATTACK"), ["ATTACKS", "ATTACKED", "ATTACKING"]);
        assert_eq!(verb_forms("E"), ["ES", "ED", "EING"]);
    }

    #[test]
    fn issue_forms() {
        assert_eq!(issue_noun_plural("ATROCITY"), "ATROCITIES");
        assert_eq!(issue_noun_plural("CRIME"), "CRIMES");
        assert_eq!(issue_verb_forms("PURGE"), ["PURGES", "PURGED", "PURGING"]);
        assert_eq!(
            issue_verb_forms("KIDNAP"),
            ["KIDNAPS", "KIDNAPED", "KIDNAPING"]
        );
    }
}
