//! The embedded gazetteer: GeoNames countries, first- and second-level subdivisions, cities of at least
//! 1,000 people, world regions and continents (`data/gazetteer.tsv.gz`, written by `tools/gen_gazetteer.py`;
//! format in the crate README). Loaded once per process; names are looked up after
//! [`normalize`], so case, diacritics and hyphens do not matter.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What kind of place a feature is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Continent,
    /// A world region of several countries (UN M49 / CLDR): "West Africa", "Middle East".
    Region,
    Country,
    Admin1,
    /// A second-level subdivision: a county, district or province of a region.
    Admin2,
    /// A named area no administrative list has: a region inside a country ("Darfur"), an
    /// island or a peninsula.
    Area,
    /// A sea, gulf, strait, lake or ocean.
    Water,
    /// A country's capital city.
    Capital,
    City,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Continent => "continent",
            Kind::Region => "region",
            Kind::Country => "country",
            Kind::Admin1 => "admin1",
            Kind::Admin2 => "admin2",
            Kind::Area => "area",
            Kind::Water => "water",
            Kind::Capital => "capital",
            Kind::City => "city",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "continent" => Kind::Continent,
            "region" => Kind::Region,
            "country" => Kind::Country,
            "admin1" => Kind::Admin1,
            "admin2" => Kind::Admin2,
            "area" => Kind::Area,
            "water" => Kind::Water,
            "capital" => Kind::Capital,
            "city" => Kind::City,
            _ => return None,
        })
    }

    /// Cities and capitals are settlements; the rest are areas.
    pub fn is_settlement(self) -> bool {
        matches!(self, Kind::Capital | Kind::City)
    }
}

/// One place of the gazetteer. Strings are ranges into the gazetteer's text.
#[derive(Debug, Clone, Copy)]
pub struct Feature {
    pub kind: Kind,
    /// GeoNames id.
    pub geonames: u32,
    name: (u32, u32),
    /// ISO 3166 alpha-3; `[0; 3]` for continents.
    pub country: [u8; 3],
    admin1: (u32, u32),
    pub lat: f32,
    pub lon: f32,
    pub population: u64,
    /// How many alternate names the feature has: a sign of how widely it is known (GeoNames
    /// records many names for Gaza City, two for Mozambique's Gaza province).
    pub alternates: u16,
}

/// A name of a feature in the index.
#[derive(Debug, Clone, Copy)]
struct Entry {
    hash: u64,
    feature: u32,
    name: (u32, u32),
}

/// The loaded gazetteer.
pub struct Gazetteer {
    text: Cow<'static, str>,
    features: Vec<Feature>,
    /// Sorted by hash of the normalized name.
    index: Vec<Entry>,
    /// Country features by ISO alpha-3 code (the coder asks per event, often for codes that
    /// are no country, such as `IGO`: a scan would read every feature).
    countries: HashMap<[u8; 3], u32>,
    /// First-level subdivisions by country and GeoNames admin1 code, for abbreviations
    /// ("Tenn." is `USA`/`TN`).
    subdivisions: HashMap<([u8; 3], Box<str>), u32>,
    /// The most words in any name: the recognizer tries no longer spans.
    pub max_words: usize,
}

/// Why the gazetteer could not be loaded.
#[derive(Debug)]
pub struct GazetteerError(pub String);

impl std::fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "gazetteer: {}", self.0)
    }
}

impl std::error::Error for GazetteerError {}

/// The committed `data/gazetteer.tsv.gz`, inflated by build.rs.
static BUILTIN: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer.tsv"));
static LOADED: OnceLock<Result<Gazetteer, String>> = OnceLock::new();

