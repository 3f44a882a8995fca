//! Negation counterparts from PETRARCH's internal coding ontology (PICO,
//! `PETR.Internal.Coding.Ontology.txt`): lines `CODE:VALUE#...` give each CAMEO code a
//! hexadecimal meaning, and some meanings are negations of others: `110:...#0xFFFF+0x0080`
//! (disapprove = not diplomatic cooperation, `050` = `0x0080`), `170:...#0x0087+0xFFFF`
//! (coerce = not sign agreement), `121:-0xFFFF+0x0070` (reject material cooperation).
//! A negated verb whose code has a counterpart is coded as the counterpart: "did not clash"
//! (110) is cooperation (050), as the PETRARCH suite expects.

use dyad_dict::Diagnostic;
use std::collections::HashMap;

/// Code -> (counterpart code, 1-based line that defined the pair).
#[derive(Debug, Clone, Default)]
pub struct Negations {
    pub file: String,
    pub map: HashMap<String, (String, usize)>,
}

impl Negations {
    pub fn counterpart(&self, code: &str) -> Option<(&str, usize)> {
        self.map.get(code).map(|(c, l)| (c.as_str(), *l))
    }
}

/// Reads the ontology text; `file` names it in diagnostics and rules.
pub fn read(file: &str, text: &str) -> (Negations, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // First pass: the plain meaning of each code (the first field when it is one hex number).
    let mut by_value: HashMap<u64, String> = HashMap::new();
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((code, rest)) = line.split_once(':') else {
            diags.push(Diagnostic::new(file, i + 1, "line without ':'; skipped"));
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            diags.push(Diagnostic::new(file, i + 1, "code is not numeric; skipped"));
            continue;
        }
        let fields: Vec<&str> = rest.split('#').map(str::trim).collect();
        if let Some(v) = fields.first().and_then(|f| hex(f)) {
            by_value.entry(v).or_insert_with(|| code.to_string());
        }
        lines.push((
            i + 1,
            code.to_string(),
            fields.iter().map(|f| f.to_string()).collect::<Vec<_>>(),
        ));
    }
    let mut map = HashMap::new();
    for (no, code, fields) in lines {
        for f in &fields {
            let f: String = f.chars().filter(|c| !c.is_whitespace()).collect();
            // `0xFFFF+0xH` / `0xH+0xFFFF`: a two-way negation; `-0xFFFF+0xH`, `0xH-0xFFFF`:
            // the negated code means H.
            let (other, both_ways) = if let Some(h) = f.strip_prefix("0xFFFF+") {
                (h.to_string(), true)
            } else if let Some(h) = f.strip_suffix("+0xFFFF") {
                (h.to_string(), true)
            } else if let Some(h) = f.strip_prefix("-0xFFFF+") {
                (h.to_string(), false)
            } else if let Some(h) = f.strip_suffix("-0xFFFF") {
                (h.to_string(), false)
            } else {
                continue;
            };
            let Some(v) = hex(&other) else { continue };
            let Some(target) = by_value.get(&v) else {
                continue;
            };
            if *target == code {
                continue;
            }
            map.entry(code.clone())
                .or_insert_with(|| (target.clone(), no));
            if both_ways {
                map.entry(target.clone())
                    .or_insert_with(|| (code.clone(), no));
            }
        }
    }
    (
        Negations {
            file: file.to_string(),
            map,
        },
        diags,
    )
}

fn hex(s: &str) -> Option<u64> {
    let h = s
        .trim()
        .strip_prefix("0x")
        .or_else(|| s.trim().strip_prefix("0X"))?;
    u64::from_str_radix(h, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_negation_pairs() {
        let text = "# comment\n050:0x0080#Coop\n057:0x0087\n060:0x0070#Mat\n110:0x1007f#0xFFFF+0x0080#0x7000#Dis\n121:-0xFFFF+0x0070\n170:0x10086#0x0087+0xFFFF#0x9000\n122:-0xFFFF+0x2040+0x300\nbad line\n";
        let (n, d) = read("o.txt", text);
        assert_eq!(n.counterpart("110"), Some(("050", 5)));
        assert_eq!(n.counterpart("050"), Some(("110", 5)));
        assert_eq!(n.counterpart("170"), Some(("057", 7)));
        assert_eq!(n.counterpart("057"), Some(("170", 7)));
        assert_eq!(n.counterpart("121"), Some(("060", 6)));
        assert_eq!(n.counterpart("060"), None);
        assert_eq!(n.counterpart("122"), None);
        assert_eq!(d.len(), 1);
    }
}
