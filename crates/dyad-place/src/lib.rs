//! dyad-place: the place stage. Finds place names in a parsed [`Document`] and resolves each
//! to a point, a country and a feature kind with the embedded GeoNames gazetteer
//! ([`Gazetteer::builtin`]), into `doc.places`.
//!
//! Recognition ([`recognize`]): the longest gazetteer name starting at a capitalized token,
//! kept unless the syntax says it is part of a longer name ("Washington Post", "Lake
//! Victoria", "Michael Jordan") or a common word ("Police said"); a town that is neither large
//! nor a capital also needs a cue: a locative preposition ("in Pandi"), a container after a
//! comma ("Pandi, Bulacan") or "the city of". A name the built-in dictionaries give an armed
//! group, organization, institution or leader is not a place ("al-Shabab").
//!
//! Resolution ([`resolve`]): every candidate feature of a name is scored by its size (the log of
//! its population), its kind (continents and countries first, then capitals, subdivisions and
//! towns), the article's country focus (the countries its unambiguous places and dateline name,
//! by share), and containment ("Santa Ana, California" picks the Santa Ana that lies in the
//! California it picks). The traps: `Niger` is the country, not Nigeria's Niger State, unless
//! the article is about Nigeria and says so; `Georgia` is the US state when the article is
//! about the United States; `Paris` is France's unless the article places it in Texas.

mod gazetteer;

pub use gazetteer::{distance_km, normalize, Feature, Gazetteer, GazetteerError, Kind};

use dyad_doc::{Document, Location, PlaceMention, Token};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Names dyad's built-in dictionaries give armed groups, organizations (other than
/// intergovernmental ones, which are also regions: "European Union"), institutions and
/// leaders, as upper-cased words by first word: never places ("al-Shabab" is not Iran's
/// Shabab, the "Washington Post" not Washington, "the Kremlin" not a town).
struct NotPlaces {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

fn not_places() -> &'static NotPlaces {
    static NAMES: OnceLock<NotPlaces> = OnceLock::new();
    NAMES.get_or_init(|| {
        let files: Vec<(String, &str)> = dyad_knowledge::files()
            .filter(|(n, _)| {
                ["groups", "organizations", "institutions", "leaders"]
                    .iter()
                    .any(|k| n.contains(k))
            })
            .collect();
        let sources: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let (dict, _) = dyad_dict::native::read(&sources);
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for e in &dict.entries {
            if e.kind != dyad_dict::native::Kind::Actor {
                continue;
            }
            for p in &e.phrases {
                let igo = p.codes.starts_with("IGO");
                if matches!(p.field, "name" | "former") && !igo && !p.words.is_empty() {
                    by_first
                        .entry(p.words[0].clone())
                        .or_default()
                        .push(p.words.clone());
                }
            }
        }
        NotPlaces { by_first }
    })
}

impl NotPlaces {
    /// Length of the longest known non-place name starting at `tokens[i]`.
    fn longest_at(&self, doc: &Document, tokens: &[Token], i: usize) -> Option<usize> {
        let first = doc.token_text(&tokens[i]).to_uppercase();
        self.by_first
            .get(&first)?
            .iter()
            .filter(|w| {
                i + w.len() <= tokens.len()
                    && w.iter()
                        .enumerate()
                        .all(|(k, x)| doc.token_text(&tokens[i + k]).to_uppercase() == *x)
            })
            .map(Vec::len)
            .max()
    }
}

/// A place name found in the text, before resolution.
#[derive(Debug, Clone)]
pub struct Candidate<'g> {
    /// Token range, document-global, half-open.
    pub tokens: (usize, usize),
    pub start: u32,
    pub end: u32,
    /// Every gazetteer feature with this name.
    pub features: Vec<&'g Feature>,
    /// The index of its sentence in `doc.sentences`.
    pub sentence: usize,
    /// Whether the words around the name say it is a town ("in", "the town of", a container
    /// after a comma): without one, a small town is not a reading when there are others.
    pub town_cue: bool,
}

