//! Word lists the rules consult. All lookups are `match` statements on borrowed text: no
//! allocation, and the compiler turns them into length-then-bytes comparisons.

/// How an abbreviation that keeps its period behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Precedes a name (`Gen.`, `Mr.`): never ends a sentence.
    Title,
    /// Only an abbreviation before a number (`No. 5`, `Fig. 3`); otherwise an ordinary word.
    BeforeNumber,
    /// Anything else (`Inc.`, `Jan.`, `etc.`, `Calif.`): ends a sentence when a typical sentence
    /// opener follows.
    Plain,
}

/// Abbreviations written with a final period, in the case they are normally written.
/// Dotted forms (`U.S.`, `e.g.`, `Ph.D.`) and single initials are recognised by shape instead.
pub(crate) fn abbreviation(w: &str) -> Option<Abbrev> {
    use Abbrev::*;
    Some(match w {
        "Mr" | "Mrs" | "Ms" | "Messrs" | "Mmes" | "Dr" | "Drs" | "Prof" | "Gen" | "Lt" | "Col"
        | "Maj" | "Capt" | "Cpt" | "Cmdr" | "Cdr" | "Sgt" | "Adm" | "Gov" | "Sen" | "Sens"
        | "Rep" | "Reps" | "Rev" | "Hon" | "Pres" | "Brig" | "Cpl" | "Pvt" | "Pfc" | "Supt"
        | "Amb" | "Atty" | "Insp" | "Det" | "Mt" | "Ft" | "Fr" | "Msgr" | "Lieut" | "Gens"
        | "Cmdt" | "Sra" | "Mme" | "Mlle" | "Rt" | "Hr" | "Hrn" => Title,
        "No" | "Nos" | "Art" | "Vol" | "Vols" | "Fig" | "Figs" | "pp" | "Ch" | "Sec" | "Para"
        | "Ref" | "Tel" | "Ext" | "Pt" | "Nr" | "no" | "nos" | "vol" | "fig" | "ch" | "sec"
        | "tel" | "ext" | "art" | "p" => BeforeNumber,
        // Organisations, dates, places, units and Latin.
        "Inc" | "Corp" | "Co" | "Cos" | "Ltd" | "Bros" | "Jr" | "Plc" | "Mfg" | "Dept" | "Univ"
        | "Assn" | "Intl" | "Govt" | "Est" | "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul"
        | "Aug" | "Sep" | "Sept" | "Oct" | "Nov" | "Dec" | "Mon" | "Tue" | "Tues" | "Wed"
        | "Thu" | "Thur" | "Thurs" | "Fri" | "Sat" | "Sun" | "Ave" | "Blvd" | "Rd" | "Hwy"
        | "Ala" | "Ariz" | "Ark" | "Calif" | "Colo" | "Conn" | "Del" | "Fla" | "Ga" | "Ill"
        | "Ind" | "Kan" | "Kans" | "Ky" | "La" | "Md" | "Mass" | "Mich" | "Minn" | "Miss"
        | "Mo" | "Mont" | "Neb" | "Nebr" | "Nev" | "Okla" | "Ore" | "Pa" | "Tenn"
        | "Tex" | "Va" | "Vt" | "Wash" | "Wis" | "Wisc" | "Wyo" | "Alta" | "Ont" | "Que"
        | "Sask" | "Mex" | "Approx" | "Dist" | "Gov't" | "Natl" | "Mtn" | "St" | "Sr" | "Ste"
        | "etc" | "vs" | "viz" | "cf" | "al" | "approx" | "appt" | "apt" | "dept" | "est"
        | "min" | "max" | "ft" | "oz" | "lb" | "lbs" | "mph" | "yr" | "yrs" | "mos" | "hr"
        | "hrs" | "wk" | "wks" | "sq" | "mi" | "km" | "ca" | "div" | "govt" | "inc" | "corp"
        | "ltd" | "co" | "jr" | "sr" | "misc" | "esp" | "incl" | "ref" | "tbsp" | "tsp"
        | "Eds" | "ed" | "eds" | "Esq" | "Assoc" | "Dir" | "Mgr" => Plain,
        _ => return None,
    })
}

/// The same lookup for a word written in capitals (`GEN.`, `INC.` in a shouted headline).
pub(crate) fn abbreviation_any_case(w: &str) -> Option<Abbrev> {
    if let Some(a) = abbreviation(w) {
        return Some(a);
    }
    let b = w.as_bytes();
    if b.len() < 2 || b.len() > 6 || !b.iter().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    // Title-case it into a stack buffer and look again.
    let mut buf = [0u8; 6];
    buf[..b.len()].copy_from_slice(b);
    buf[1..b.len()].make_ascii_lowercase();
    let t = std::str::from_utf8(&buf[..b.len()]).ok()?;
    match abbreviation(t) {
        // Capitalised "NO." or "MISS." in a headline is the word, not the abbreviation.
        Some(Abbrev::BeforeNumber) => Some(Abbrev::BeforeNumber),
        Some(_) if matches!(t, "Miss" | "Wash" | "Mass" | "Sun" | "Ill" | "Sat" | "Mar") => None,
        other => other,
    }
}

