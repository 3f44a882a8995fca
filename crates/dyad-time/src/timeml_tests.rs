//! Tests of the rules that follow the TimeML/TIMEX3 guidelines (extents with their modifiers,
//! times of day, quarters, sets, vague durations, tense), on sentences written for them.

use super::*;

/// Every expression in a sentence (words split on spaces, lower-cased): text, type, value.
fn all(text: &str, published: &str) -> Vec<(String, &'static str, String)> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let future = words.iter().any(|w| matches!(*w, "will" | "'ll" | "shall"));
    let anchor: Date = published.parse().expect("test date");
    find(&words, Some(anchor), future)
        .into_iter()
        .map(|f| {
            let t = match f.timex_type {
                TimexType::Date => "DATE",
                TimexType::Time => "TIME",
                TimexType::Duration => "DURATION",
                TimexType::Set => "SET",
            };
            (words[f.start..f.end].join(" "), t, f.value)
        })
        .collect()
}

/// The first expression: text and value.
fn first(text: &str, published: &str) -> (String, String) {
    all(text, published)
        .into_iter()
        .next()
        .map(|(s, _, v)| (s, v))
        .unwrap_or_default()
}

fn pair(s: &str, v: &str) -> (String, String) {
    (s.to_string(), v.to_string())
}

// Saturday 5 August 2023.
const SAT: &str = "2023-08-05";
// Monday 7 August 2023.
const MON: &str = "2023-08-07";

#[test]
fn numeric_dates_and_abbreviated_years() {
    assert_eq!(
        first("The accord was signed on 7/14/98 in Lome .", SAT),
        pair("7/14/98", "1998-07-14")
    );
    assert_eq!(
        first("filed on 11/28/2000 .", SAT),
        pair("11/28/2000", "2000-11-28")
    );
    assert_eq!(
        first("the lowest level since '82 .", "2008-10-27"),
        pair("'82", "1982")
    );
    assert_eq!(
        first("the '09 budget was cut", "2010-03-01"),
        pair("'09", "2009")
    );
    assert!(all("a score of 1/2 today", SAT)
        .iter()
        .all(|x| x.0 != "1/2"));
    assert_eq!(
        first("08-15-90 1337EDT", SAT),
        pair("08-15-90", "1990-08-15")
    );
    assert!(all("call 713-853-3989 now", SAT)
        .iter()
        .all(|x| x.0 != "713-853-3989"));
}

#[test]
fn decades() {
    assert_eq!(
        first("reforms of the 1990s failed", SAT),
        pair("1990s", "199")
    );
    assert_eq!(
        first("music of the '80s returned", SAT),
        pair("'80s", "198")
    );
    let both = all("the boxy cars of the 70s and 80s vanished", SAT);
    assert_eq!(both.len(), 2);
    assert_eq!((both[0].2.as_str(), both[1].2.as_str()), ("197", "198"));
    assert!(all("the minister , in his 70s , resigned", SAT).is_empty());
    assert_eq!(
        first("built in the mid-1990s .", SAT),
        pair("mid-1990s", "199")
    );
}

#[test]
fn mid_and_other_point_modifiers() {
    assert_eq!(
        first("due to open in mid-2011 .", "2010-10-23"),
        pair("mid-2011", "2011")
    );
    assert_eq!(
        first("the ferry resumed by mid-March .", SAT),
        pair("mid-march", "2023-03")
    );
    assert_eq!(
        first("took leave in early 2009 .", SAT),
        pair("early 2009", "2009")
    );
    assert_eq!(
        first("the plant was sold in late 2006 .", SAT),
        pair("late 2006", "2006")
    );
    assert_eq!(
        first("dealers must close by early June .", SAT),
        pair("early june", "2023-06")
    );
    assert_eq!(
        first("At the end of last year , the mill had 900 workers .", SAT),
        pair("the end of last year", "2022")
    );
    assert_eq!(
        first("The fund has lost 15 % since the start of this year .", SAT),
        pair("the start of this year", "2023")
    );
    assert_eq!(
        first("Rates rose at the beginning of the year .", SAT),
        pair("the beginning of the year", "2023")
    );
    assert_eq!(
        first("the index could gain for the rest of the week .", SAT),
        pair("the rest of the week", "2023-W31")
    );
    assert_eq!(
        first("prices rose from earlier today", SAT),
        pair("earlier today", "2023-08-05")
    );
}