/// Abbreviations of subdivisions as news writes them after a town ("Paris, Tenn.", "Surrey,
/// B.C."): the abbreviation, the country and the GeoNames admin1 code. Facts (AP style and
/// common variants). Only read after "Town," (or anywhere, for those in `STANDALONE`): alone,
/// "Miss." or "Mass." are other words.
const ABBREVIATIONS: &[(&str, &[u8; 3], &str)] = &[
    ("Ala.", b"USA", "AL"),
    ("Ariz.", b"USA", "AZ"),
    ("Ark.", b"USA", "AR"),
    ("Calif.", b"USA", "CA"),
    ("Cal.", b"USA", "CA"),
    ("Colo.", b"USA", "CO"),
    ("Conn.", b"USA", "CT"),
    ("Del.", b"USA", "DE"),
    ("D.C.", b"USA", "DC"),
    ("Fla.", b"USA", "FL"),
    ("Ga.", b"USA", "GA"),
    ("Ill.", b"USA", "IL"),
    ("Ind.", b"USA", "IN"),
    ("Kan.", b"USA", "KS"),
    ("Kans.", b"USA", "KS"),
    ("Ky.", b"USA", "KY"),
    ("La.", b"USA", "LA"),
    ("Md.", b"USA", "MD"),
    ("Mass.", b"USA", "MA"),
    ("Mich.", b"USA", "MI"),
    ("Minn.", b"USA", "MN"),
    ("Miss.", b"USA", "MS"),
    ("Mo.", b"USA", "MO"),
    ("Mont.", b"USA", "MT"),
    ("Neb.", b"USA", "NE"),
    ("Nebr.", b"USA", "NE"),
    ("Nev.", b"USA", "NV"),
    ("N.H.", b"USA", "NH"),
    ("N.J.", b"USA", "NJ"),
    ("N.M.", b"USA", "NM"),
    ("N.Mex.", b"USA", "NM"),
    ("N.Y.", b"USA", "NY"),
    ("N.C.", b"USA", "NC"),
    ("N.D.", b"USA", "ND"),
    ("Okla.", b"USA", "OK"),
    ("Ore.", b"USA", "OR"),
    ("Oreg.", b"USA", "OR"),
    ("Pa.", b"USA", "PA"),
    ("Penn.", b"USA", "PA"),
    ("R.I.", b"USA", "RI"),
    ("S.C.", b"USA", "SC"),
    ("S.D.", b"USA", "SD"),
    ("Tenn.", b"USA", "TN"),
    ("Tex.", b"USA", "TX"),
    ("Vt.", b"USA", "VT"),
    ("Va.", b"USA", "VA"),
    ("Wash.", b"USA", "WA"),
    ("W.Va.", b"USA", "WV"),
    ("Wis.", b"USA", "WI"),
    ("Wisc.", b"USA", "WI"),
    ("Wyo.", b"USA", "WY"),
    ("Alta.", b"CAN", "01"),
    ("B.C.", b"CAN", "02"),
    ("Man.", b"CAN", "03"),
    ("N.B.", b"CAN", "04"),
    ("Nfld.", b"CAN", "05"),
    ("N.S.", b"CAN", "07"),
    ("Ont.", b"CAN", "08"),
    ("P.E.I.", b"CAN", "09"),
    ("Que.", b"CAN", "10"),
    ("Sask.", b"CAN", "11"),
    ("NSW", b"AUS", "02"),
    ("Qld", b"AUS", "04"),
    ("Qld.", b"AUS", "04"),
    ("Vic.", b"AUS", "07"),
    ("Tas.", b"AUS", "06"),
];

/// Words that join the names of a list of places ("A, B and C", "A or B").
const LIST_JOINERS: &[&str] = &[",", "and", "or", "&"];

/// Abbreviations that are places wherever they stand ("regional NSW", "in D.C.").
const STANDALONE: &[&str] = &["NSW", "D.C."];

/// The subdivision token `i` abbreviates, if it does here: an abbreviation of
/// [`ABBREVIATIONS`] or a US postal code ("Austin, TX") right after "Town," (the place
/// candidate `previous`, ending just before the comma; a postal code wants a US reading of
/// it), or a [`STANDALONE`] one anywhere.
fn abbreviation<'g>(
    doc: &Document,
    gaz: &'g Gazetteer,
    tokens: &[Token],
    i: usize,
    first: usize,
    previous: Option<&Candidate<'g>>,
) -> Option<&'g Feature> {
    let text = doc.token_text(&tokens[i]);
    let after_town = i >= 2
        && doc.token_text(&tokens[i - 1]) == ","
        && previous.is_some_and(|p| p.tokens.1 == first + i - 1);
    if let Some(&(_, iso, admin1)) = ABBREVIATIONS.iter().find(|(a, _, _)| *a == text) {
        if after_town || STANDALONE.contains(&text) {
            return gaz.subdivision(*iso, admin1);
        }
        return None;
    }
    let postal = text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase());
    let us = previous.is_some_and(|p| p.features.iter().any(|f| &f.country == b"USA"));
    if postal && after_town && us {
        return gaz.subdivision(*b"USA", text);
    }
    None
}

/// Words that follow a place name inside a longer name without making it a non-place
/// ("Texas Governor", "Kenya Police"): titles, institutions and place-type words.
const AFTER_PLACE: &[&str] = &[
    "governor",
    "president",
    "prime",
    "minister",
    "ministry",
    "secretary",
    "senator",
    "mayor",
    "premier",
    "police",
    "army",
    "navy",
    "government",
    "officials",
    "official",
    "health",
    "department",
    "state",
    "province",
    "region",
    "county",
    "district",
    "city",
    "parliament",
    "capital",
    "authorities",
    "forces",
    "military",
    "embassy",
    "border",
    "coast",
    "state's",
];

/// Words before a capitalized name that make it a place more often than not.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "to",
    "outside",
    "into",
    "around",
    "across",
    "toward",
    "towards",
    "between",
    "via",
    "through",
    "throughout",
    "within",
    "inside",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "entire",
    "neighbouring",
    "neighboring",
];

/// "the area of X", "the town of X": nouns that make the name after "of" a place.
const AREA_NOUNS: &[&str] = &[
    "area",
    "city",
    "town",
    "village",
    "region",
    "province",
    "state",
    "district",
    "outskirts",
    "suburb",
    "suburbs",
    "capital",
    "county",
    "port",
    "municipality",
    "island",
    "centre",
    "center",
    "part",
    "parts",
    "north",
    "south",
    "east",
    "west",
    "heart",
    "villages",
    "towns",
    "cities",
    "provinces",
    "districts",
    "regions",
    "mayor",
    "governor",
    "residents",
];