/// Lowercased, diacritics folded, hyphens and runs of whitespace as one space, curly quotes
/// straight, a final period dropped ("U.S." at the end of a sentence is often cut to "U.S"),
/// a first word "Ft."/"Mt." written out: the form every name is indexed and looked up under.
pub fn normalize(s: &str, out: &mut String) {
    out.clear();
    let s = s.strip_suffix('.').unwrap_or(s);
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '-' | '‐' | '‑' | '–' | '—' | '_' => ' ',
            '’' | '‘' | '`' => '\'',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match fold(c) {
            Some(f) => out.push_str(f),
            None => out.extend(c.to_lowercase()),
        }
    }
    // "Ft. Worth", "Mt. Vernon": the abbreviated first word as written out.
    for (short, long) in [
        ("ft. ", "fort "),
        ("ft ", "fort "),
        ("mt. ", "mount "),
        ("mt ", "mount "),
    ] {
        if out.starts_with(short) {
            out.replace_range(..short.len(), long);
            break;
        }
    }
}

/// Latin letters with diacritics, lowercased and folded to ASCII.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' | 'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ'
        | 'Ė' | 'Ę' | 'Ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "g",
        'ĥ' | 'ħ' | 'Ĥ' | 'Ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī'
        | 'Ĭ' | 'Į' | 'İ' => "i",
        'ĵ' | 'Ĵ' => "j",
        'ķ' | 'Ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' | 'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø'
        | 'Ō' | 'Ŏ' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' | 'Ŕ' | 'Ŗ' | 'Ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' | 'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ'
        | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "u",
        'ŵ' | 'Ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' | 'Ý' | 'Ÿ' | 'Ŷ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'ʻ' | 'ʼ' | 'ʿ' | 'ʾ' => "'",
        _ => return None,
    })
}

/// FNV-1a, 64 bits: names are short and the index is built once.
fn hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Features and index entries of a run of lines (`first_line`: lines before it, for messages;
/// `base`: address of the whole text, which ranges are relative to).
#[allow(clippy::type_complexity)]
fn parse_lines(
    text: &str,
    base: usize,
    first_line: usize,
) -> Result<(Vec<Feature>, Vec<Entry>, usize), String> {
    let mut features = Vec::with_capacity(text.len() / 70);
    let mut index = Vec::with_capacity(text.len() / 22);
    let mut max_words = 1;
    let mut norm = String::new();
    let range = |s: &str| -> (u32, u32) {
        let at = s.as_ptr() as usize - base;
        (at as u32, (at + s.len()) as u32)
    };
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let bad = || format!("line {}: malformed feature", first_line + n + 1);
        let mut f = [""; 9];
        let mut parts = line.split('\t');
        for slot in f.iter_mut() {
            *slot = parts.next().ok_or_else(bad)?;
        }
        if parts.next().is_some() {
            return Err(bad());
        }
        let kind = Kind::parse(f[0]).ok_or_else(bad)?;
        let mut country = [0u8; 3];
        if f[3].len() == 3 {
            country.copy_from_slice(f[3].as_bytes());
        }
        let feature = Feature {
            kind,
            geonames: f[1].parse().map_err(|_| bad())?,
            name: range(f[2]),
            country,
            admin1: range(f[4]),
            lat: f[5].parse().map_err(|_| bad())?,
            lon: f[6].parse().map_err(|_| bad())?,
            population: f[7].parse().map_err(|_| bad())?,
            alternates: f[8]
                .split('|')
                .filter(|s| !s.is_empty())
                .count()
                .min(u16::MAX as usize) as u16,
        };
        let id = features.len() as u32;
        features.push(feature);
        for name in std::iter::once(f[2]).chain(f[8].split('|').filter(|s| !s.is_empty())) {
            normalize(name, &mut norm);
            max_words = max_words.max(norm.bytes().filter(|&b| b == b' ').count() + 1);
            index.push(Entry {
                hash: hash(&norm),
                feature: id,
                name: range(name),
            });
        }
    }
    Ok((features, index, max_words))
}

