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
        | "Mo" | "Mont" | "Neb" | "Nebr" | "Nev" | "Okla" | "Ore" | "Pa" | "Tenn" | "Tex"
        | "Va" | "Vt" | "Wash" | "Wis" | "Wisc" | "Wyo" | "Alta" | "Ont" | "Que" | "Sask"
        | "Mex" | "Approx" | "Dist" | "Gov't" | "Natl" | "Mtn" | "St" | "Sr" | "Ste" | "etc"
        | "vs" | "viz" | "cf" | "al" | "approx" | "appt" | "apt" | "dept" | "est" | "min"
        | "max" | "ft" | "oz" | "lb" | "lbs" | "mph" | "yr" | "yrs" | "mos" | "hr" | "hrs"
        | "wk" | "wks" | "sq" | "mi" | "km" | "ca" | "div" | "govt" | "inc" | "corp" | "ltd"
        | "co" | "jr" | "sr" | "misc" | "esp" | "incl" | "ref" | "tbsp" | "tsp" | "Eds" | "ed"
        | "eds" | "Esq" | "Assoc" | "Dir" | "Mgr" => Plain,
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
    if b.len() < 2
        || b.len() > 8
        || !matches!(b[b.len() - 1] | 0x20, b't' | b'm' | b'e' | b's' | b'a')
    {
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
    let b = w.as_bytes();
    if b.len() < 2
        || b.len() > 4
        || !matches!(
            b[0],
            b':' | b';' | b'<' | b'^' | b'=' | b'-' | b'X' | b'x' | b'8' | b'B' | b'o' | b'O'
        )
    {
        return false;
    }
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

fn lower<const N: usize>(w: &str) -> Option<([u8; N], usize)> {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > N {
        return None;
    }
    let mut buf = [0u8; N];
    buf[..b.len()].copy_from_slice(b);
    buf[..b.len()].make_ascii_lowercase();
    Some((buf, b.len()))
}

/// Words that follow `it's` but never the possessive `its` (`its not`, `its a`, `its been`).
pub(crate) fn follows_its_is(w: &str) -> bool {
    let Some((buf, n)) = lower::<10>(w) else {
        return false;
    };
    matches!(
        &buf[..n],
        b"a" | b"an"
            | b"the"
            | b"not"
            | b"been"
            | b"so"
            | b"just"
            | b"like"
            | b"very"
            | b"really"
            | b"too"
            | b"also"
            | b"always"
            | b"never"
            | b"definitely"
            | b"probably"
            | b"ok"
            | b"okay"
            | b"gonna"
            | b"going"
            | b"getting"
            | b"about"
            | b"because"
            | b"in"
            | b"on"
            | b"at"
            | b"for"
            | b"from"
            | b"with"
            | b"to"
            | b"my"
            | b"your"
            | b"his"
            | b"our"
            | b"their"
            | b"this"
            | b"that"
            | b"what"
            | b"how"
            | b"still"
            | b"now"
            | b"pretty"
            | b"quite"
            | b"such"
            | b"great"
            | b"good"
            | b"nice"
            | b"true"
            | b"hard"
            | b"easy"
            | b"worth"
            | b"there"
            | b"here"
            | b"over"
    )
}

/// Verbs after `lets` meaning `let's` (`lets go`), not the verb `lets` (`lets you`).
pub(crate) fn follows_lets(w: &str) -> bool {
    let Some((buf, n)) = lower::<8>(w) else {
        return false;
    };
    matches!(
        &buf[..n],
        b"go"
            | b"see"
            | b"get"
            | b"face"
            | b"just"
            | b"hope"
            | b"say"
            | b"talk"
            | b"make"
            | b"do"
            | b"be"
            | b"start"
            | b"take"
            | b"try"
            | b"not"
            | b"move"
            | b"play"
            | b"keep"
            | b"put"
            | b"look"
            | b"eat"
            | b"have"
            | b"all"
            | b"hear"
            | b"find"
    )
}

/// Words that follow `10 AM` inside a sentence: time zones, days, months.
pub(crate) fn continues_time(w: &str) -> bool {
    let Some((buf, n)) = lower::<9>(w) else {
        return false;
    };
    matches!(
        &buf[..n],
        b"est"
            | b"edt"
            | b"cst"
            | b"cdt"
            | b"mst"
            | b"mdt"
            | b"pst"
            | b"pdt"
            | b"et"
            | b"ct"
            | b"pt"
            | b"mt"
            | b"gmt"
            | b"utc"
            | b"bst"
            | b"cet"
            | b"ist"
            | b"local"
            | b"monday"
            | b"tuesday"
            | b"wednesday"
            | b"thursday"
            | b"friday"
            | b"saturday"
            | b"sunday"
            | b"mon"
            | b"tue"
            | b"wed"
            | b"thu"
            | b"fri"
            | b"sat"
            | b"sun"
            | b"january"
            | b"february"
            | b"march"
            | b"april"
            | b"may"
            | b"june"
            | b"july"
            | b"august"
            | b"september"
            | b"october"
            | b"november"
            | b"december"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"eastern"
            | b"central"
            | b"pacific"
            | b"mountain"
    )
}

/// Capitalised words that open a message or sentence and are not capitalised inside one.
pub(crate) fn message_opener(w: &str) -> bool {
    matches!(
        w,
        "Please" | "Attached" | "Sorry" | "Dear" | "Hi" | "Hello" | "FYI" | "Thanks" | "Regards"
    )
}

/// Closing words of a letter, a sentence of their own before the signature (`Regards, Ann`).
pub(crate) fn sign_off(w: &str) -> bool {
    matches!(
        w,
        "Thanks" | "Regards" | "regards" | "Best" | "Sincerely" | "Cheers" | "Cordially"
    )
}

/// `w/`, `w/o`, `w/out`: one token each in EWT.
pub(crate) fn with_slash(w: &str) -> bool {
    matches!(w, "w/" | "W/" | "w/o" | "W/o" | "W/O" | "w/out" | "W/out")
}

/// Verbs of saying that introduce or close a quotation.
pub(crate) fn reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "asked"
            | "asks"
            | "told"
            | "added"
            | "adds"
            | "wrote"
            | "writes"
            | "replied"
            | "explained"
            | "insisted"
            | "declared"
            | "stated"
            | "noted"
            | "warned"
            | "recalled"
            | "tweeted"
            | "posted"
            | "continued"
            | "concluded"
            | "argued"
            | "responded"
            | "shouted"
            | "exclaimed"
            | "wondered"
            | "quipped"
            | "joked"
    )
}