/// Institutions, holidays and other capitalized common words that small towns are named after
/// ("in Congress", "the Federal Court", "away from Christmas"): never a town or district.
const NOT_TOWNS: &[&str] = &[
    "congress",
    "court",
    "justice",
    "parliament",
    "senate",
    "assembly",
    "commerce",
    "culture",
    "defense",
    "defence",
    "security",
    "energy",
    "health",
    "education",
    "interior",
    "treasury",
    "labor",
    "labour",
    "agriculture",
    "finance",
    "unity",
    "liberty",
    "freedom",
    "union",
    "progress",
    "reform",
    "peace",
    "hope",
    "victory",
    "independence",
    "christmas",
    "easter",
    "mission",
    "embassy",
    "republic",
];

/// Names of subdivisions that are also everyday words ("Western", "Central", "Coast"): on
/// their own they are not places.
const GENERIC: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north east",
    "north west",
    "south east",
    "south west",
    "upper",
    "lower",
    "coast",
    "coastal",
    "region",
    "capital",
    "centre",
    "center",
    "highlands",
    "lakes",
    "plateau",
    "valley",
    "island",
    "islands",
    "border",
    "borders",
    "interior",
    "national",
    "federal",
    "metropolitan",
    "district",
    "saudi",
    "somali",
    "afar",
    "oriental",
    "occidental",
    "littoral",
    "mountain",
    "river",
    "delta",
    "lake",
    "sea",
    "ocean",
    "bay",
    "gulf",
];

/// Capitalized, counting "d'Ivoire" as a capital word (French names: "Côte d'Ivoire").
fn starts_upper(s: &str) -> bool {
    let s = ["d'", "d’", "l'", "l’"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s);
    s.chars().next().is_some_and(char::is_uppercase)
}

fn upos(t: &Token) -> &str {
    t.upos.as_deref().unwrap_or("")
}

/// True when most letters of the sentence are capitals (a headline): casing says nothing there.
fn shouting(doc: &Document, tokens: &[Token]) -> bool {
    let (mut upper, mut lower) = (0, 0);
    for t in tokens {
        for c in doc.token_text(t).chars() {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    upper > 2 * lower
}

/// Place-name candidates of a parsed document, in text order, not overlapping.
pub fn recognize<'g>(doc: &Document, gaz: &'g Gazetteer) -> Vec<Candidate<'g>> {
    let mut out = Vec::new();
    let mut norm = String::new();
    let named = not_places();
    for (sentence, s) in doc.sentences.iter().enumerate() {
        let range = s.token_range();
        let tokens = &doc.tokens[range.clone()];
        let caps = shouting(doc, tokens);
        let mut i = 0;
        while i < tokens.len() {
            if let Some(f) = abbreviation(doc, gaz, tokens, i, range.start, out.last()) {
                out.push(Candidate {
                    tokens: (range.start + i, range.start + i + 1),
                    start: tokens[i].start,
                    end: tokens[i].end,
                    features: vec![f],
                    sentence,
                    town_cue: false,
                });
                i += 1;
                continue;
            }
            let first = doc.token_text(&tokens[i]);
            if !starts_upper(first) {
                i += 1;
                continue;
            }
            let mut found = None;
            for len in (1..=gaz.max_words.min(tokens.len() - i)).rev() {
                let last = &tokens[i + len - 1];
                if !starts_upper(doc.token_text(last)) {
                    continue;
                }
                let text = doc.span_text(tokens[i].start, last.end);
                if text.contains('\n') || text.contains(',') {
                    continue;
                }
                normalize(text, &mut norm);
                let features = gaz.lookup(&norm);
                if !features.is_empty() {
                    found = Some((len, features));
                    break;
                }
            }
            let Some((len, features)) = found else {
                i += 1;
                continue;
            };
            if let Some(n) = named.longest_at(doc, tokens, i).filter(|&n| n >= len) {
                i += n;
                continue;
            }
            let features = admissible(doc, tokens, i, i + len, features, caps);
            // "in Cattai and Wilberforce", "Moonbi, Parkes": a name joined to the place before
            // it shares its cue (a comma after anything else is no cue: "..., Kelly told").
            let listed = i >= 2
                && LIST_JOINERS.contains(&doc.token_text(&tokens[i - 1]))
                && out
                    .last()
                    .is_some_and(|p: &Candidate| p.tokens.1 == range.start + i - 1);
            let at = Span {
                i,
                j: i + len,
                listed,
            };
            let cue = !features.is_empty() && town_cue(gaz, doc, tokens, at);
            if !features.is_empty() && keep(doc, tokens, at, cue, &features, caps, gaz) {
                out.push(Candidate {
                    tokens: (range.start + i, range.start + i + len),
                    start: tokens[i].start,
                    end: tokens[i + len - 1].end,
                    features,
                    sentence,
                    town_cue: cue,
                });
            }
            i += len;
        }
    }
    out
}

/// The features a name written this way can be: not a day or month ("August", "May"), not a
/// generic word ("Western"), and an acronym in capitals ("HIV", "FAO") only a country
/// ("US", "DRC").
fn admissible<'g>(
    doc: &Document,
    tokens: &[Token],
    i: usize,
    j: usize,
    mut features: Vec<&'g Feature>,
    caps: bool,
) -> Vec<&'g Feature> {
    let text = doc.span_text(tokens[i].start, tokens[j - 1].end);
    let lower = text.to_lowercase();
    if GENERIC.contains(&lower.as_str()) || (j == i + 1 && dyad_time::is_calendar_name(&lower)) {
        return Vec::new();
    }
    let acronym = !caps
        && j == i + 1
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !text.chars().any(char::is_lowercase);
    if acronym {
        features.retain(|f| matches!(f.kind, Kind::Country | Kind::Continent | Kind::Region));
    }
    if NOT_TOWNS.contains(&lower.as_str()) {
        features.retain(|f| !f.kind.is_settlement() && f.kind != Kind::Admin2);
    }
    features
}

