//! Rule-based English sentence and token segmentation, following the conventions of the UD
//! English EWT treebank (the parser downstream is trained on it). Every rule was checked against
//! EWT train; `dyad_eval::segment` scores it on EWT dev.
//!
//! # Offsets and invariants
//! Every [`Token`] and [`Sentence`] span is a half-open UTF-8 *byte* range into the text given,
//! always on char boundaries. Tokens are non-empty, never contain whitespace
//! ([`char::is_whitespace`]), never overlap and come in text order; each sentence owns a
//! contiguous, non-empty run of tokens, spans exactly from its first token's start to its last
//! token's end, and together the sentences cover all tokens. No input panics.
//!
//! # Tokens (UD syntactic words)
//! - Whitespace always separates tokens.
//! - Punctuation is split from words: brackets, quotes, `,` `;` `:` `$` `%` `#` `/` `&` and the
//!   like. A run of `.` `?` `!` `…` is one token (`...`, `?!`, `!!!`), as is a run of one quote
//!   kind (`''`, `‘’`) and a run of separator characters (`--`, `***`, `==----`). Dashes `—` `–`
//!   are tokens of their own.
//! - Kept whole: URLs (`https://…`, `www.…`), e-mail addresses (also archive-masked
//!   `jo...@example.com`), file names (`report.doc`), decimals, thousands and clock times
//!   (`3.5`, `1,000`, `10:30`, `.5`), all-digit dates and phone numbers (`2023-08-05`,
//!   `11/28/2000`, `9/11`, `713-853-3989`, `555-1234`), ordinals and decades (`3rd`, `1990s`,
//!   `1960's`), dotted abbreviations (`U.S.`, `e.g.`, `p.m.`), initials (`W.`), listed
//!   abbreviations (`Gen.`, `Jan.`, `Inc.`; `No.`/`Fig.` only before a number), whole-chunk
//!   emoticons (`:-)`), `w/` and `w/o`, `AT&T`-style initialisms, and words with an inner
//!   apostrophe that is not a clitic (`O'Brien`).
//! - Split: numbers from units (`5kg` → `5` `kg`, `7:30pm` → `7:30` `pm`); fractions and
//!   ranges (`1/2`, `20/20`, `52-48`); `$4.2` → `$` `4.2`; `5%` → `5` `%`.
//! - Hyphens are split as EWT does: `15-year` → `15` `-` `year`, `al-Qaeda` → `al` `-` `Qaeda`,
//!   except after a small set of prefixes (`e-mail`, `non-stop`, `anti-war`, `co-workers`).
//! - Clitics become separate tokens with [`Token::clitic`] set, so a word plus the clitics after
//!   it is one orthographic (surface) token: `Russia's` → `Russia` `'s`, `Russians'` →
//!   `Russians` `'` (only when a word follows, else it is a closing quote), `don't` → `do`
//!   `n't`, `can't` → `ca` `n't`, `won't` → `wo` `n't`, `I'm`, `they're`, `we've`, `he'll`,
//!   `she'd` (straight, curly or backtick apostrophes), `cannot` → `can` `not`, `gonna` → `gon`
//!   `na`, apostrophe-less spellings EWT splits (`dont` → `do` `nt`, `im` → `i` `m`), and `its`
//!   / `lets` when the next word shows they mean `it's` / `let's` (`its not`, `lets go`).
//! - An abbreviation that ends a sentence gives up its period as a token of its own
//!   (`… Acme Inc.` → `Inc` `.`), as in EWT.
//!
//! # Sentences
//! - A blank line always ends a sentence ([`segment`] also ends one at every paragraph end).
//! - `.` `?` `!` `…` runs, with any closing quotes or brackets attached to them, end a
//!   sentence unless the next token continues it (`,` `;` `)` an emoticon …), is glued to it
//!   (`…I`, `.doc`), or, after a closing quote or bracket, is lowercase (`"Why?" he asked`) or
//!   starts a short attribution (`"Why?" Smith asked.`). An ellipsis ends one only before a
//!   capital. A list number (`1.` opening a sentence) does not.
//! - An abbreviation ends a sentence only when a typical sentence opener follows (`… Apple Inc.
//!   The company …`, not `Apple Inc. Chief Executive …`); titles (`Gen.`, `Dr.`) never do.
//! - Without punctuation, before a capital: after a clock time's `AM`/`PM` (unless a zone, day
//!   or month follows), a URL or an e-mail quote marker `>`, before message openers (`Please`,
//!   `Thanks`, `Dear`) after a lowercase word, and after a sign-off comma (`Regards, | Ann`).
//! - A line break inside a paragraph after a line without final punctuation ends a sentence when
//!   the next line is bulleted, or starts with a capital or digit and either every line is
//!   short (under 50 chars: a list) or this line is under 60% of the longest (a headline above
//!   running text). Evenly hard-wrapped prose is not split at its line breaks.
//! - A sentence is cut after [`MAX_SENTENCE_TOKENS`] tokens to protect the parser.

