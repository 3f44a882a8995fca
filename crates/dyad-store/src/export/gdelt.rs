//! The GDELT 2.0 event table: 61 tab-separated columns per event, no header, in the order of
//! the GDELT Event Database Data Format Codebook V2.0 (2015-02-19). The mapping from dyad's
//! event is in the crate README ("GDELT export").

use dyad_doc::{Event, EventActor, Location};
use jiff::civil::Date;
use sha2::{Digest, Sha256};

use crate::store::ArticleMeta;

/// The 61 columns of a GDELT 2.0 event record, in file order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// CAMEO actor type codes (GDELT's `CAMEO.type.txt`).
const TYPES: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD",
    "AMN", "IRC", "GRP", "UNO", "PKO", "UIS", "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "SET",
];

/// CAMEO known groups: IGOs, NGOs, parties and armed groups with their own code (GDELT's
/// `CAMEO.knowngroup.txt`).
const KNOWN_GROUPS: &[&str] = &[
    "AAM", "ABD", "ACC", "ADB", "AEU", "AFB", "ALQ", "AMF", "AML", "AMN", "AMU", "ANO", "APE",
    "ARL", "ASL", "ASN", "ATD", "BCA", "BIS", "BTH", "CEM", "CFA", "CIS", "CMN", "COE", "CPA",
    "CPC", "CRC", "CSS", "CWN", "DFL", "EBR", "ECA", "EEC", "EFT", "ENN", "FAO", "FID", "FIS",
    "FLN", "FTA", "GCC", "GIA", "GOE", "GOS", "GSP", "GSS", "HCH", "HCR", "HEZ", "HIP", "HMS",
    "HRW", "IAC", "IAD", "IAE", "IAF", "ICC", "ICG", "ICJ", "ICO", "IDB", "IGC", "IHF", "ILO",
    "IMF", "IOM", "IPU", "IRC", "ISJ", "ITP", "JUR", "KDP", "KID", "LBA", "LKD", "MBR", "MRZ",
    "MSF", "MSP", "NAT", "NEP", "NON", "OAS", "OAU", "OIC", "OPC", "PAP", "PFL", "PLF", "PLO",
    "PLS", "PMD", "PRC", "PSE", "RCR", "RND", "SAA", "SAD", "SCE", "SHA", "SOT", "TAL", "UEM",
    "UNO", "WAD", "WAM", "WAS", "WBK", "WCT", "WEF", "WFP", "WHO", "WTO", "XFM",
];

/// CAMEO religion codes (GDELT's `CAMEO.religion.txt`).
const RELIGIONS: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD",
    "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "PAG", "PRO", "SFI", "SHI", "SHN",
    "SIK", "SUN", "TAO", "UDX", "ZRO",
];

/// Leading codes that are both a country in GDELT's `CAMEO.country.txt` and a code of another
/// class: at the head of an actor code they are read as the country.
const COUNTRY_FIRST: &[&str] = &["PSE", "SHN"];

/// An actor code broken into GDELT's fields.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ActorParts {
    pub country: String,
    pub known_group: String,
    pub religion: [String; 2],
    pub types: [String; 3],
}

/// Breaks a CAMEO actor code into 3-letter parts and files each under GDELT's fields: the
/// leading part is the country (ISO alpha-3, or a CAMEO region such as `WAF`, which GDELT's
/// country list includes) unless it is a type, known-group or religion code (`IGO...`,
/// `NGO...`) or `---`; later parts fill the known group (the last one, the most specific:
/// `IGOUNOWFP` → `WFP`), religion 1 and 2 and types 1 to 3 in order. Parts in none of GDELT's
/// lists (dyad's `PTY`, a region after the head) are left out: they stay in the full code.
pub(crate) fn split_actor(code: &str) -> ActorParts {
    let mut parts = ActorParts::default();
    let chunks: Vec<&str> = if code.is_ascii() {
        code.as_bytes()
            .chunks(3)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect()
    } else {
        Vec::new()
    };
    let (mut religions, mut types) = (0, 0);
    for (i, c) in chunks.iter().enumerate() {
        let c = *c;
        if c.len() != 3 || c == "---" {
            continue;
        }
        let is_type = TYPES.contains(&c);
        let is_group = KNOWN_GROUPS.contains(&c);
        let is_religion = RELIGIONS.contains(&c);
        if i == 0 && (COUNTRY_FIRST.contains(&c) || !(is_type || is_group || is_religion)) {
            parts.country = c.to_string();
        } else if is_group {
            parts.known_group = c.to_string();
        } else if is_religion && religions < 2 {
            parts.religion[religions] = c.to_string();
            religions += 1;
        } else if is_type && types < 3 {
            parts.types[types] = c.to_string();
            types += 1;
        }
    }
    parts
}