#[test]
fn quantity_modifiers_are_part_of_the_extent() {
    assert_eq!(
        first("the lowest level in over a decade", SAT),
        pair("over a decade", "P10Y")
    );
    assert_eq!(
        first("hit after nearly two hours at sea", SAT),
        pair("nearly two hours", "PT2H")
    );
    assert_eq!(
        first("closed for more than a year", SAT),
        pair("more than a year", "P1Y")
    );
    assert_eq!(
        first("the best gain in almost five months", SAT),
        pair("almost five months", "P5M")
    );
    assert_eq!(
        first("the talks began about 10 a.m.", SAT),
        pair("about 10 a.m.", "2023-08-05T10:00")
    );
}

#[test]
fn clock_times() {
    let t = |s: &str| first(s, SAT).1;
    assert_eq!(
        t("the jet landed at 6:40 p.m. in Singapore"),
        "2023-08-05T18:40"
    );
    assert_eq!(t("the vote closes at 12:30 a.m."), "2023-08-05T00:30");
    assert_eq!(
        first("polls open at 10 a.m. EST .", SAT),
        pair("10 a.m. est", "2023-08-05T10:00")
    );
    assert_eq!(
        first("At 0800 GMT , six banks acted", SAT),
        pair("0800 gmt", "2023-08-05T08:00Z")
    );
    assert_eq!(t("the curfew starts at midnight"), "2023-08-05T24:00");
    assert_eq!(t("the rally began at noon"), "2023-08-05T12:00");
    assert_eq!(all("he scored 10 points", SAT), vec![]);
}

#[test]
fn clock_times_take_their_day() {
    assert_eq!(
        first("the firm filed at 12:00 UTC Monday in New York", SAT),
        pair("12:00 utc monday", "2023-07-31T12:00Z")
    );
    assert_eq!(
        first("the plane flew Tuesday in Everett at 18:00 UTC .", SAT).1,
        "2023-08-01"
    );
    assert_eq!(
        all("the plane flew Tuesday in Everett at 18:00 UTC .", SAT)[1].2,
        "2023-08-01T18:00Z"
    );
    assert_eq!(
        all("at a briefing at 16:15 UTC , June 1 , the chief spoke", SAT)[0],
        (
            "16:15 utc".to_string(),
            "TIME",
            "2023-06-01T16:15Z".to_string()
        )
    );
}

#[test]
fn parts_of_the_day_are_times() {
    let e = |s: &str, d: &str| all(s, d).into_iter().next().expect("an expression");
    assert_eq!(
        e("the union admitted Thursday night that talks failed", SAT),
        (
            "thursday night".to_string(),
            "TIME",
            "2023-08-03TNI".to_string()
        )
    );
    assert_eq!(e("police left yesterday morning", SAT).2, "2023-08-04TMO");
    assert_eq!(
        e("the ministry said this morning", SAT),
        (
            "this morning".to_string(),
            "TIME",
            "2023-08-05TMO".to_string()
        )
    );
    assert_eq!(e("the senate votes tonight", SAT).2, "2023-08-05TNI");
    assert_eq!(e("shelling resumed last night", SAT).2, "2023-08-04TNI");
}

#[test]
fn weekends() {
    assert_eq!(
        first("the rally planned this weekend", SAT),
        pair("this weekend", "2023-W31-WE")
    );
    assert_eq!(
        first("marchers gathered last weekend", SAT).1,
        "2023-W30-WE"
    );
    assert_eq!(
        first("ministers met during the weekend .", MON),
        pair("the weekend", "2023-W31-WE")
    );
    assert_eq!(
        first("the storm hit this past weekend", MON).1,
        "2023-W31-WE"
    );
    assert_eq!(
        first("ministers will meet over the weekend", "2023-08-09").1,
        "2023-W32-WE"
    );
}

#[test]
fn quarters_halves_and_fiscal_years() {
    assert_eq!(
        first("our third-quarter results", "2023-11-02"),
        pair("third-quarter", "2023-Q3")
    );
    assert_eq!(
        first("our third - quarter results", "2023-11-02"),
        pair("third - quarter", "2023-Q3")
    );
    assert_eq!(
        first("late payments rose in the fourth quarter", "2023-03-10").1,
        "2022-Q4"
    );
    assert_eq!(
        first("output will rise in the fourth quarter", "2023-03-10").1,
        "2023-Q4"
    );
    assert_eq!(
        first("profits fell during the last quarter", SAT),
        pair("the last quarter", "2023-Q2")
    );
    assert_eq!(
        first("in the first half of 2010", SAT),
        pair("the first half of 2010", "2010-H1")
    );
    assert_eq!(first("sales rose in the first half", SAT).1, "2023-H1");
    assert!(all("he scored in the first half of the match", SAT).is_empty());
    assert_eq!(
        first("after two consecutive quarters of decline", SAT).1,
        "P2Q"
    );
    assert!(all("about a quarter of the dealers", SAT).is_empty());
    assert_eq!(
        first("a deficit in fiscal 1998", SAT),
        pair("fiscal 1998", "FY1998")
    );
    assert_eq!(
        first("a deficit in fiscal year 1998", SAT),
        pair("fiscal year 1998", "FY1998")
    );
    assert_eq!(
        first("the start of the financial year", SAT),
        pair("the start of the financial year", "FY2023")
    );
    assert_eq!(
        first("net income for the year .", SAT),
        pair("the year", "2023")
    );
    assert_eq!(
        first("sales in the quarter ended June 30", SAT),
        pair("the quarter", "2023-Q2")
    );
}

