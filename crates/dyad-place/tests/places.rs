//! The place stage on parsed sentences (dyad's own segmenter and built-in parser): one test
//! per recognition and disambiguation rule.

use dyad_doc::{Article, Document, PlaceMention};
use dyad_place::{locate, Gazetteer};

/// The text segmented, parsed and located.
fn located(text: &str) -> Document {
    let mut doc = Document::new(Article::new("t", text));
    doc.text = text.to_string();
    dyad_segment::segment(&mut doc);
    dyad_syntax::Model::try_builtin()
        .expect("built-in model")
        .annotate(&mut doc);
    locate(&mut doc, Gazetteer::builtin().expect("gazetteer"));
    doc
}

fn places(text: &str) -> Vec<PlaceMention> {
    located(text).places
}

fn find<'a>(ps: &'a [PlaceMention], text: &str) -> &'a PlaceMention {
    ps.iter()
        .find(|p| p.text == text)
        .unwrap_or_else(|| panic!("{text} not found in {ps:#?}"))
}

fn country(ps: &[PlaceMention], text: &str) -> String {
    find(ps, text).country.clone().unwrap_or_default()
}

#[test]
fn niger_is_not_nigeria() {
    let ps = places("Troops crossed from Niger into Nigeria after the coup in Niamey.");
    assert_eq!(country(&ps, "Niger"), "NER");
    assert_eq!(find(&ps, "Niger").feature.as_deref(), Some("country"));
    assert_eq!(country(&ps, "Nigeria"), "NGA");
    assert_eq!(country(&ps, "Niamey"), "NER");
}

#[test]
fn abuja_is_in_nigeria() {
    let ps = places("ECOWAS military chiefs met in Nigeria's capital Abuja on Thursday.");
    let abuja = find(&ps, "Abuja");
    assert_eq!(abuja.country.as_deref(), Some("NGA"));
    assert_eq!(abuja.feature.as_deref(), Some("capital"));
    assert!((abuja.lat.unwrap_or(0.0) - 9.06).abs() < 0.2);
    assert!((abuja.lon.unwrap_or(0.0) - 7.49).abs() < 0.2);
    assert!(!ps.iter().any(|p| p.text == "Thursday"));
}

#[test]
fn georgia_follows_the_article() {
    let us = places("Storms hit Atlanta and Savannah. Georgia declared an emergency.");
    assert_eq!(country(&us, "Georgia"), "USA");
    assert_eq!(find(&us, "Georgia").feature.as_deref(), Some("admin1"));
    let caucasus = places("Russian troops remain in Georgia, and Tbilisi protested to Moscow.");
    assert_eq!(country(&caucasus, "Georgia"), "GEO");
}

#[test]
fn a_container_after_a_comma_decides() {
    let texas = places("The storm reached Paris, Texas, on Monday.");
    assert_eq!(country(&texas, "Paris"), "USA");
    assert_eq!(country(&texas, "Texas"), "USA");
    let france = places("The talks were held in Paris last week.");
    assert_eq!(country(&france, "Paris"), "FRA");
}

#[test]
fn washington_is_the_capital_and_not_a_newspaper() {
    let ps = places("Officials in Washington rejected the offer.");
    let w = find(&ps, "Washington");
    assert_eq!(w.country.as_deref(), Some("USA"));
    assert_eq!(w.feature.as_deref(), Some("capital"));
    let paper = places("The Washington Post reported the deal.");
    assert!(paper.iter().all(|p| p.text != "Washington"), "{paper:#?}");
}

#[test]
fn people_currencies_months_and_acronyms_are_not_places() {
    let ps = places(
        "Nelson Mandela spoke in Johannesburg in August. The deal cost US$5 million, the FAO said.",
    );
    assert!(ps.iter().all(|p| p.text != "Nelson"), "{ps:#?}");
    assert!(ps.iter().all(|p| p.text != "August"), "{ps:#?}");
    assert!(
        ps.iter().all(|p| p.text != "US" && p.text != "FAO"),
        "{ps:#?}"
    );
    assert_eq!(country(&ps, "Johannesburg"), "ZAF");
}