impl Gazetteer {
    /// The embedded gazetteer, indexed on first use.
    pub fn builtin() -> Result<&'static Gazetteer, GazetteerError> {
        LOADED
            .get_or_init(|| Gazetteer::parse(BUILTIN))
            .as_ref()
            .map_err(|e| GazetteerError(e.clone()))
    }

    /// Reads the gazetteer's text format: a `# dyad gazetteer 2` header (version 1, without
    /// `admin2`, `area` and `water` features, is read too), comment lines, then
    /// one feature per line (`kind, geonameid, name, country, admin1, lat, lon, population,
    /// alternate names joined by |`, tab-separated).
    pub fn parse(text: impl Into<Cow<'static, str>>) -> Result<Gazetteer, String> {
        let text: Cow<'static, str> = text.into();
        let known = ["1", "2"]
            .iter()
            .any(|v| text.starts_with(&format!("# dyad gazetteer {v}\n")));
        if !known {
            return Err(
                "not a dyad gazetteer version 1 or 2 (first line must be `# dyad gazetteer 2`)"
                    .into(),
            );
        }
        // Two halves on two threads (split at a line start): indexing is most of the load.
        let mut mid = text.len() / 2;
        while mid < text.len() && (!text.is_char_boundary(mid) || text.as_bytes()[mid - 1] != b'\n')
        {
            mid += 1;
        }
        let base = text.as_ptr() as usize;
        let first_lines = text[..mid].lines().count();
        let (a, b) = std::thread::scope(|scope| {
            let second = scope.spawn(|| parse_lines(&text[mid..], base, first_lines));
            let first = parse_lines(&text[..mid], base, 0);
            (first, second.join())
        });
        let (mut features, mut index, words_a) = a?;
        let (more, more_index, words_b) =
            b.map_err(|_| "the gazetteer reader panicked".to_string())??;
        let offset = features.len() as u32;
        features.extend(more);
        index.extend(more_index.into_iter().map(|mut e| {
            e.feature += offset;
            e
        }));
        let max_words = words_a.max(words_b);
        index.sort_unstable_by_key(|e| (e.hash, e.feature));
        index.dedup_by_key(|e| (e.hash, e.feature));
        let mut countries = HashMap::new();
        let mut subdivisions = HashMap::new();
        for (i, f) in features.iter().enumerate() {
            if f.kind == Kind::Country {
                countries.entry(f.country).or_insert(i as u32);
            } else if f.kind == Kind::Admin1 {
                let code = text
                    .get(f.admin1.0 as usize..f.admin1.1 as usize)
                    .unwrap_or("");
                subdivisions
                    .entry((f.country, code.into()))
                    .or_insert(i as u32);
            }
        }
        Ok(Gazetteer {
            text,
            features,
            index,
            countries,
            subdivisions,
            max_words: max_words.min(8),
        })
    }

    /// Features one of whose names normalizes to `normalized` (see [`normalize`]).
    pub fn lookup(&self, normalized: &str) -> Vec<&Feature> {
        let h = hash(normalized);
        let from = self.index.partition_point(|e| e.hash < h);
        let mut buf = String::new();
        self.index[from..]
            .iter()
            .take_while(|e| e.hash == h)
            .filter(|e| {
                normalize(self.str(e.name), &mut buf);
                buf == normalized
            })
            .map(|e| &self.features[e.feature as usize])
            .collect()
    }

    fn str(&self, r: (u32, u32)) -> &str {
        self.text.get(r.0 as usize..r.1 as usize).unwrap_or("")
    }

    /// The feature's main name.
    pub fn name(&self, f: &Feature) -> &str {
        self.str(f.name)
    }

    /// The feature's first-level subdivision code (GeoNames admin1 code), empty if none.
    pub fn admin1(&self, f: &Feature) -> &str {
        self.str(f.admin1)
    }

    /// The country feature for an ISO alpha-3 code.
    pub fn country(&self, iso3: [u8; 3]) -> Option<&Feature> {
        let i = *self.countries.get(&iso3)?;
        self.features.get(i as usize)
    }

    /// The first-level subdivision with GeoNames admin1 code `code` in country `iso3`.
    pub fn subdivision(&self, iso3: [u8; 3], code: &str) -> Option<&Feature> {
        let i = *self.subdivisions.get(&(iso3, code.into()))?;
        self.features.get(i as usize)
    }

    pub fn len(&self) -> usize {
        self.features.len()
    }

    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }
}