#[test]
fn durations_with_more_words() {
    assert_eq!(
        first("the dollar rose after six straight days of losses", SAT),
        pair("six straight days", "P6D")
    );
    assert_eq!(
        first("the jet is two and a half years late", SAT),
        pair("two and a half years", "P2.5Y")
    );
    assert_eq!(
        first("a year and a half of talks", SAT),
        pair("a year and a half", "P1.5Y")
    );
    assert_eq!(
        first("stocks fell for the past five trading days", SAT),
        pair("the past five trading days", "P5D")
    );
    assert_eq!(
        first("the index fell in the past nine days", SAT),
        pair("the past nine days", "P9D")
    );
    assert_eq!(first("for a couple of weeks", SAT).1, "P2W");
    assert_eq!(
        first("over the next few months", SAT),
        pair("the next few months", "PXM")
    );
    assert_eq!(
        first("losses in recent years", SAT),
        pair("recent years", "PXY")
    );
    assert_eq!(
        first("talks in the coming weeks", SAT),
        pair("the coming weeks", "PXW")
    );
    assert_eq!(
        first("the third time in the past decade", SAT),
        pair("the past decade", "P10Y")
    );
    assert_eq!(
        first("held for twenty - five years", SAT),
        pair("twenty - five years", "P25Y")
    );
}

#[test]
fn vague_spans_after_prepositions() {
    assert_eq!(
        first("its highest level in years .", SAT),
        pair("years", "PXY")
    );
    assert_eq!(
        first("the firm grew over the years", SAT),
        pair("the years", "PXY")
    );
    assert_eq!(
        first("the gains vanished in just minutes", SAT),
        pair("minutes", "PTXM")
    );
    assert_eq!(first("the siege lasted for days", SAT), pair("days", "PXD"));
    assert!(all("the years of war", SAT).is_empty());
}

#[test]
fn hyphenated_durations() {
    assert_eq!(
        first("a decades-long dispute", SAT),
        pair("decades-long", "PXDE")
    );
    assert_eq!(first("a year-long inquiry", SAT), pair("year-long", "P1Y"));
    assert_eq!(
        first("the 65-year-old minister", SAT),
        pair("65-year-old", "P65Y")
    );
    assert_eq!(
        first("a two - year - old truce", SAT),
        pair("two - year - old", "P2Y")
    );
    assert_eq!(first("a five - year plan", SAT), pair("five - year", "P5Y"));
    assert_eq!(
        first("a twenty - four - hour strike", SAT),
        pair("twenty - four - hour", "PT24H")
    );
    assert_eq!(
        first("compared with the year-earlier period", SAT),
        pair("year-earlier", "2022")
    );
    assert_eq!(first("profit by year-end", SAT), pair("year-end", "2023"));
}

#[test]
fn a_day_is_a_duration_only_in_a_frame() {
    assert!(all("This is not a day anybody expected", SAT).is_empty());
    assert_eq!(
        first("the move came a day after the vote", SAT),
        pair("a day", "P1D")
    );
    assert_eq!(first("the strike lasted for a day", SAT).1, "P1D");
    assert_eq!(
        first("profit was lower a year earlier", SAT),
        pair("a year earlier", "2022")
    );
    assert_eq!(
        first("up from 14 % a year ago", SAT),
        pair("a year ago", "2022")
    );
}

#[test]
fn sets() {
    let e = |s: &str| all(s, SAT).into_iter().next().expect("an expression");
    assert_eq!(
        e("a $ 40 billion deal for 15 a year"),
        ("a year".to_string(), "SET", "P1Y".to_string())
    );
    assert_eq!(e("the council meets twice a year").0, "twice a year");
    assert_eq!(e("elections every two years").2, "P2Y");
    assert_eq!(e("patrols once a week").1, "SET");
    assert_eq!(e("three times a day").0, "three times a day");
    assert_eq!(e("markets every Monday").2, "XXXX-WXX-1");
    assert_eq!(e("one million visitors per week").0, "per week");
    assert_eq!(e("each year the fund grows").2, "P1Y");
}