#[test]
fn regions_and_small_towns_with_a_cue() {
    let ps = places("Fighting spread across West Africa and reached the town of Menaka.");
    assert_eq!(find(&ps, "West Africa").feature.as_deref(), Some("region"));
    assert_eq!(country(&ps, "Menaka"), "MLI");
}

#[test]
fn offsets_slice_the_text() {
    let doc = located("Côte d'Ivoire and São Tomé signed a deal in Abidjan.");
    assert!(!doc.places.is_empty());
    for p in &doc.places {
        assert_eq!(doc.span_text(p.start, p.end), p.text);
    }
    assert!(doc.places.iter().any(|p| p.text == "Abidjan"));
}

#[test]
fn groups_and_newspapers_the_dictionaries_know_are_not_places() {
    let ps =
        places("Fighters of al-Shabab attacked a base near Mogadishu, the Washington Post said.");
    assert!(ps.iter().all(|p| !p.text.contains("Shabab")), "{ps:#?}");
    assert!(ps.iter().all(|p| p.text != "Washington"), "{ps:#?}");
    assert_eq!(country(&ps, "Mogadishu"), "SOM");
}

#[test]
fn a_country_named_by_its_own_name_stays_the_country() {
    // Mexico City has "Mexico" among its alternate names, and it lies near Acapulco.
    let ps = places(
        "Acapulco is a port in the state of Guerrero, south of Mexico City. \
         The flu outbreak began in Mexico.",
    );
    let mexico = ps.iter().rev().find(|p| p.text == "Mexico");
    let mexico = mexico.unwrap_or_else(|| panic!("Mexico not found in {ps:#?}"));
    assert_eq!(mexico.feature.as_deref(), Some("country"), "{ps:#?}");
}

#[test]
fn names_in_one_list_are_read_alike() {
    let states = places("Cases were confirmed in Arizona, Colorado, Georgia, Ohio and Utah.");
    assert_eq!(country(&states, "Georgia"), "USA");
    assert_eq!(find(&states, "Georgia").feature.as_deref(), Some("admin1"));
    // "China, Japan" is not a town called China in Japan.
    let nations = places("Health officials in Canada, China, Japan and Brazil reported cases.");
    assert_eq!(country(&nations, "China"), "CHN");
    assert_eq!(find(&nations, "China").feature.as_deref(), Some("country"));
    // A chain of containers still nests: Midland in Michigan, not in Texas.
    let chain = places("A newspaper office in Midland, Michigan, USA was closed.");
    let midland = find(&chain, "Midland");
    assert_eq!(midland.country.as_deref(), Some("USA"));
    assert!(
        (midland.lat.unwrap_or(0.0) - 43.6).abs() < 0.3,
        "{chain:#?}"
    );
}

#[test]
fn a_subdivision_word_picks_the_subdivision() {
    let ps = places("The first case was found on a farm in the state of Washington.");
    assert_eq!(find(&ps, "Washington").feature.as_deref(), Some("admin1"));
    // A district word picks a second-level subdivision over a town of the name.
    let ps = places("Officials said that Salinas county was flooded.");
    assert_eq!(
        find(&ps, "Salinas").feature.as_deref(),
        Some("admin2"),
        "{ps:#?}"
    );
    let ps = places("Officials said that Salinas was flooded.");
    assert_eq!(
        find(&ps, "Salinas").feature.as_deref(),
        Some("city"),
        "{ps:#?}"
    );
    let ps = places("Singapore urged residents not to travel to the state of Victoria.");
    let v = find(&ps, "Victoria");
    assert_eq!(v.country.as_deref(), Some("AUS"));
    assert_eq!(v.feature.as_deref(), Some("admin1"));
}