/// A name's tokens `i..j` in its sentence, and whether it follows another place with one of
/// [`LIST_JOINERS`] between them.
#[derive(Clone, Copy)]
struct Span {
    i: usize,
    j: usize,
    listed: bool,
}

/// Whether the name at `at` is a place here, judged from its neighbours and syntax; `cue` is
/// its [`town_cue`].
fn keep(
    doc: &Document,
    tokens: &[Token],
    at: Span,
    cue: bool,
    features: &[&Feature],
    caps: bool,
    gaz: &Gazetteer,
) -> bool {
    let Span { i, j, .. } = at;
    let text = |k: usize| doc.token_text(&tokens[k]);
    let adjacent = |a: usize, b: usize| tokens[b].start == tokens[a].end + 1;
    let local = features.iter().all(|f| {
        f.kind.is_settlement()
            || matches!(
                f.kind,
                Kind::Admin1 | Kind::Admin2 | Kind::Area | Kind::Water
            )
    });
    let big = features
        .iter()
        .any(|f| f.kind == Kind::Capital || f.population >= BIG_TOWN);
    // A currency ("US$"), or a person: "Nelson Mandela", "Michael Sicilia" (a flat name).
    if doc
        .text
        .get(tokens[j - 1].end as usize..)
        .is_some_and(|r| r.starts_with('$'))
    {
        return false;
    }
    let flat = |k: usize| tokens[k].deprel.as_deref() == Some("flat");
    let head_in = |k: usize| {
        tokens[k]
            .head
            .is_some_and(|h| (i + 1..=j).contains(&(h as usize)))
    };
    if !caps && j < tokens.len() && flat(j) && head_in(j) {
        return false;
    }
    // A family name: "Michael Sicilia" ("Sicilia" hangs as `flat` on the first name before it).
    if !caps
        && local
        && i > 0
        && flat(i)
        && tokens[i].head.is_some_and(|h| h as usize == i)
        && starts_upper(text(i - 1))
        && upos(&tokens[i - 1]) == "PROPN"
        && !names_country(gaz, doc, &tokens[i - 1..i])
    {
        return false;
    }
    // "University of Manchester": a town's name before "of Name" heads a longer name (but
    // "the Gold Coast of Australia" is placed in its country).
    if local
        && j + 1 < tokens.len()
        && text(j) == "of"
        && starts_upper(text(j + 1))
        && !names_country(gaz, doc, &tokens[j + 1..])
    {
        return false;
    }
    if !caps {
        // A town's or province's name inside a longer capitalized name: "Washington Post",
        // "Franklin Roosevelt", "Gross Domestic Product" (a country's stays: "Kenya Airways" is
        // about Kenya).
        if local && j < tokens.len() && adjacent(j - 1, j) {
            let next = text(j);
            let lower = next.to_lowercase();
            if starts_upper(next)
                && next.chars().all(|c| c.is_alphabetic() || c == '\'')
                && (upos(&tokens[j]) == "PROPN"
                    || (matches!(upos(&tokens[j]), "ADJ" | "NOUN") && !big))
                && !AFTER_PLACE.contains(&lower.as_str())
                && !TOWN_PEOPLE.contains(&lower.as_str())
            {
                return false;
            }
        }
        // The first part of a compound: "Sino-Russian" (not "Washington-Seoul talks").
        if local
            && j + 1 < tokens.len()
            && text(j) == "-"
            && tokens[j].start == tokens[j - 1].end
            && starts_upper(text(j + 1))
            && !names_container(gaz, doc, &tokens[j + 1..])
            && !starts_with_name(gaz, doc, &tokens[j + 1..], 1, Kind::is_settlement)
        {
            return false;
        }
        // "Lake Victoria", "Mr. Jordan", "Michael Jordan".
        if i > 0 && adjacent(i - 1, i) {
            let prev = text(i - 1);
            if starts_upper(prev) && matches!(upos(&tokens[i - 1]), "PROPN" | "NOUN") {
                let lower = prev.to_lowercase();
                if !LOCATIVE.contains(&lower.as_str()) && !is_place_word(gaz, prev) {
                    return false;
                }
            }
        }
    }
    // A county or district is like a town here: big, or with a cue.
    let areas = features
        .iter()
        .any(|f| !f.kind.is_settlement() && f.kind != Kind::Admin2);
    // A common word at the start of a sentence or in a title: the tagger says it is not a name.
    // (Unless it names a country: "Netherlands has ..." tagged as a pronoun.)
    let tag = upos(&tokens[i]);
    let country_named = features.iter().any(|f| f.kind == Kind::Country);
    if !caps && !country_named && !matches!(tag, "PROPN" | "NOUN" | "ADJ" | "X" | "NUM" | "") {
        return false;
    }
    // Words in capitals inside a sentence are a name even when the tagger says otherwise
    // ("in Little Rock" tagged ADJ NOUN).
    let titled = j - i >= 2 && i > 0 && (i..j).all(|k| starts_upper(text(k)));
    if !caps && !areas && !titled && !(i..j).any(|k| upos(&tokens[k]) == "PROPN") {
        return false;
    }
    // A local place known by another name only, in one word ("Lu" for Luzhou, "Whitley" for
    // South Whitley): short ones never, others if they are famous or have a cue ("Bombay"
    // stays; so do spellings of several words, "Mbanza Congo").
    let mut mention = String::new();
    normalize(
        doc.span_text(tokens[i].start, tokens[j - 1].end),
        &mut mention,
    );
    let mut own = String::new();
    // (The first words of its own name count as it: "Acapulco" for Acapulco de Juárez.)
    let alias_only = !features.iter().any(|f| {
        normalize(gaz.name(f), &mut own);
        names_it(&own, &mention, true)
    });
    let curated = features
        .iter()
        .any(|f| matches!(f.kind, Kind::Area | Kind::Water));
    if alias_only && local && !curated && j == i + 1 {
        if mention.chars().count() < 4 {
            return false;
        }
        let famous = features.iter().any(|f| f.population >= FAMOUS);
        if !famous && !cue {
            return false;
        }
    }
    if areas || big {
        return true;
    }
    // A town: wants a cue. A subdivision word after the name makes it a place too when it can
    // be a subdivision, though not a town ("Suba district"; but "the Amur Region" is no Indian
    // town called Āmūr).
    let subdivision = features.iter().any(|f| !f.kind.is_settlement());
    cue || (subdivision
        && j < tokens.len()
        && matches!(
            text(j).to_lowercase().as_str(),
            "district"
                | "province"
                | "county"
                | "region"
                | "municipality"
                | "governorate"
                | "prefecture"
        ))
}