#[test]
fn reference_phrases() {
    let v = |s: &str| first(s, SAT);
    assert_eq!(
        v("the bad decisions of the past ,"),
        pair("the past", "PAST_REF")
    );
    assert_eq!(
        v("growth in the near future"),
        pair("the near future", "FUTURE_REF")
    );
    assert_eq!(
        v("safe for the long term"),
        pair("the long term", "FUTURE_REF")
    );
    assert_eq!(
        v("the slump will last for the time being"),
        pair("the time being", "PRESENT_REF")
    );
    assert_eq!(
        v("there is no plan at present ."),
        pair("present", "PRESENT_REF")
    );
    assert_eq!(v("the index ended the day at 8,017"), pair("the day", SAT));
    assert_eq!(
        v("stocks rebounded late in the day"),
        pair("late in the day", SAT)
    );
    assert_eq!(
        v("a report released on the same day"),
        pair("the same day", SAT)
    );
    assert_eq!(
        v("the talks resumed the following day"),
        pair("the following day", "2023-08-06")
    );
    assert!(all("on the last day of the talks", SAT).is_empty());
    assert!(all("the current plan", SAT)
        .iter()
        .all(|x| x.0 != "the current"));
}

#[test]
fn seasons_and_holidays() {
    assert_eq!(
        first("their autumn meetings", SAT),
        pair("autumn", "2023-FA")
    );
    assert!(all("spring shows signs of hope", SAT).is_empty());
    assert_eq!(
        first("in the spring of 2010", SAT),
        pair("spring of 2010", "2010-SP")
    );
    assert_eq!(first("during the summer of last year", SAT).1, "2022-SU");
    assert_eq!(
        first("sales before Christmas rose", SAT),
        pair("christmas", "2022-12-25")
    );
    assert_eq!(
        first("shops will open before Christmas", SAT).1,
        "2023-12-25"
    );
    assert_eq!(
        first("New Year 's Eve parties", SAT),
        pair("new year 's eve", "2022-12-31")
    );
    assert_eq!(
        first("the talks will resume after Thanksgiving", SAT).1,
        "2023-11-23"
    );
    assert_eq!(first("the church was full at Easter", SAT).1, "2023-04-09");
}

#[test]
fn months_of_a_named_year() {
    assert_eq!(
        first("franchises lapse after October of next year", SAT),
        pair("october of next year", "2024-10")
    );
    assert_eq!(
        first("in June of 2009", SAT),
        pair("june of 2009", "2009-06")
    );
}

#[test]
fn the_nearest_tense_cue_dates_days_and_months() {
    let v = |s: &str, d: &str| first(s, d).1;
    // Saturday: the Friday before, though the sentence also speaks of the future.
    assert_eq!(
        v(
            "Apple announced Friday that it will give owners a case",
            SAT
        ),
        "2023-08-04"
    );
    assert_eq!(
        v("The trial is set to begin on Wednesday", SAT),
        "2023-08-09"
    );
    assert_eq!(
        v("A June 3 hearing has been scheduled", "2023-05-14"),
        "2023-06-03"
    );
    assert_eq!(
        v("The sale should be completed in October .", "2023-06-05"),
        "2023-10"
    );
    assert_eq!(
        v("On Friday , the index nearly broke that record", SAT),
        "2023-08-04"
    );
    assert_eq!(
        v(
            "The index closed lower on Monday , amid fears the state will step in",
            SAT
        ),
        "2023-07-31"
    );
}

#[test]
fn values_of_times_and_weekends_date_events() {
    let d = |s: &str| s.parse::<Date>().expect("date");
    assert_eq!(
        date_of("2023-08-03TNI"),
        Some((d("2023-08-03"), DatePrecision::Day))
    );
    assert_eq!(
        date_of("2023-08-05T18:40"),
        Some((d("2023-08-05"), DatePrecision::Day))
    );
    assert_eq!(
        date_of("2023-W31-WE"),
        Some((d("2023-07-31"), DatePrecision::Week))
    );
    assert_eq!(date_of("2023-Q3"), None);
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "1000 centuries ago",
        "1000 decades ago and 1000 weeks ago",
        "the 99/99/99 plan at 99:99 on 13/45/2001",
        "- - - 5 - - year - - old - mid- mid-x '",
        "every every once a a",
        "the end of the the end of",
        "'9 '999 1990's 00s the 00s",
    ] {
        let _ = all(text, SAT);
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let _ = find(&words, None, false);
    }
}
