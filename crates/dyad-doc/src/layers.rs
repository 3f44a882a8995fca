//! Layers that the recognize stages (actors, places, times) add to a [`crate::Document`].
//! Spans are byte offsets into the cleaned text, as everywhere in the document model.

use serde::{Deserialize, Serialize};

use crate::event::Rule;

/// A mention of an actor: a country, an organization, a person, a group or a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// CAMEO-style actor code (`NERMIL`, `IGOWAFWAS`), when one could be assigned.
    pub code: Option<String>,
    /// The dictionary entry's canonical name, when one matched.
    pub name: Option<String>,
    /// The dictionary entry or inference rule that assigned the code.
    pub rule: Option<Rule>,
}

/// A place name resolved against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// Canonical name of the resolved place.
    pub name: Option<String>,
    /// ISO 3166 alpha-3 country code.
    pub country: Option<String>,
    /// WGS84 latitude and longitude in degrees.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Feature type: `country`, `admin1`, `admin2`, `city`, ...
    pub feature: Option<String>,
}

/// TIMEX3 type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A time expression normalized against the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeMention {
    pub start: u32,
    pub end: u32,
    pub text: String,
    #[serde(rename = "type")]
    pub timex_type: TimexType,
    /// TIMEX3 value: `2023-07-30`, `2023-07`, `2023-W31`, `P1W`, `PAST_REF`, ...
    pub value: String,
}