mod lexicon;

use dyad_doc::{Document, Sentence, Token};
use lexicon::Abbrev;

/// A sentence with no boundary for this many tokens is cut (runaway lists, tables, text
/// without punctuation).
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Segment a whole text. Blank lines (lines holding only whitespace) are hard sentence
/// boundaries.
pub fn segment_text(text: &str) -> (Vec<Sentence>, Vec<Token>) {
    let text = clamp_len(text);
    // News text averages about six bytes per token: reserve once instead of regrowing.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentences = Vec::with_capacity(text.len() / 100 + 1);
    for_each_block(text, 0, text.len(), |s, e| {
        segment_block(text, s, e, &mut sentences, &mut tokens)
    });
    (sentences, tokens)
}

/// Segment a document's cleaned text within each of its paragraphs (or the blank-line
/// separated blocks of the whole text when `paragraphs` is empty), replacing `sentences` and
/// `tokens`.
pub fn segment(doc: &mut Document) {
    let text = clamp_len(&doc.text);
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentences = Vec::with_capacity(text.len() / 100 + 1);
    if doc.paragraphs.is_empty() {
        for_each_block(text, 0, text.len(), |s, e| {
            segment_block(text, s, e, &mut sentences, &mut tokens)
        });
    } else {
        // Paragraph spans come from another stage: clamp them into range, onto char boundaries
        // and into order, so bad spans cannot cause overlap or a panic.
        let mut done = 0;
        for p in &doc.paragraphs {
            let mut s = (p.start as usize).clamp(done, text.len());
            let mut e = (p.end as usize).clamp(s, text.len());
            while !text.is_char_boundary(s) {
                s += 1;
            }
            while !text.is_char_boundary(e) {
                e += 1;
            }
            for_each_block(text, s, e, |s, e| {
                segment_block(text, s, e, &mut sentences, &mut tokens)
            });
            done = e;
        }
    }
    doc.sentences = sentences;
    doc.tokens = tokens;
}

/// Segment `text` repeatedly for about `min_secs` seconds, as a stream of article-sized
/// documents (cut at blank lines into pieces of about 4 KB, each passed to [`segment_text`]),
/// and return (tokens per pass, tokens per second of wall-clock time). For measuring speed
/// from an example or the CLI; never used in tests.
pub fn measure_throughput(text: &str, min_secs: f64) -> (usize, f64) {
    let mut docs: Vec<&str> = Vec::new();
    let mut rest = clamp_len(text);
    while !rest.is_empty() {
        let mut cut = rest.len();
        if rest.len() > 4096 {
            let mut from = 4096;
            while !rest.is_char_boundary(from) {
                from += 1;
            }
            if let Some(k) = rest[from..].find("\n\n") {
                cut = from + k + 2;
            }
        }
        docs.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    let start = std::time::Instant::now();
    let mut total = 0usize;
    loop {
        let mut pass = 0;
        for d in &docs {
            let (_, toks) = segment_text(std::hint::black_box(d));
            pass += toks.len();
        }
        total += pass;
        let el = start.elapsed().as_secs_f64();
        if el >= min_secs {
            return (pass, total as f64 / el);
        }
    }
}

/// Offsets are `u32`: ignore anything past 4 GiB rather than wrap.
fn clamp_len(text: &str) -> &str {
    let mut n = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    &text[..n]
}

/// Call `f` on each maximal run of lines in `start..end` that contains no blank line.
fn for_each_block(text: &str, start: usize, end: usize, mut f: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    let mut block_start: Option<usize> = None;
    let mut line = start;
    while line < end {
        let nl = b[line..end].iter().position(|&c| c == b'\n');
        let line_end = nl.map_or(end, |k| line + k);
        let blank = text[line..line_end].chars().all(char::is_whitespace);
        if blank {
            if let Some(s) = block_start.take() {
                f(s, line);
            }
        } else if block_start.is_none() {
            block_start = Some(line);
        }
        line = line_end + 1;
    }
    if let Some(s) = block_start {
        f(s, end);
    }
}

fn segment_block(
    text: &str,
    start: usize,
    end: usize,
    sentences: &mut Vec<Sentence>,
    tokens: &mut Vec<Token>,
) {
    let t0 = tokens.len();
    Lexer {
        text,
        b: text.as_bytes(),
        out: tokens,
        open_single: false,
        chunk_start: 0,
    }
    .run(start, end);
    split_sentences(text, start, end, tokens, t0, sentences);
}

// ---------------------------------------------------------------------------------------------
// Characters

#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    match text.get(i..).and_then(|s| s.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

#[inline]
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
    } else {
        c.is_whitespace()
    }
}

