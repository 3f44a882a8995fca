//! The readers must never panic: feed them garbage, every truncation of small
//! samples, and multi-byte characters next to every syntax marker.

use dyad_dict::{actors, agents, discards, issues, records, verbs};

const SAMPLES: &[&str] = &[
    "&S_\n+A_B\n+&S\n+(TO X)\n--- D [1] ---\n+V_UP {+VS_UP X_+Y} [2]\nW_+X\n- A (B {C &S}) * {D E} (F ^) $ [3:4] # c\n~ a (a b V_UP) W = a b 5\n",
    "--- D [1] ---\nV\n- ^ $_IN_* + % &S_X [---] # c\n- *_OUT [1]\n",
    "NAME_ [C] [D 900101-910101] [E <1] [F >20200101]\n+SYN ; c\n\t[G 19990101 - 20000101]\n\t[\n",
    "!P! = A, B\nX!P! {} [~C]\nY {Z} [D~]\nQ [~E}\n!Q!\n",
    "<ISSUE CATEGORY=\"A\">\nn:a+b v:c [X]\n~~y\n</ISSUE>\n",
    "<Environment><Verbfile>a, b</Verbfile><Include>A B</Include></Environment>\n<Sentence date=\"20000101\" id=\"x\"><EventCoding sourcecode='\"A\"' targetcode=\"B\" eventcode=\"C\"/><Text>t &amp; u</Text><Parse>(S (NP x))</Parse></Sentence>\n",
];

const GARBAGE: &[&str] = &[
    "",
    "\n\n\n",
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    "*",
    "-",
    "- *",
    "- [",
    "--- [",
    "---",
    "&",
    "+",
    "+&",
    "+(",
    "~",
    "~ =",
    "~ ( = ",
    "~ a (a (b c D) E) F = a b",
    "!",
    "!!=",
    "!A!=,",
    "<",
    "</",
    "<!--",
    "<Sentence",
    "<Sentence date='",
    "<Text>",
    "<Parse>",
    "<EventCoding",
    "\t[X <]",
    "\t[X -]",
    "\t[X 1-2-3]",
    "N:",
    "V:",
    "+++",
    "n:é v:ü [é]",
    "Ä_+Ö {é+ü} [ß]",
    "- é * ü [€]",
    "é [€ ñ<20200101]",
    "&amp &#xFFFFFFFF; &#99999999;",
];

fn run_all(text: &str) {
    let _ = verbs::read_with_format("f", text, verbs::VerbFormat::Petrarch2);
    let _ = verbs::read_with_format("f", text, verbs::VerbFormat::Petrarch1);
    let _ = actors::read("f", text);
    let _ = agents::read("f", text);
    let _ = discards::read("f", text);
    let _ = issues::read("f", text);
    let _ = records::read("f", text);
}

#[test]
fn garbage_does_not_panic() {
    for g in GARBAGE {
        run_all(g);
        run_all(&format!("{g}\n{g} {g}\n"));
        for s in SAMPLES {
            run_all(&format!("{s}{g}\n{s}"));
        }
    }
}

#[test]
fn truncations_do_not_panic() {
    for s in SAMPLES {
        for (i, _) in s.char_indices() {
            run_all(&s[..i]);
            run_all(&s[i..]);
        }
    }
}

#[test]
fn multibyte_next_to_markers_does_not_panic() {
    let markers = [
        "[", "]", "{", "}", "(", ")", "*", "_", "+", "&", "!", "~", "<", ">", "#", ";", "=", "\"",
        "'", "\t", "N:", "V:",
    ];
    for s in SAMPLES {
        for m in markers {
            run_all(&s.replace(m, &format!("é{m}ü")));
        }
    }
}