#[test]
fn counties_and_districts_are_second_level_subdivisions() {
    let ps =
        places("A dead swan was found in Fife, Scotland, and turkeys died on a farm in Suffolk.");
    for name in ["Fife", "Suffolk"] {
        assert_eq!(country(&ps, name), "GBR", "{name}: {ps:#?}");
        assert_eq!(find(&ps, name).feature.as_deref(), Some("admin2"));
    }
    let ps = places("New HIV cases in Scott County, Indiana rose past 140.");
    let scott = find(&ps, "Scott County");
    assert_eq!(scott.feature.as_deref(), Some("admin2"));
    assert!((scott.lat.unwrap_or(0.0) - 38.7).abs() < 0.5, "{ps:#?}");
    assert!((scott.lon.unwrap_or(0.0) + 85.8).abs() < 0.5, "{ps:#?}");
    // A district named like its town is the town.
    let ps = places("Fans gathered in Manchester on Saturday.");
    assert_eq!(find(&ps, "Manchester").feature.as_deref(), Some("city"));
}

#[test]
fn a_widely_known_place_beats_an_obscure_namesake() {
    // Mozambique's Gaza province is as large as Gaza City, but far less known.
    let ps = places("Fighting in Gaza continued through the night.");
    assert_eq!(country(&ps, "Gaza"), "PSE", "{ps:#?}");
}

#[test]
fn regions_islands_and_seas_no_administrative_list_has() {
    let ps = places("Fighting in Darfur and the Donbas went on while ships crossed the Black Sea.");
    assert_eq!(country(&ps, "Darfur"), "SDN");
    assert_eq!(find(&ps, "Darfur").feature.as_deref(), Some("area"));
    assert_eq!(country(&ps, "Donbas"), "UKR");
    let sea = find(&ps, "Black Sea");
    assert_eq!(sea.feature.as_deref(), Some("water"));
    assert_eq!(sea.country, None);
    // "the Sahel" is the region, not Burkina Faso's province of that name.
    let ps = places("Drought spread across the Sahel this year.");
    assert_eq!(find(&ps, "Sahel").feature.as_deref(), Some("region"));
}

#[test]
fn a_small_town_needs_a_cue_even_among_other_readings() {
    // Pacific, Missouri (7,000 people) is no reading without "in" or a container.
    let ps = places("Storms crossed the Pacific toward Japan.");
    assert_eq!(
        find(&ps, "Pacific").feature.as_deref(),
        Some("water"),
        "{ps:#?}"
    );
    let ps = places("The storm reached Paris, Texas, on Monday.");
    assert_eq!(country(&ps, "Paris"), "USA");
}

#[test]
fn state_abbreviations_after_a_town() {
    let ps = places("A man from Paris, Tenn. was hurt, and a fire hit Austin, TX on Friday.");
    assert_eq!(find(&ps, "Tenn.").name.as_deref(), Some("Tennessee"));
    let paris = find(&ps, "Paris");
    assert_eq!(paris.country.as_deref(), Some("USA"), "{ps:#?}");
    assert!((paris.lat.unwrap_or(0.0) - 36.3).abs() < 0.3, "{ps:#?}");
    assert_eq!(find(&ps, "TX").name.as_deref(), Some("Texas"));
    let ps = places("Officials in Surrey, B.C. and in regional NSW reported cases.");
    assert_eq!(country(&ps, "Surrey"), "CAN");
    assert_eq!(find(&ps, "NSW").name.as_deref(), Some("New South Wales"));
    // Not after a town, these are other words.
    let ps = places("Miss. Jones said the Mass. was held in Ga. and TX.");
    assert!(ps.is_empty(), "{ps:#?}");
}