/// Letters, digits, combining marks and joiners: what words are made of.
#[inline]
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !c.is_whitespace()
            && (c.is_alphanumeric()
                || matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
                    | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}'
                    | '\u{AD}' | '\u{200C}' | '\u{200D}'))
    }
}

#[inline]
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic()
    }
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

// ---------------------------------------------------------------------------------------------
// Tokens

struct Lexer<'a> {
    text: &'a str,
    b: &'a [u8],
    out: &'a mut Vec<Token>,
    /// An opening single quote is waiting for its close: a trailing `s'` then closes it rather
    /// than being a plural possessive.
    open_single: bool,
    chunk_start: usize,
}

impl Lexer<'_> {
    #[inline]
    fn push(&mut self, s: usize, e: usize, clitic: bool) {
        if s < e {
            let mut t = Token::new(s as u32, e as u32);
            t.clitic = clitic;
            self.out.push(t);
        }
    }

    fn run(&mut self, start: usize, end: usize) {
        let mut i = start;
        while i < end {
            let (c, l) = char_at(self.text, i);
            if is_space(c) {
                i += l;
                continue;
            }
            let cs = i;
            while i < end {
                let (c, l) = char_at(self.text, i);
                if is_space(c) {
                    break;
                }
                i += l;
            }
            self.chunk(cs, i);
        }
    }

    /// One whitespace-delimited chunk.
    fn chunk(&mut self, cs: usize, ce: usize) {
        let chunk = &self.text[cs..ce];
        self.chunk_start = cs;
        if lexicon::emoticon(chunk) || lexicon::with_slash(chunk) {
            self.push(cs, ce, false);
            return;
        }
        if let Some((us, ue)) = self.find_url(cs, ce) {
            self.range(cs, us, ce);
            self.push(us, ue, false);
            self.range(ue, ce, ce);
            return;
        }
        self.range(cs, ce, ce);
    }

    /// A URL inside the chunk: it may follow opening punctuation and lose trailing punctuation.
    fn find_url(&self, cs: usize, ce: usize) -> Option<(usize, usize)> {
        let b = &self.b[cs..ce];
        if b.len() < 6 {
            return None;
        }
        let lead = b
            .iter()
            .take(4)
            .take_while(|&&c| matches!(c, b'(' | b'[' | b'<' | b'"' | b'\'' | b'{'))
            .count();
        let r = &b[lead..];
        let starts = |p: &[u8]| r.len() > p.len() && r[..p.len()].eq_ignore_ascii_case(p);
        // Mailing-list archives mask addresses as `name...@example.com`.
        let masked =
            r.windows(4).any(|w| w == b"...@") && r.first().is_some_and(u8::is_ascii_alphanumeric);
        if !(masked
            || starts(b"http://")
            || starts(b"https://")
            || starts(b"ftp://")
            || starts(b"www.")
            || starts(b"mailto:"))
        {
            return None;
        }
        let us = cs + lead;
        let mut ue = ce;
        let opens = r.iter().filter(|&&c| c == b'(').count();
        let mut closes = r.iter().filter(|&&c| c == b')').count();
        while ue > us + 1 {
            let (c, l) = last_char(self.text, us, ue);
            let strip = match c {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '’' | '”' | '>' | ']' | '}' => {
                    true
                }
                ')' if closes > opens => {
                    closes -= 1;
                    true
                }
                _ => false,
            };
            if !strip {
                break;
            }
            ue -= l;
        }
        Some((us, ue))
    }

    /// Tokenize `s..e`, a piece of the chunk ending at `ce`.
    fn range(&mut self, s: usize, e: usize, ce: usize) {
        let mut p = s;
        while p < e {
            let (c, l) = char_at(self.text, p);
            if is_word(c) {
                p = self.word(p, e);
                continue;
            }
            let start = p;
            match c {
                '\'' | '’' | '‘' | '`' => {
                    if let Some(we) = self.apostrophe_word(p, e) {
                        p = we;
                        self.push(start, p, false);
                        continue;
                    }
                    // `Russians' ` + word: the plural possessive clitic.
                    let prev_s = p > s && matches!(self.b[p - 1], b's' | b'S');
                    if prev_s
                        && c != '‘'
                        && c != '`'
                        && p + l == ce
                        && !self.open_single
                        && self.word_follows(ce)
                    {
                        self.push(p, p + l, true);
                        p += l;
                        continue;
                    }
                    // `''`, `‘’`, `’’`: a run of single quotes is one (double) quote.
                    while p < e && matches!(char_at(self.text, p).0, '\'' | '’' | '‘' | '`') {
                        p += char_at(self.text, p).1;
                    }
                    let after_word = start > s && {
                        let (pc, _) = last_char(self.text, s, start);
                        is_word(pc) || matches!(pc, '.' | '!' | '?' | ',')
                    };
                    if after_word {
                        self.open_single = false;
                    } else if c != '`' && p - start == l {
                        self.open_single = true;
                    }
                }
                '.' => {
                    // `.5` is a number, `.doc` a file extension.
                    if p + 1 < e
                        && (self.b[p + 1].is_ascii_digit()
                            || (p == s
                                && s == self.chunk_start
                                && self.b[p + 1].is_ascii_lowercase()))
                        && (p == s || !self.prev_word(p))
                    {
                        p = self.word(p, e);
                        continue;
                    }
                    p = self.terminal_run(p, e);
                }
                '?' | '!' | '…' | '。' | '！' | '？' | '؟' | '।' => {
                    p = self.terminal_run(p, e)
                }
                '(' | ')' | '[' | ']' | '{' | '}' => p += l,
                // Separator lines mix these (`==----`, `*~*~*`): one token.
                '-' | '=' | '_' | '*' | '~' | '+' | '|' | '^' => {
                    while p < e
                        && matches!(
                            self.b[p],
                            b'-' | b'=' | b'_' | b'*' | b'~' | b'+' | b'|' | b'^'
                        )
                    {
                        p += 1;
                    }
                }
                _ => p = self.run_of(p, e, c),
            }
            self.push(start, p, false);
        }
    }

    fn prev_word(&self, p: usize) -> bool {
        let (c, _) = last_char(self.text, 0, p);
        is_word(c)
    }

    /// Does a word (letter or digit) start after the whitespace following `ce`?
    fn word_follows(&self, ce: usize) -> bool {
        let mut i = ce;
        while i < self.b.len() && matches!(self.b[i], b' ' | b'\t') {
            i += 1;
        }
        i > ce && i < self.b.len() && is_word(char_at(self.text, i).0)
    }

    fn run_of(&self, mut p: usize, e: usize, c: char) -> usize {
        let l = c.len_utf8();
        p += l;
        while p < e && char_at(self.text, p).0 == c {
            p += l;
        }
        p
    }

    fn terminal_run(&self, mut p: usize, e: usize) -> usize {
        while p < e {
            let (c, l) = char_at(self.text, p);
            if !is_terminal_char(c) {
                break;
            }
            p += l;
        }
        p
    }

    /// A word that starts with an apostrophe: `'90s`, `'em`, `'cause`, or a stray `'s`/`'ll`.
    fn apostrophe_word(&self, p: usize, e: usize) -> Option<usize> {
        let (_, l) = char_at(self.text, p);
        let r = p + l;
        let mut q = r;
        while q < e && self.b[q].is_ascii_alphanumeric() {
            q += 1;
        }
        // The word must end the chunk piece or be followed by punctuation, not more letters.
        if q < e && is_word(char_at(self.text, q).0) {
            return None;
        }
        let w = &self.text[r..q];
        let wb = w.as_bytes();
        let ok = (wb.len() == 2 && wb.iter().all(u8::is_ascii_digit))
            || (wb.len() == 3 && wb[..2].iter().all(u8::is_ascii_digit) && wb[2] == b's')
            || matches!(
                w,
                "em" | "cause"
                    | "til"
                    | "till"
                    | "tis"
                    | "twas"
                    | "n"
                    | "s"
                    | "ll"
                    | "re"
                    | "ve"
                    | "m"
                    | "d"
            );
        // A stray clitic only when it stands alone (`John 's`), not `'s` opening a quote.
        let alone = p == 0 || is_space(last_char(self.text, 0, p).0);
        let clitic_like = matches!(w, "s" | "ll" | "re" | "ve" | "m" | "d");
        (ok && (!clitic_like || alone)).then_some(q)
    }

    /// A word starting at `ws` (a word character). Emits its tokens and returns where it ended
    /// (after an abbreviation's period if one was attached).
    fn word(&mut self, ws: usize, e: usize) -> usize {
        let text = self.text;
        let b = self.b;
        let mut p = ws;
        let mut hyphens = 0usize;
        let mut at = false;
        loop {
            while p < e {
                let (c, l) = char_at(text, p);
                if !is_word(c) {
                    break;
                }
                p += l;
            }
            if p >= e {
                break;
            }
            let (c, l) = char_at(text, p);
            let next = p + l;
            let (nc, _) = if next < e {
                char_at(text, next)
            } else {
                (' ', 0)
            };
            let prev = if p > ws { b[p - 1] } else { 0 };
            let ok = match c {
                '.' => is_word(nc),
                ',' => {
                    prev.is_ascii_digit()
                        && next + 3 <= e
                        && b[next..next + 3].iter().all(u8::is_ascii_digit)
                        && (next + 3 == e || !b[next + 3].is_ascii_digit())
                }
                ':' => prev.is_ascii_digit() && nc.is_ascii_digit(),
                '/' => prev.is_ascii_digit() && nc.is_ascii_digit(),
                '&' => prev.is_ascii_uppercase() && nc.is_ascii_uppercase(),
                '-' => {
                    hyphens += 1;
                    is_word(nc)
                }
                '@' => {
                    at = true;
                    is_word(nc)
                }
                '_' => is_word(nc) || nc == '_',
                '\'' | '’' | '`' => is_letter(nc),
                _ => false,
            };
            if !ok {
                if c == '-' {
                    hyphens -= 1;
                }
                break;
            }
            p = next;
        }
        let we = p;
        // A single period right after the word may belong to it (abbreviation).
        let period = we < e && b[we] == b'.' && !(we + 1 < e && b[we + 1] == b'.');

        let w = &b[ws..we];
        // One slash between digits: a date (`9/11`, `5/18`) stays whole, a fraction or range
        // (`1/2`, `20/20`) is split.
        if let Some(k) = w.iter().position(|&c| c == b'/') {
            let (l, r) = (&w[..k], &w[k + 1..]);
            if hyphens == 0 && r.iter().all(u8::is_ascii_digit) && l.iter().all(u8::is_ascii_digit)
            {
                let num = |d: &[u8]| {
                    d.iter().fold(0u32, |a, &c| {
                        a.saturating_mul(10).saturating_add((c - b'0') as u32)
                    })
                };
                let (ln, rn) = (num(l), num(r));
                let date =
                    (1..=12).contains(&ln) && (1..=31).contains(&rn) && !(r.len() == 1 && ln < rn);
                if !date {
                    self.push(ws, ws + k, false);
                    self.push(ws + k, ws + k + 1, false);
                    return self.segment_word(ws + k + 1, we, period);
                }
            }
        }
        if hyphens == 0 || at {
            return self.segment_word(ws, we, period);
        }
        if w.iter().all(|c| c.is_ascii_digit() || *c == b'-') {
            let keep = hyphens >= 2 || {
                let k = w.iter().position(|&c| c == b'-').unwrap_or(0);
                k == 3 && w.len() == 8
            };
            if keep {
                return self.segment_word(ws, we, period);
            }
        }
        // Split at every hyphen not preceded by a prefix EWT keeps attached.
        let mut seg = ws;
        let mut q = ws;
        let mut end = we;
        while q < we {
            if b[q] == b'-' {
                // Only a hyphen between word characters counts (`x-` at the end is kept out).
                if !lexicon::hyphen_prefix(&text[seg..q]) {
                    self.segment_word(seg, q, false);
                    self.push(q, q + 1, false);
                    seg = q + 1;
                }
            }
            q += 1;
        }
        if seg < we {
            end = self.segment_word(seg, we, period);
        }
        end
    }

    /// Emit one hyphen-free piece: split clitics off, or attach an abbreviation's period.
    /// Returns the end of what was consumed.
    fn segment_word(&mut self, s: usize, e: usize, period: bool) -> usize {
        if s >= e {
            return e;
        }
        if period && self.is_abbreviation(s, e) {
            self.push(s, e + 1, false);
            return e + 1;
        }
        let w = &self.text[s..e];
        let b = w.as_bytes();
        // A number glued to a unit (`5kg`, `10pm`, `3bn`) is two tokens; ordinals (`3rd`),
        // decades (`1990s`) and codes with one capital (`4G`) stay whole.
        let mut digits = b
            .iter()
            .take_while(|c| c.is_ascii_digit() || matches!(c, b'.' | b':' | b','))
            .count();
        while digits > 0 && !b[digits - 1].is_ascii_digit() {
            digits -= 1;
        }
        if digits > 0 && digits < b.len() && b[digits..].iter().all(u8::is_ascii_alphabetic) {
            let unit = &w[digits..];
            let plain = b[..digits].iter().all(u8::is_ascii_digit);
            let whole = matches!(
                unit,
                "th" | "st" | "nd" | "rd" | "s" | "TH" | "ST" | "ND" | "RD" | "S" | "d"
            ) || (plain && unit.len() == 1 && b[digits].is_ascii_uppercase());
            if !whole {
                self.push(s, s + digits, false);
                self.push(s + digits, e, false);
                return e;
            }
        }
        // n't
        if b.len() >= 4 && matches!(b[b.len() - 1], b't' | b'T') {
            let (ap, al) = if b[b.len() - 2] == b'\'' || b[b.len() - 2] == b'`' {
                (b.len() - 2, 1)
            } else if w.ends_with("’t") || w.ends_with("’T") {
                (b.len() - 4, 3)
            } else {
                (0, 0)
            };
            if al > 0 && ap >= 2 && matches!(b[ap - 1], b'n' | b'N') {
                let n = ap - 1;
                let before = last_char(w, 0, n).0;
                if is_letter(before) {
                    self.push(s, s + n, false);
                    self.push(s + n, e, true);
                    return e;
                }
            }
        }
        // 's 'm 'd 're 've 'll after a letter.
        if let Some((ap, al)) = last_apostrophe(w) {
            let suffix = &w[ap + al..];
            let clitic = matches!(
                suffix,
                "s" | "S" | "m" | "M" | "d" | "D" | "re" | "RE" | "Re" | "ve" | "VE" | "ll" | "LL"
            );
            if clitic && ap > 0 && is_letter(last_char(w, 0, ap).0) {
                self.push(s, s + ap, false);
                self.push(s + ap, e, true);
                return e;
            }
        }
        // `its`/`lets` standing for `it's`/`let's`, told by the word after them.
        if (w.eq_ignore_ascii_case("its") || w.eq_ignore_ascii_case("lets"))
            && self.next_word_after(e, w.len() == 3)
        {
            self.push(s, e - 1, false);
            self.push(e - 1, e, true);
            return e;
        }
        if let Some(k) = lexicon::bare_contraction(w) {
            self.push(s, s + k, false);
            self.push(s + k, e, true);
            return e;
        }
        self.push(s, e, false);
        e
    }

    /// Is the word after `e` one that follows `it's` (`its_` true) or `let's` but never the
    /// possessive `its` or the verb `lets`?
    fn next_word_after(&self, e: usize, its_: bool) -> bool {
        let mut i = e;
        while i < self.b.len() && self.b[i] == b' ' {
            i += 1;
        }
        if i == e {
            return false;
        }
        let j = i + self.b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if its_ {
            lexicon::follows_its_is(&self.text[i..j])
        } else {
            lexicon::follows_lets(&self.text[i..j])
        }
    }

    /// Does the period after `s..e` belong to the word?
    fn is_abbreviation(&self, s: usize, e: usize) -> bool {
        let w = &self.text[s..e];
        let b = w.as_bytes();
        if b.contains(&b'.') {
            // U.S, e.g, Ph.D, a.m: every dotted part is one or two letters.
            return b
                .split(|&c| c == b'.')
                .all(|p| (1..=2).contains(&p.len()) && p.iter().all(u8::is_ascii_alphabetic));
        }
        let mut cs = w.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            return c.is_uppercase();
        }
        match lexicon::abbreviation_any_case(w) {
            Some(Abbrev::Title | Abbrev::Plain) => true,
            Some(Abbrev::BeforeNumber) => {
                let mut i = e + 1;
                while i < self.b.len() && self.b[i] == b' ' {
                    i += 1;
                }
                i > e + 1 && i < self.b.len() && self.b[i].is_ascii_digit()
            }
            None => false,
        }
    }
}