/// A stable GDELT event id: the first 8 bytes of SHA-256 of dyad's event id, as a 63-bit
/// positive integer (fits a signed 64-bit column).
pub fn gdelt_event_id(event_id: &str) -> u64 {
    let d = Sha256::digest(event_id.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    u64::from_be_bytes(b) >> 1
}

/// No tabs or line breaks inside a field.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn actor_fields(a: Option<&EventActor>) -> [String; 10] {
    let Some(a) = a else {
        return Default::default();
    };
    let code = a.code.as_deref().unwrap_or("");
    let p = split_actor(code);
    let [r1, r2] = p.religion;
    let [t1, t2, t3] = p.types;
    [
        clean(code),
        clean(&a.text.to_uppercase()),
        p.country,
        p.known_group,
        String::new(), // EthnicCode: dyad's codes carry no ethnic part.
        r1,
        r2,
        t1,
        t2,
        t3,
    ]
}

/// GDELT's geographic resolution for a dyad place: 1 country, 2 US state, 3 US city,
/// 4 world city, 5 world state (first-level division); 0 for no place, and for regions,
/// continents and seas, which GDELT has no type for.
fn geo_type(loc: &Location) -> u8 {
    let us = loc.country.as_deref() == Some("USA");
    match loc.feature.as_deref() {
        Some("country") => 1,
        // A named area ("Darfur") is as coarse as a state, but no US state.
        Some("area") => 5,
        Some("admin1") => {
            if us {
                2
            } else {
                5
            }
        }
        // A county or district: GDELT has no type for it; its point is as local as a town's.
        Some("city" | "capital" | "admin2") => {
            if us {
                3
            } else {
                4
            }
        }
        _ => 0,
    }
}