/// Nouns after a town's name that make it one: "a Longview woman", "Hammond residents", "the
/// Maitland area" (lower-case, as written).
const TOWN_PEOPLE: &[&str] = &[
    "resident",
    "residents",
    "native",
    "natives",
    "woman",
    "man",
    "couple",
    "family",
    "mayor",
    "police",
    "area",
    "suburb",
    "neighborhood",
    "neighbourhood",
];

/// Whether the words around `tokens[i..j]` say it is a town: a locative word before it ("in",
/// "near"), "the town of", a container after a comma ("Pandi, Bulacan"), "city" after it, a
/// word for its people or surroundings after it ("a Longview woman"), or "and" or a comma
/// after another place (`at.listed`).
fn town_cue(gaz: &Gazetteer, doc: &Document, tokens: &[Token], at: Span) -> bool {
    let Span { i, j, listed } = at;
    let text = |k: usize| doc.token_text(&tokens[k]);
    listed
        || (i > 0 && LOCATIVE.contains(&text(i - 1).to_lowercase().as_str()))
        || (i > 1
            && text(i - 1) == "of"
            && AREA_NOUNS.contains(&text(i - 2).to_lowercase().as_str()))
        || (j + 1 < tokens.len()
            && text(j) == ","
            && starts_upper(text(j + 1))
            && names_container(gaz, doc, &tokens[j + 1..]))
        || (j < tokens.len()
            && matches!(text(j).to_lowercase().as_str(), "city" | "town" | "village"))
        // "Beledweyne, a town near ...".
        || (j + 2 < tokens.len()
            && text(j) == ","
            && matches!(text(j + 1), "a" | "an" | "the")
            && AREA_NOUNS.contains(&text(j + 2).to_lowercase().as_str()))
        || (j < tokens.len() && TOWN_PEOPLE.contains(&text(j)))
}

/// Whether the first `1..=words` of `tokens` name a gazetteer feature for which `kind` holds.
fn starts_with_name(
    gaz: &Gazetteer,
    doc: &Document,
    tokens: &[Token],
    words: usize,
    kind: impl Fn(Kind) -> bool,
) -> bool {
    let mut n = String::new();
    (1..=tokens.len().min(words)).any(|len| {
        normalize(doc.span_text(tokens[0].start, tokens[len - 1].end), &mut n);
        gaz.lookup(&n).iter().any(|f| kind(f.kind))
    })
}

/// Whether `tokens` start with the name of an area a town can lie in (up to three words): a
/// country, subdivision, region or continent.
fn names_container(gaz: &Gazetteer, doc: &Document, tokens: &[Token]) -> bool {
    starts_with_name(gaz, doc, tokens, 3, |k| !k.is_settlement())
}

/// Whether `tokens` start with the name of a country, continent or region (up to three words).
fn names_country(gaz: &Gazetteer, doc: &Document, tokens: &[Token]) -> bool {
    starts_with_name(gaz, doc, tokens, 3, |k| {
        matches!(k, Kind::Country | Kind::Continent | Kind::Region)
    })
}

fn is_place_word(gaz: &Gazetteer, word: &str) -> bool {
    let mut n = String::new();
    normalize(word, &mut n);
    gaz.lookup(&n)
        .iter()
        .any(|f| !f.kind.is_settlement() && f.kind != Kind::Admin2)
}

/// Kind preference, in log-population units.
fn kind_prior(k: Kind) -> f64 {
    match k {
        Kind::Continent | Kind::Region => 6.0,
        Kind::Country => 5.0,
        Kind::Capital => 4.0,
        Kind::Admin1 | Kind::Area => 1.0,
        // Seas and lakes have no population: as high as a world region.
        Kind::Water => 6.0,
        Kind::City => 0.0,
        // Below a town of the same size: "Norfolk" is the English county, but a town of
        // that name in focus wins.
        Kind::Admin2 => -0.5,
    }
}