/// The last char of `text[lo..hi]` and its length (`(' ', 0)` when empty).
fn last_char(text: &str, lo: usize, hi: usize) -> (char, usize) {
    match text.get(lo..hi).and_then(|s| s.chars().next_back()) {
        Some(c) => (c, c.len_utf8()),
        None => (' ', 0),
    }
}

/// Byte position and length of the last apostrophe in `w`.
fn last_apostrophe(w: &str) -> Option<(usize, usize)> {
    let b = w.as_bytes();
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        match b[i] {
            b'\'' | b'`' => return Some((i, 1)),
            0x99 if i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80 => return Some((i - 2, 3)),
            _ => {}
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Sentences

fn is_terminal(t: &str) -> bool {
    !t.is_empty() && t.chars().all(is_terminal_char)
}

/// Sentence-final marks; the CJK, Arabic and Devanagari ones end a sentence even with no
/// space after them.
#[inline]
fn is_terminal_char(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '。' | '！' | '？' | '؟' | '।')
}

fn is_ellipsis(t: &str) -> bool {
    t.len() >= 2 && t.chars().all(|c| matches!(c, '.' | '…'))
}

fn is_closer(t: &str) -> bool {
    matches!(
        t,
        ")" | "]" | "}" | "\"" | "”" | "’" | "'" | "''" | "’’" | "»" | "›" | "\"\""
    )
}

/// A token that cannot start a sentence, so the sentence goes on through it.
fn continues(t: &str) -> bool {
    // Emoticons (`:)`, `^_^`) stay with the sentence before them too.
    matches!(
        first_char(t),
        ',' | ';' | ':' | ')' | ']' | '}' | '.' | '?' | '!' | '…'
    ) || lexicon::emoticon(t)
}

fn starts_upper(t: &str) -> bool {
    first_char(t).is_uppercase()
}

#[inline]
fn tok<'a>(text: &'a str, tokens: &[Token], i: usize) -> &'a str {
    &text[tokens[i].start as usize..tokens[i].end as usize]
}