/// Prefixes EWT keeps attached to the rest of a hyphenated word (`e-mail`, `non-stop`,
/// `anti-American`); every other hyphen between letters or digits is its own token.
pub(crate) fn hyphen_prefix(w: &str) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 7 {
        return false;
    }
    let mut buf = [0u8; 7];
    buf[..b.len()].copy_from_slice(b);
    buf[..b.len()].make_ascii_lowercase();
    matches!(
        &buf[..b.len()],
        b"e" | b"non"
            | b"mid"
            | b"pre"
            | b"anti"
            | b"re"
            | b"post"
            | b"co"
            | b"over"
            | b"pro"
            | b"multi"
            | b"ex"
            | b"sub"
            | b"semi"
            | b"cross"
            | b"neo"
            | b"psycho"
            | b"socio"
            | b"counter"
            | b"intra"
            | b"micro"
            | b"un"
            | b"inter"
            | b"trans"
            | b"ultra"
            | b"mega"
            | b"quasi"
            | b"pseudo"
            | b"bi"
            | b"tri"
            | b"geo"
            | b"infra"
    )
}

/// Contractions written without an apostrophe that EWT splits (`dont` → `do` + `nt`):
/// returns the byte length of the first part. Only unambiguous spellings are listed (`its`,
/// `ill`, `were`, `well`, `lets` are ordinary words far more often).
pub(crate) fn bare_contraction(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    if b.len() < 2 || b.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    buf[..b.len()].copy_from_slice(b);
    buf[..b.len()].make_ascii_lowercase();
    Some(match &buf[..b.len()] {
        b"dont" => 2,
        b"didnt" | b"doesnt" | b"couldnt" | b"wouldnt" | b"shouldnt" | b"isnt" | b"wasnt"
        | b"arent" | b"werent" | b"havent" | b"hasnt" | b"hadnt" | b"mustnt" | b"neednt" => {
            b.len() - 2
        }
        b"cant" | b"wont" | b"aint" => 2,
        b"im" => 1,
        b"ive" => 1,
        b"youre" | b"youve" | b"theyre" | b"theyve" => b.len() - 2,
        b"thats" | b"theres" | b"whats" | b"hes" => b.len() - 1,
        b"cannot" => 3,
        b"gonna" | b"wanna" => 3,
        b"gotta" => 3,
        _ => return None,
    })
}

/// Words that typically open a sentence; after an abbreviation such as `Inc.` or `U.S.` a
/// capitalised word from this list signals a sentence end, any other capitalised word (a name)
/// does not. Compared ASCII-case-insensitively so headlines in capitals work too.
pub(crate) fn sentence_starter(w: &str) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 10 {
        return false;
    }
    let mut buf = [0u8; 10];
    buf[..b.len()].copy_from_slice(b);
    buf[..b.len()].make_ascii_lowercase();
    matches!(
        &buf[..b.len()],
        b"the"
            | b"a"
            | b"an"
            | b"he"
            | b"she"
            | b"it"
            | b"i"
            | b"we"
            | b"they"
            | b"you"
            | b"his"
            | b"her"
            | b"its"
            | b"their"
            | b"our"
            | b"my"
            | b"your"
            | b"this"
            | b"that"
            | b"these"
            | b"those"
            | b"there"
            | b"here"
            | b"but"
            | b"and"
            | b"or"
            | b"so"
            | b"yet"
            | b"however"
            | b"meanwhile"
            | b"also"
            | b"in"
            | b"on"
            | b"at"
            | b"for"
            | b"from"
            | b"with"
            | b"after"
            | b"before"
            | b"since"
            | b"when"
            | b"while"
            | b"if"
            | b"as"
            | b"although"
            | b"though"
            | b"because"
            | b"what"
            | b"who"
            | b"why"
            | b"how"
            | b"where"
            | b"which"
            | b"some"
            | b"many"
            | b"most"
            | b"all"
            | b"both"
            | b"each"
            | b"no"
            | b"not"
            | b"one"
            | b"two"
            | b"three"
            | b"last"
            | b"other"
            | b"others"
            | b"officials"
            | b"police"
            | b"is"
            | b"are"
            | b"was"
            | b"were"
            | b"do"
            | b"does"
            | b"did"
            | b"can"
            | b"will"
            | b"would"
            | b"should"
            | b"please"
            | b"thanks"
            | b"thank"
            | b"let"
            | b"still"
            | b"then"
            | b"now"
            | b"today"
            | b"yesterday"
            | b"tomorrow"
            | b"earlier"
            | b"later"
            | b"according"
            | b"under"
            | b"during"
            | b"despite"
            | b"about"
            | b"more"
            | b"such"
            | b"even"
            | b"only"
            | b"just"
            | b"every"
            | b"any"
            | b"several"
    )
}

/// Whole-chunk emoticons kept as one token.
pub(crate) fn emoticon(w: &str) -> bool {
    matches!(
        w,
        ":)" | ":-)"
            | ":("
            | ":-("
            | ";)"
            | ";-)"
            | ":D"
            | ":-D"
            | ":P"
            | ":-P"
            | ":p"
            | ":-p"
            | ":/"
            | ":-/"
            | ":|"
            | ":o"
            | ":O"
            | ":'("
            | "<3"
            | "^_^"
            | "^^"
            | "XD"
            | "xD"
            | "=)"
            | "=("
            | ":]"
            | ":["
            | "8)"
            | "B)"
            | ";P"
            | ";D"
            | ":-*"
            | ":*"
            | "-_-"
            | "o_O"
            | "O_o"
    )
}