/// Whether `inner` lies in `outer` as far as the gazetteer knows (same country; same
/// subdivision when `outer` is one).
fn contains(gaz: &Gazetteer, outer: &Feature, inner: &Feature) -> bool {
    if std::ptr::eq(outer, inner) || outer.country != inner.country {
        return false;
    }
    match outer.kind {
        Kind::Country => inner.kind != Kind::Country,
        Kind::Admin1 => {
            (inner.kind.is_settlement() || inner.kind == Kind::Admin2)
                && gaz.admin1(outer) == gaz.admin1(inner)
        }
        _ => false,
    }
}

/// Country focus: the share of the article's place names held by each country, counting names
/// not ambiguous across countries (or with a country reading) once and the dateline's twice.
fn country_focus(
    doc: &Document,
    gaz: &Gazetteer,
    candidates: &[Candidate<'_>],
) -> HashMap<[u8; 3], f64> {
    let mut focus: HashMap<[u8; 3], f64> = HashMap::new();
    for c in candidates {
        let Some(first) = c.features.first().map(|f| f.country) else {
            continue;
        };
        if first != [0; 3] && c.features.iter().all(|f| f.country == first) {
            *focus.entry(first).or_default() += 1.0;
        } else if let Some(f) = c.features.iter().find(|f| f.kind == Kind::Country) {
            *focus.entry(f.country).or_default() += 1.0;
        }
    }
    if let Some(f) = doc
        .dateline
        .as_ref()
        .and_then(|d| resolve_name(gaz, &d.place))
    {
        *focus.entry(f.country).or_default() += 2.0;
    }
    let total: f64 = focus.values().sum();
    if total > 0.0 {
        for v in focus.values_mut() {
            *v /= total;
        }
    }
    focus
}

/// The chosen feature of every candidate (`None` when a candidate has none that fits).
pub fn resolve<'g>(
    doc: &Document,
    gaz: &'g Gazetteer,
    candidates: &[Candidate<'g>],
) -> Vec<Option<&'g Feature>> {
    let focus = country_focus(doc, gaz, candidates);
    // Each reading's own score: size, kind and focus, less `ALIAS_PENALTY` for a reading
    // that only has the name as an alternate one ("Victoria" is Hong Kong's old capital, but
    // by its own name Australia's state), and the readings a cue rules out.
    let base: Vec<Vec<(&Feature, f64)>> = candidates
        .iter()
        .map(|c| readings(doc, gaz, c, &focus))
        .collect();
    let pick = |rs: &[(&'g Feature, f64)], extra: &dyn Fn(&Feature) -> f64| {
        rs.iter()
            .map(|&(f, s)| (f, s + extra(f)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(f, _)| f)
    };
    let mut chosen: Vec<Option<&Feature>> = base.iter().map(|rs| pick(rs, &|_| 0.0)).collect();
    // Nearby places: a reading that contains or lies near the article's other places (as
    // first read) wins ("Washington" with Seattle and Spokane is the state; "Paris" with
    // Dallas is in Texas). Places named in one list with it ("Arizona, Georgia and Ohio";
    // "Mexico, China, Japan") count more when they are of its kind and country.
    let first: Vec<Option<&Feature>> = chosen.clone();
    let lists = list_ids(doc, candidates);
    for (k, rs) in base.iter().enumerate() {
        if rs.len() < 2 {
            continue;
        }
        let others: Vec<&Feature> = first
            .iter()
            .enumerate()
            .filter(|&(o, _)| o != k)
            .filter_map(|(_, f)| *f)
            .collect();
        if others.is_empty() {
            continue;
        }
        let siblings: Vec<&Feature> = first
            .iter()
            .enumerate()
            .filter(|&(o, _)| o != k && lists[o].is_some() && lists[o] == lists[k])
            .filter_map(|(_, f)| *f)
            .collect();
        chosen[k] = pick(rs, &|f| near(gaz, f, &others) + alike(f, &siblings));
    }
    // "Pandi, Bulacan", "Santa Ana, California": the pair that nests wins; not when the first
    // name can be a country ("China, Japan"), nor a subdivision in a longer list ("Arizona,
    // Georgia, Illinois").
    for k in 0..candidates.len().saturating_sub(1) {
        let (a, b) = (&candidates[k], &candidates[k + 1]);
        if b.tokens.0 != a.tokens.1 + 1 || doc.token_text(&doc.tokens[a.tokens.1]) != "," {
            continue;
        }
        let listed = |i: usize| lists.get(i).copied().flatten();
        let in_list = (k > 0 && listed(k - 1).is_some() && listed(k - 1) == listed(k))
            || (listed(k + 2).is_some() && listed(k + 2) == listed(k + 1));
        let area = |kinds: &[Kind]| a.features.iter().any(|f| kinds.contains(&f.kind));
        if area(&[Kind::Country, Kind::Continent, Kind::Region])
            || (in_list && area(&[Kind::Admin1]))
        {
            continue;
        }
        let mut best: Option<(f64, &Feature, &Feature)> = None;
        for &(fa, sa) in &base[k] {
            for &(fb, sb) in &base[k + 1] {
                if contains(gaz, fb, fa) && best.is_none_or(|(t, _, _)| sa + sb > t) {
                    best = Some((sa + sb, fa, fb));
                }
            }
        }
        if let Some((_, fa, fb)) = best {
            chosen[k] = Some(fa);
            chosen[k + 1] = Some(fb);
        } else if let Some(fb) = chosen[k + 1].filter(|f| {
            // Not in a list ("Zaire, Bundibugyo, Côte d'Ivoire and Sudan"), but a chain of
            // containers may follow ("Stroud, Ontario, Canada").
            let chain = listed(k + 2).is_none()
                || listed(k + 2) != listed(k + 1)
                || chosen[k + 2].is_some_and(|c| contains(gaz, c, f));
            let first_of_list = k == 0 || listed(k - 1).is_none() || listed(k - 1) != listed(k);
            chain
                && first_of_list
                && matches!(f.kind, Kind::Country | Kind::Admin1 | Kind::Admin2)
                && a.features.iter().all(|fa| fa.kind.is_settlement())
        }) {
            // A town the gazetteer does not have in its stated container ("Stroud, Ontario"):
            // its namesake in the container's country, else the container itself, is nearer
            // the truth than a namesake abroad.
            let inside: Vec<(&Feature, f64)> = base[k]
                .iter()
                .copied()
                .filter(|(f, _)| f.country == fb.country)
                .collect();
            chosen[k] = pick(&inside, &|_| 0.0).or(Some(fb));
        }
    }
    chosen
}

/// Support from the article's unambiguous places: 2 for each one that `f` contains or that lies
/// within 300 km of it (settlements and subdivisions only), at most 6.
fn near(gaz: &Gazetteer, f: &Feature, others: &[&Feature]) -> f64 {
    if !matches!(
        f.kind,
        Kind::City | Kind::Capital | Kind::Admin1 | Kind::Admin2
    ) {
        return 0.0;
    }
    let here = (f64::from(f.lat), f64::from(f.lon));
    let n = others
        .iter()
        .filter(|o| {
            o.kind.is_settlement()
                && (contains(gaz, f, o)
                    || distance_km(here, (f64::from(o.lat), f64::from(o.lon))) < 300.0)
        })
        .count();
    (2.0 * n as f64).min(6.0)
}

/// Weight of the log of a feature's number of alternate names (how widely it is known).
const FAME_WEIGHT: f64 = 0.5;

/// A place this large may be named by one of its other names without a cue ("Bombay").
const FAMOUS: u64 = 1_000_000;

/// A town this large is a place on its own; a smaller one needs a cue (see `town_cue`).
const BIG_TOWN: u64 = 100_000;

/// How much less a reading counts when the name is only one of its alternate names.
const ALIAS_PENALTY: f64 = 3.0;

/// Words next to a name that say it is a first-level subdivision: "the state of Victoria",
/// "Washington state", "Ontario province".
const SUBDIVISION_WORDS: &[&str] = &["state", "province", "provinces", "states"];

/// Words that say a name is a second-level subdivision: "the district of Karo", "Suba
/// district".
const DISTRICT_WORDS: &[&str] = &["district", "districts", "county", "regency", "prefecture"];

/// Whether a mention names a feature by its own name (both normalized): the name itself or the
/// name without an Arabic article ("Anbar" for Al Anbār), and with `first_words` also the
/// first words of either ("Acapulco" for Acapulco de Juárez).
fn names_it(own: &str, mention: &str, first_words: bool) -> bool {
    let same = |o: &str| {
        o == mention
            || (first_words
                && o.strip_prefix(mention)
                    .is_some_and(|rest| rest.starts_with(' ')))
    };
    same(own)
        || [
            "al ", "el ", "ad ", "an ", "ar ", "as ", "ash ", "at ", "az ",
        ]
        .iter()
        .any(|a| own.strip_prefix(a).is_some_and(same))
}

/// The readings of candidate `c` with their own scores (see `resolve`): a country named by
/// its own name keeps only the readings that have that name too ("Mexico" is not Mexico
/// City, one of whose alternate names it is); a subdivision word next to the name keeps only
/// subdivisions, when there are any (a district word, only second-level ones).
fn readings<'g>(
    doc: &Document,
    gaz: &'g Gazetteer,
    c: &Candidate<'g>,
    focus: &HashMap<[u8; 3], f64>,
) -> Vec<(&'g Feature, f64)> {
    let mut mention = String::new();
    normalize(doc.span_text(c.start, c.end), &mut mention);
    let mut own = String::new();
    let mut out: Vec<(&Feature, f64, bool)> = c
        .features
        .iter()
        .map(|&f| {
            normalize(gaz.name(f), &mut own);
            let by_name = names_it(&own, &mention, false);
            let penalty = if by_name { 0.0 } else { ALIAS_PENALTY };
            (f, score(f, focus) - penalty, by_name)
        })
        .collect();
    if out
        .iter()
        .any(|&(f, _, by_name)| by_name && f.kind == Kind::Country)
    {
        out.retain(|&(_, _, by_name)| by_name);
    }
    let small_town = |f: &Feature| f.kind == Kind::City && f.population < BIG_TOWN;
    if !c.town_cue && out.iter().any(|(f, _, _)| !small_town(f)) {
        out.retain(|(f, _, _)| !small_town(f));
    }
    for (words, kind) in [
        (SUBDIVISION_WORDS, Kind::Admin1),
        (DISTRICT_WORDS, Kind::Admin2),
    ] {
        if subdivision_cue(doc, c, words) && out.iter().any(|(f, _, _)| f.kind == kind) {
            out.retain(|(f, _, _)| f.kind == kind);
        }
    }
    out.into_iter().map(|(f, s, _)| (f, s)).collect()
}

/// "the state of X", "X state", "X province" around candidate `c`.
fn subdivision_cue(doc: &Document, c: &Candidate<'_>, words: &[&str]) -> bool {
    let word = |k: usize| {
        doc.tokens
            .get(k)
            .map(|t| doc.token_text(t).to_lowercase())
            .unwrap_or_default()
    };
    let (i, j) = c.tokens;
    let sentence = doc.sentences.get(c.sentence).map(|s| s.token_range());
    let same = |k: usize| sentence.as_ref().is_some_and(|r| r.contains(&k));
    (j < doc.tokens.len() && same(j) && words.contains(&word(j).as_str()))
        || (i >= 2 && same(i - 2) && word(i - 1) == "of" && words.contains(&word(i - 2).as_str()))
}

/// For every candidate, the list of place names it is written in ("A, B and C", "A or B";
/// two names or more, joined by commas, "and", "or", "&"), as an id shared by the members;
/// `None` outside lists.
fn list_ids(doc: &Document, candidates: &[Candidate<'_>]) -> Vec<Option<usize>> {
    let mut ids = vec![None; candidates.len()];
    for k in 1..candidates.len() {
        let (a, b) = (&candidates[k - 1], &candidates[k]);
        let between: Vec<String> = doc
            .tokens
            .get(a.tokens.1..b.tokens.0)
            .unwrap_or_default()
            .iter()
            .map(|t| doc.token_text(t).to_lowercase())
            .collect();
        let joined = !between.is_empty()
            && between.len() <= 2
            && between.iter().all(|w| LIST_JOINERS.contains(&w.as_str()));
        if joined && a.sentence == b.sentence {
            let id = ids[k - 1].unwrap_or(k - 1);
            ids[k - 1] = Some(id);
            ids[k] = Some(id);
        }
    }
    ids
}

/// Support from the other names of a list: 3 for each of the same kind and country as `f`, at
/// most 6, plus 0.5 for each of its country only, at most 2 (so a list of states makes
/// "Washington" the state, not the capital).
fn alike(f: &Feature, siblings: &[&Feature]) -> f64 {
    let same_country = |o: &&&Feature| o.country == f.country && o.country != [0; 3];
    let kind = siblings
        .iter()
        .filter(same_country)
        .filter(|o| o.kind == f.kind)
        .count() as f64;
    let country = siblings.iter().filter(same_country).count() as f64 - kind;
    (3.0 * kind).min(6.0) + (0.5 * country).min(2.0)
}

fn score(f: &Feature, focus: &HashMap<[u8; 3], f64>) -> f64 {
    (f.population as f64 + 10.0).ln()
        + kind_prior(f.kind)
        + FAME_WEIGHT * (f64::from(f.alternates) + 1.0).ln()
        + 6.0 * focus.get(&f.country).copied().unwrap_or(0.0)
}

/// The place stage: recognized and resolved places into `doc.places`.
pub fn locate(doc: &mut Document, gaz: &Gazetteer) {
    let candidates = recognize(doc, gaz);
    let chosen = resolve(doc, gaz, &candidates);
    doc.places = candidates
        .iter()
        .zip(chosen)
        .map(|(c, f)| PlaceMention {
            start: c.start,
            end: c.end,
            text: doc.span_text(c.start, c.end).to_string(),
            name: f.map(|f| gaz.name(f).to_string()),
            country: f.and_then(country_code),
            lat: f.map(|f| round4(f.lat)),
            lon: f.map(|f| round4(f.lon)),
            feature: f.map(|f| f.kind.as_str().to_string()),
        })
        .collect();
}

/// A place written on its own, as in a dateline: "NIAMEY, Niger" (the Niamey in Niger),
/// "Abuja", "WASHINGTON". The largest candidate wins where nothing else decides.
pub fn resolve_name<'g>(gaz: &'g Gazetteer, text: &str) -> Option<&'g Feature> {
    let none = HashMap::new();
    let mut norm = String::new();
    let parts: Vec<Vec<&Feature>> = text
        .split(',')
        .map(|p| {
            normalize(p.trim(), &mut norm);
            gaz.lookup(&norm)
        })
        .collect();
    let best = |fs: &[&'g Feature]| {
        fs.iter()
            .copied()
            .max_by(|a, b| score(a, &none).total_cmp(&score(b, &none)))
    };
    match parts.as_slice() {
        [] => None,
        [one] => best(one),
        [first, rest @ ..] => {
            let inner: Vec<&Feature> = first
                .iter()
                .copied()
                .filter(|f| rest.iter().flatten().any(|o| contains(gaz, o, f)))
                .collect();
            best(&inner).or_else(|| best(first))
        }
    }
}

fn round4(x: f32) -> f64 {
    (f64::from(x) * 1e4).round() / 1e4
}

fn country_code(f: &Feature) -> Option<String> {
    (f.country != [0; 3]).then(|| String::from_utf8_lossy(&f.country).into_owned())
}

/// An event location from a gazetteer feature; `basis` says why it was chosen.
pub fn to_location(gaz: &Gazetteer, f: &Feature, basis: &str) -> Location {
    Location {
        name: gaz.name(f).to_string(),
        country: country_code(f),
        lat: Some(round4(f.lat)),
        lon: Some(round4(f.lon)),
        feature: Some(f.kind.as_str().to_string()),
        basis: Some(basis.to_string()),
    }
}