#[inline]
fn attached(tokens: &[Token], i: usize) -> bool {
    tokens[i].end == tokens[i + 1].start
}

/// A word with its abbreviation period (`Inc.`, `U.S.`, `W.`).
fn is_abbreviation_token(t: &str) -> bool {
    t.len() >= 2 && t.ends_with('.') && is_word(first_char(t))
}

/// Group the tokens `t0..` of one block (`start..end` of `text`) into sentences. May split
/// the period off an abbreviation that ends a sentence (`etc.` → `etc` `.`), as EWT does.
fn split_sentences(
    text: &str,
    start: usize,
    end: usize,
    tokens: &mut Vec<Token>,
    t0: usize,
    out: &mut Vec<Sentence>,
) {
    let t1 = tokens.len();
    if t0 >= t1 {
        return;
    }
    // Abbreviation tokens whose period becomes a token, and how many precede `sent`.
    let mut splits: Vec<usize> = Vec::new();
    let mut shift = 0usize;
    // `1.` opening a sentence (after an optional bullet) or after a colon numbers a list item.
    let list_marker = |tokens: &[Token], i: usize, sent: usize| {
        i > t0
            && attached(tokens, i - 1)
            && tok(text, tokens, i - 1).len() <= 2
            && tok(text, tokens, i - 1).bytes().all(|c| c.is_ascii_digit())
            && (i - 1 == sent
                || matches!(tok(text, tokens, i - 2), ":")
                || (i - 2 == sent && matches!(tok(text, tokens, sent), "*" | "-" | "•" | "#")))
    };
    let mut max_line: Option<usize> = None;
    let mut sent = t0;
    let mut i = t0;
    while i < t1 {
        let mut last = i;
        let mut boundary = false;
        let t = tok(text, tokens, i);
        let abbrev = is_abbreviation_token(t);
        if i + 1 < t1 {
            if is_terminal(t) {
                let mut closed = false;
                let mut quoted = false;
                while last + 1 < t1
                    && attached(tokens, last)
                    && is_closer(tok(text, tokens, last + 1))
                {
                    last += 1;
                    closed = true;
                    quoted |= !matches!(tok(text, tokens, last), ")" | "]" | "}");
                }
                if last + 1 < t1 {
                    let n = tok(text, tokens, last + 1);
                    let spaced_script = t.is_ascii() || t == "…";
                    boundary = if continues(n)
                        || (spaced_script && attached(tokens, last) && is_word(first_char(n)))
                    {
                        // `.doc`, `...I` and `etc.)`: no space, no new sentence.
                        false
                    } else if is_ellipsis(t) {
                        starts_upper(n)
                    } else if closed && first_char(n).is_lowercase() {
                        // `"Why?" he asked`, `(at best!) and`.
                        false
                    } else if quoted && attribution(text, tokens, last + 1, t1) {
                        // `"Why now?" Smith asked.`
                        false
                    } else {
                        !(t == "." && list_marker(tokens, i, sent))
                    };
                }
            } else if abbrev {
                boundary = abbreviation_ends_sentence(&t[..t.len() - 1], tok(text, tokens, i + 1));
            } else if lexicon::emoticon(t) {
                boundary = starts_upper(tok(text, tokens, i + 1));
            }
            if !boundary && last == i && !attached(tokens, i) {
                let gap = &text[tokens[i].end as usize..tokens[i + 1].start as usize];
                let before = if i > t0 { tok(text, tokens, i - 1) } else { "" };
                let next = tok(text, tokens, i + 1);
                if unpunctuated_end(before, t, next)
                    || (t == ","
                        && i == sent + 1
                        && lexicon::sign_off(before)
                        && starts_upper(next))
                {
                    // The last also covers a letter's sign-off: `Thanks, | Anne`.
                    boundary = true;
                } else if gap.contains('\n') {
                    let ml = *max_line.get_or_insert_with(|| longest_line(text, start, end));
                    let next = tok(text, tokens, i + 1);
                    boundary =
                        line_break_ends_sentence(text, start, tokens[i].end as usize, t, next, ml);
                }
            }
        }
        if !boundary && last + 1 - sent >= MAX_SENTENCE_TOKENS {
            boundary = true;
        }
        if boundary || last + 1 == t1 {
            if abbrev && last == i {
                // The sentence's final period is punctuation of its own: `etc` `.`.
                splits.push(i);
            }
            out.push(Sentence {
                start: tokens[sent].start,
                end: tokens[last].end,
                token_start: (sent + shift) as u32,
                token_end: (last + 1 + splits.len()) as u32,
            });
            shift = splits.len();
            sent = last + 1;
        }
        i = last + 1;
    }
    if let Some(&first) = splits.first() {
        // Insert the split-off periods in one backward pass over the tail from the first split,
        // rather than shifting the tail once per split.
        let old_len = tokens.len();
        tokens.resize(old_len + splits.len(), Token::default());
        let mut dst = tokens.len();
        let mut pending = splits.len();
        for src in (first..old_len).rev() {
            if pending > 0 && splits[pending - 1] == src {
                pending -= 1;
                let e = tokens[src].end;
                dst -= 1;
                tokens[dst] = Token::new(e - 1, e);
                tokens[src].end = e - 1;
            }
            dst -= 1;
            tokens.swap(dst, src);
        }
    }
}