fn num(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
fn geo_fields(loc: Option<&Location>) -> [String; 8] {
    let Some(loc) = loc else {
        return [
            "0".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
    };
    let t = geo_type(loc);
    let country = loc.country.clone().unwrap_or_default();
    // For a country-level match GDELT repeats the country code as ADM1 code and feature id.
    let (adm1, feature) = if t == 1 {
        (country.clone(), country.clone())
    } else {
        (String::new(), String::new())
    };
    [
        t.to_string(),
        clean(&loc.name),
        country,
        adm1,
        String::new(),
        num(loc.lat),
        num(loc.lon),
        feature,
    ]
}

/// The 61 fields of one event. `article` gives SOURCEURL and DATEADDED (its ingestion time);
/// without it SOURCEURL is empty and DATEADDED is the event's date at 00:00:00.
pub fn gdelt_row(e: &Event, article: Option<&ArticleMeta>) -> Vec<String> {
    let mut row = Vec::with_capacity(61);
    row.push(gdelt_event_id(&e.id).to_string());

    let date = e.date.as_deref().and_then(|d| d.parse::<Date>().ok());
    match date {
        Some(d) => {
            // The share of the year completed by that day: day of year / 365, as the
            // codebook defines it (2019-01-25 → 2019.0685), capped below the next year.
            let frac = (f64::from(d.day_of_year()) / 365.0).min(0.9999);
            row.push(format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()));
            row.push(format!("{:04}{:02}", d.year(), d.month()));
            row.push(format!("{:04}", d.year()));
            row.push(format!("{:.4}", f64::from(d.year()) + frac));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }

    row.extend(actor_fields(Some(&e.source)));
    row.extend(actor_fields(e.target.as_ref()));

    row.push("1".into()); // IsRootEvent
    row.push(clean(&e.cameo));
    let base = if e.cameo.len() > 3 && e.cameo.is_ascii() {
        &e.cameo[..3]
    } else {
        e.cameo.as_str()
    };
    row.push(clean(base));
    row.push(clean(&e.cameo_root));
    row.push(e.quad_class.to_string());
    row.push(e.goldstein.to_string());
    row.extend(["1".into(), "1".into(), "1".into()]); // NumMentions, NumSources, NumArticles
    row.push(String::new()); // AvgTone

    // The location stands for an actor's own place when it was chosen as that actor's
    // country: the source's, or for a visit (042) the host's, the target.
    let loc = e.location.as_ref();
    let by_actor = loc.filter(|l| l.basis.as_deref() == Some("actor"));
    let visit = e.cameo.starts_with("042");
    row.extend(geo_fields(if visit { None } else { by_actor }));
    row.extend(geo_fields(if visit { by_actor } else { None }));
    row.extend(geo_fields(loc));

    let added = article
        .map(|a| {
            a.ingested_at
                .chars()
                .filter(char::is_ascii_digit)
                .take(14)
                .collect::<String>()
        })
        .filter(|s| s.len() == 14)
        .or_else(|| date.map(|d| format!("{:04}{:02}{:02}000000", d.year(), d.month(), d.day())))
        .unwrap_or_default();
    row.push(added);
    row.push(
        article
            .and_then(|a| a.url.as_deref())
            .map(clean)
            .unwrap_or_default(),
    );
    debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(code: &str) -> ActorParts {
        split_actor(code)
    }

    #[test]
    fn splits_actor_codes_like_gdelt() {
        let p = parts("NERMIL");
        assert_eq!(p.country, "NER");
        assert_eq!(p.types[0], "MIL");
        assert_eq!(p.known_group, "");

        let p = parts("IGOWAFWAS");
        assert_eq!(p.country, "");
        assert_eq!(p.known_group, "WAS");
        assert_eq!(p.types, ["IGO".to_string(), String::new(), String::new()]);

        let p = parts("IGOUNOWFP");
        assert_eq!(p.known_group, "WFP");
        assert_eq!(p.types[0], "IGO");

        let p = parts("NGOHRIAMN");
        assert_eq!(p.known_group, "AMN");
        assert_eq!(p.types[..2], ["NGO".to_string(), "HRI".to_string()]);

        let p = parts("AFGTALREBMOS");
        assert_eq!(p.country, "AFG");
        assert_eq!(p.known_group, "TAL");
        assert_eq!(p.types[0], "REB");
        assert_eq!(p.religion[0], "MOS");

        assert_eq!(parts("WAF").country, "WAF");
        assert_eq!(parts("PSEGOV").country, "PSE");
        let p = parts("---GOV");
        assert_eq!(p.country, "");
        assert_eq!(p.types[0], "GOV");
        assert_eq!(parts(""), ActorParts::default());
        // Dyad's party code is not a GDELT type: left out.
        assert_eq!(parts("NGAPTY").types[0], "");
    }

    #[test]
    fn event_ids_are_stable_positive_63_bit_integers() {
        let a = gdelt_event_id("5f0c2a9e1b7d4c3a");
        assert_eq!(a, gdelt_event_id("5f0c2a9e1b7d4c3a"));
        assert_ne!(a, gdelt_event_id("5f0c2a9e1b7d4c3b"));
        assert!(a <= i64::MAX as u64);
    }

    #[test]
    fn list_lengths() {
        assert_eq!(TYPES.len(), 39);
        assert_eq!(RELIGIONS.len(), 31);
        assert!(KNOWN_GROUPS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn geographic_types_follow_the_feature_kind() {
        let at = |feature: &str, country: Option<&str>| Location {
            name: "x".into(),
            country: country.map(str::to_string),
            lat: Some(1.0),
            lon: Some(2.0),
            feature: Some(feature.to_string()),
            basis: None,
        };
        let cases = [
            ("country", Some("NER"), 1),
            ("admin1", Some("USA"), 2),
            ("admin1", Some("NGA"), 5),
            ("area", Some("SDN"), 5),
            ("admin2", Some("USA"), 3),
            ("admin2", Some("GBR"), 4),
            ("city", Some("USA"), 3),
            ("capital", Some("NGA"), 4),
            ("water", None, 0),
            ("region", None, 0),
            ("continent", None, 0),
        ];
        for (feature, country, want) in cases {
            assert_eq!(
                geo_type(&at(feature, country)),
                want,
                "{feature} {country:?}"
            );
        }
    }
}