/// Great-circle distance in km (haversine, mean Earth radius).
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "# dyad gazetteer 1\n\
country\t1\tNiger\tNER\t\t17.4\t9.4\t22000000\tRepublic of the Niger\n\
country\t2\tNigeria\tNGA\t\t9.6\t8.1\t190000000\t\n\
admin1\t3\tNiger\tNGA\t31\t9.9\t5.6\t2000000\tNiger State\n\
capital\t4\tNiamey\tNER\t08\t13.5\t2.1\t1000000\t\n\
city\t5\tSão Paulo\tBRA\t27\t-23.5\t-46.6\t12000000\tSao Paulo|Sampa\n";

    #[test]
    fn names_normalize_case_diacritics_hyphens() {
        let mut s = String::new();
        normalize("  São-Paulo ", &mut s);
        assert_eq!(s, "sao paulo");
        normalize("Côte d’Ivoire", &mut s);
        assert_eq!(s, "cote d'ivoire");
        normalize("Ft. Worth", &mut s);
        assert_eq!(s, "fort worth");
        normalize("Mt Vernon", &mut s);
        assert_eq!(s, "mount vernon");
    }

    #[test]
    fn lookup_finds_every_feature_of_a_name() {
        let g = Gazetteer::parse(SMALL).expect("parses");
        assert_eq!(g.len(), 5);
        let mut kinds: Vec<_> = g.lookup("niger").iter().map(|f| f.kind).collect();
        kinds.sort_by_key(|k| k.as_str());
        assert_eq!(kinds, [Kind::Admin1, Kind::Country]);
        assert_eq!(g.lookup("sao paulo").len(), 1);
        assert_eq!(g.lookup("niger state").first().map(|f| f.geonames), Some(3));
        assert_eq!(g.lookup("nigerr").len(), 0);
        let niamey = g.lookup("niamey")[0];
        assert_eq!(g.name(niamey), "Niamey");
        assert_eq!(g.max_words, 4);
    }

    #[test]
    fn version_2_has_second_level_subdivisions() {
        let g = Gazetteer::parse(
            "# dyad gazetteer 2\nadmin2\t6\tSuffolk\tGBR\tENG\t52.2\t1.1\t610000\t\n",
        )
        .expect("parses");
        let suffolk = g.lookup("suffolk");
        assert_eq!(suffolk.len(), 1);
        assert_eq!(suffolk[0].kind, Kind::Admin2);
        assert_eq!(suffolk[0].kind.as_str(), "admin2");
        assert_eq!(g.admin1(suffolk[0]), "ENG");
    }

    #[test]
    fn a_wrong_header_or_line_is_an_error() {
        assert!(Gazetteer::parse("country\t1\n").is_err());
        assert!(Gazetteer::parse("# dyad gazetteer 3\n").is_err());
        let bad = "# dyad gazetteer 2\ncountry\tx\tNiger\tNER\t\t1\t2\t3\t\n";
        assert!(Gazetteer::parse(bad)
            .err()
            .is_some_and(|e| e.contains("line 2")));
    }

    #[test]
    fn distances() {
        // Niamey to Abuja, about 800 km.
        let d = distance_km((13.51, 2.11), (9.06, 7.49));
        assert!((d - 775.0).abs() < 30.0, "{d}");
        assert_eq!(distance_km((1.0, 1.0), (1.0, 1.0)), 0.0);
    }

    #[test]
    fn the_builtin_gazetteer_loads() {
        let g = Gazetteer::builtin().expect("embedded gazetteer");
        assert!(g.len() > 100_000);
        let abuja = g
            .lookup("abuja")
            .into_iter()
            .find(|f| f.kind == Kind::Capital)
            .expect("Abuja");
        assert_eq!(&abuja.country, b"NGA");
        assert_eq!(g.country(*b"NER").map(|f| g.name(f)), Some("Niger"));
        assert!(g.country(*b"IGO").is_none());
        assert!(g
            .lookup("niger")
            .iter()
            .any(|f| f.kind == Kind::Country && &f.country == b"NER"));
    }
}