/// Tokens `i..` are a short attribution closing a quote: a few words, then a reporting verb,
/// then `.`, `,` (not opening another quote) or the end (`Smith asked.`, `said Gen. Lee,`).
fn attribution(text: &str, tokens: &[Token], i: usize, t1: usize) -> bool {
    for k in i..t1.min(i + 5) {
        let t = tok(text, tokens, k);
        if lexicon::reporting_verb(t) {
            // `He continued, "And …` introduces the next quote instead.
            let after = |j: usize| if j < t1 { tok(text, tokens, j) } else { "" };
            return match after(k + 1) {
                "" | "." => true,
                "," => !matches!(first_char(after(k + 2)), '"' | '“' | '\'' | '‘'),
                _ => false,
            };
        }
        if !is_word(first_char(t)) {
            return false;
        }
    }
    false
}

fn abbreviation_ends_sentence(w: &str, next: &str) -> bool {
    if !starts_upper(next) {
        return false;
    }
    if w.contains('.') {
        // e.g. and i.e. introduce examples; U.S., a.m. and the like can end a sentence.
        return !matches!(w, "e.g" | "i.e" | "E.g" | "I.e") && lexicon::sentence_starter(next);
    }
    if w.chars().nth(1).is_none() {
        // An initial: only a clear opener after it, and not `I`/`A`, which are initials too.
        return lexicon::sentence_starter(next) && !matches!(next, "I" | "A");
    }
    match lexicon::abbreviation_any_case(w) {
        Some(Abbrev::Title) => false,
        _ if matches!(w, "etc" | "al") => true,
        _ => lexicon::sentence_starter(next),
    }
}