#[test]
fn names_the_tagger_or_the_syntax_would_lose() {
    // A town joined by "and" to a town with a cue shares the cue.
    let ps = places("Horses fell ill in Moonbi, Parkes, Berry and Wyong last week.");
    assert_eq!(country(&ps, "Wyong"), "AUS", "{ps:#?}");
    // A word for its people after a small town's name is a cue too.
    let ps = places("A Longview woman said the outbreak was terrifying.");
    assert_eq!(country(&ps, "Longview"), "USA", "{ps:#?}");
    let ps = places("A Longview said the outbreak was terrifying.");
    assert!(ps.is_empty(), "{ps:#?}");
    // Capitalized words inside a sentence are a name even if tagged ADJ NOUN.
    let ps = places("The stocks will be destroyed at a plant in Little Rock, Arkansas.");
    assert_eq!(country(&ps, "Little Rock"), "USA", "{ps:#?}");
    // A country at the start of a sentence, without its article.
    let ps = places("Tests were done. Netherlands has never had a case before.");
    assert_eq!(country(&ps, "Netherlands"), "NLD", "{ps:#?}");
    // French names, former names.
    let ps = places("Outbreaks hit Côte d'Ivoire, and Ebola struck Zaire in 1976.");
    assert_eq!(country(&ps, "Côte d'Ivoire"), "CIV", "{ps:#?}");
    assert_eq!(country(&ps, "Zaire"), "COD", "{ps:#?}");
    // A town's name heading a longer name is not a place; one placed in its country is.
    let ps = places("Scientists at the University of Rouen and University of Manchester agreed.");
    assert!(ps.iter().all(|p| p.text != "University"), "{ps:#?}");
    let ps = places("She is a student from the Gold Coast of Australia.");
    assert_eq!(country(&ps, "Gold Coast"), "AUS", "{ps:#?}");
}

#[test]
fn a_list_of_states_and_a_town_the_gazetteer_lacks() {
    let ps = places("Illnesses were reported in Ohio, Oregon, Utah, Washington and Wisconsin.");
    assert_eq!(
        find(&ps, "Washington").feature.as_deref(),
        Some("admin1"),
        "{ps:#?}"
    );
    // No Stroud in Ontario in the gazetteer: Ontario is nearer the truth than Stroud, England.
    let ps = places("The truck was stopped on a highway in Stroud, Ontario, Canada.");
    assert_eq!(country(&ps, "Stroud"), "CAN", "{ps:#?}");
    // Not in a list of places.
    let ps = places("Strains from Zaire, Bundibugyo, Côte d'Ivoire and Sudan differ.");
    assert_eq!(country(&ps, "Bundibugyo"), "UGA", "{ps:#?}");
}

#[test]
fn other_names_of_small_places_and_family_names() {
    // "Lu" is one of Luzhou's other names, "Sicilia" a family name here.
    let ps = places("Lu was first diagnosed with pneumonia, a spokesman, Michael Sicilia, said.");
    assert!(ps.is_empty(), "{ps:#?}");
    // A name without its Arabic article is the place's own name; a spelling of several
    // words stands without a cue.
    let ps = places("Fighting in Anbar continued, and Mbanza Congo reported cases.");
    assert_eq!(country(&ps, "Anbar"), "IRQ", "{ps:#?}");
    assert_eq!(country(&ps, "Mbanza Congo"), "AGO", "{ps:#?}");
}

#[test]
fn capitalized_words_that_are_not_towns_here() {
    for text in [
        "Relations are full of Sino-Russian tensions.",
        "The world could gain trillions in Gross Domestic Product.",
        "At the port, Kelly told reporters the ship had left.",
        "He stayed in Congress and went to the Federal Court.",
    ] {
        let ps = places(text);
        assert!(ps.is_empty(), "{text}: {ps:#?}");
    }
    // Two places joined by a hyphen stay places; so does a big city before a capitalized word.
    let ps = places("The Washington-Seoul body met at Tokyo International University.");
    assert_eq!(country(&ps, "Washington"), "USA", "{ps:#?}");
    assert_eq!(country(&ps, "Tokyo"), "JPN", "{ps:#?}");
    // "the mayor of", ", a town" are cues; a subdivision word only for a name that can be a
    // subdivision (no Indian town Āmūr in the Amur Region).
    let ps = places("Fighting reached Beledweyne, a town near the border.");
    assert_eq!(country(&ps, "Beledweyne"), "SOM", "{ps:#?}");
    let ps = places("Russia annexed the Amur Region in the 19th century.");
    assert!(
        ps.iter().all(|p| p.country.as_deref() != Some("IND")),
        "{ps:#?}"
    );
    let ps = places("The mayor of Dogubayazit claims the aid came late.");
    assert_eq!(country(&ps, "Dogubayazit"), "TUR", "{ps:#?}");
}