/// Sentence ends that web and e-mail text leave unpunctuated, before a capital: after a
/// clock time (`… 11:42 AM Please call`), a URL, an e-mail quote marker (`>>`), or before a
/// word that opens messages (`… attached Thanks`) but is not capitalised inside a sentence.
fn unpunctuated_end(before: &str, t: &str, next: &str) -> bool {
    if !starts_upper(next) {
        return false;
    }
    let b = t.as_bytes();
    if (t.eq_ignore_ascii_case("am") || t.eq_ignore_ascii_case("pm"))
        && before.as_bytes().first().is_some_and(u8::is_ascii_digit)
    {
        return !lexicon::continues_time(next);
    }
    if b.len() >= 8 && (b.starts_with(b"http") || b.starts_with(b"www.")) && t.contains('.') {
        return true;
    }
    if !b.is_empty() && b.iter().all(|&c| c == b'>') {
        return true;
    }
    let c = first_char(t);
    (c.is_lowercase() || c.is_ascii_digit() || matches!(c, ')' | '"' | '”'))
        && lexicon::message_opener(next)
}

fn longest_line(text: &str, start: usize, end: usize) -> usize {
    text[start..end]
        .split('\n')
        .map(|l| l.trim().chars().count())
        .max()
        .unwrap_or(0)
}

/// A line that ends without final punctuation before a line break: a headline, byline or list
/// item above other text ends a sentence; a line of evenly hard-wrapped text does not. The
/// evidence is the shape of the paragraph: hard-wrapped prose has lines near one width (the
/// longest), so only a clearly shorter line, a bulleted next line, or a paragraph of short
/// lines marks an end.
fn line_break_ends_sentence(
    text: &str,
    block_start: usize,
    line_end: usize,
    last: &str,
    next: &str,
    longest: usize,
) -> bool {
    if matches!(
        first_char(last),
        ',' | ';' | '-' | '–' | '—' | '(' | '[' | '{' | '/' | '&' | '+' | '“' | '‘'
    ) {
        return false;
    }
    let nc = first_char(next);
    // A bulleted line is a new item however long the lines are.
    if matches!(nc, '•' | '*' | '-' | '–' | '—' | '·' | '▪' | '►') {
        return true;
    }
    if !(nc.is_uppercase() || nc.is_ascii_digit() || matches!(nc, '"' | '“')) {
        return false;
    }
    // Lines that never reach a wrapping width are separate items (a list, a table, a
    // headline over a short line).
    if longest < 50 {
        return true;
    }
    let line_start = text[block_start..line_end]
        .rfind('\n')
        .map_or(block_start, |k| block_start + k + 1);
    let len = text[line_start..line_end].trim().chars().count();
    len * 10 < longest * 6
}

#[cfg(test)]
mod tests;
