//! The contract the fuzz targets check, and the structured generator of descriptions.
//!
//! Shared by the libFuzzer targets (`fuzz/fuzz_targets/`) and the stable-toolchain mutation
//! run in `tests/input_contract.rs` (included there with `#[path]`), so that both check the
//! same thing: a description that validates renders, PDF writing and tagging included.
//!
//! The generator takes the seed example and injects strings made of the pieces that have
//! broken typesetters before — document symbols (cited, so linked), URLs of 200 and more
//! characters, e-mail addresses, footnotes, long digit runs, long Latin words, line breaks —
//! into every text position: the body, the meeting name and place, the title note, item and
//! sub-item titles, annotation paragraphs and sub-paragraphs (four levels), documentation
//! entries and their symbols, and organization-of-work titles. Most of what it makes is valid,
//! so the fuzzer's time goes to layout and PDF writing rather than to the parser.

use serde_json::{Value, json};

/// The first example: the generator's seed.
pub const SEED: &str = include_str!("../examples/ctoc-cop-wg3-2021-1.json");

/// Seeds of the other kinds, which the generator starts from half the time: a report written
/// inline, a note by the Secretariat written inline (its contents table and pagination), a
/// draft resolution, a corrigendum, an information document with its list of participants.
pub const KIND_SEEDS: [&str; 5] = [
    include_str!("../tests/fixtures/report-small-inline.json"),
    include_str!("../tests/fixtures/note-small-inline.json"),
    include_str!("../examples/resolution-cop10-2020-l4.json"),
    include_str!("../examples/corrigendum-cop10-2020-l4-corr1.json"),
    include_str!("../examples/information-cop10-2020-inf1.json"),
];

/// What a description did: refused by validation, or rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not UTF-8, malformed, or refused by validation.
    Invalid,
    /// Validated and rendered.
    Rendered,
}

/// Parses and validates `bytes`; a description that validates must render every version it
/// lists (as archival PDF/A-2a when `archival`). Any error then is a gap in the contract
/// between validation and rendering, returned as the error's text; a panic is a crash.
pub fn check(bytes: &[u8], archival: bool) -> Result<Outcome, String> {
    let Ok(source) = ctoc_press::model::source_from_bytes(bytes) else { return Ok(Outcome::Invalid) };
    let meeting = match ctoc_press::parse(source) {
        Ok(m) => m,
        Err(e) => {
            // Problems are printed; formatting them must not fail either.
            let _ = e.to_string();
            return Ok(Outcome::Invalid);
        }
    };
    let options = ctoc_press::Options { archival, ..Default::default() };
    match ctoc_press::render(&meeting, &options) {
        Ok(_) => Ok(Outcome::Rendered),
        Err(e) => Err(format!("a description that validates does not render: {e}")),
    }
}

/// Choices read from fuzz bytes; past their end every choice is the first option.
pub struct Choices<'a> {
    bytes: &'a [u8],
}

impl<'a> Choices<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Choices { bytes }
    }

    fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((b, rest)) => {
                self.bytes = rest;
                *b
            }
            None => 0,
        }
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let raw = if n <= 256 {
            usize::from(self.byte())
        } else {
            usize::from(self.byte()) << 8 | usize::from(self.byte())
        };
        raw % n
    }

    /// True once in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<T: Copy>(&mut self, options: &[T]) -> T {
        options[self.below(options.len())]
    }
}

/// A generated description and how to render it.
pub struct Generated {
    pub json: String,
    pub archival: bool,
}

/// A description made from the seed and `bytes` (see the module documentation).
pub fn generate(bytes: &[u8]) -> Option<Generated> {
    let mut c = Choices::new(bytes);
    let seed = if c.one_in(2) { SEED } else { KIND_SEEDS[c.below(KIND_SEEDS.len())] };
    let mut doc: Value = serde_json::from_str(seed).ok()?;
    let archival = c.one_in(4);
    let bilingual = c.one_in(4);
    // The kind seeds are bilingual: the English version is made only when asked for.
    doc["languages"] = json!(["zh"]);
    if c.one_in(3) {
        doc["symbol"] = Value::String(symbol(&mut c));
    }
    if c.one_in(2) {
        doc["title_note"] = json!({ "zh": "本文件迟交。" });
    }
    // The envelope's optional parts: a title of its own, a reissue, date stamps.
    if c.one_in(2) {
        doc["title"] = json!({ "zh": "临时议程和说明" });
    }
    if c.one_in(3) {
        doc["reissued"] = json!("2021-01-15");
    }
    if c.one_in(3) {
        doc["agenda_item"] = json!({ "item": "2 (a)", "agenda": "CTOC/COP/WG.3/2021/1" });
    }
    if c.one_in(3) {
        doc["date_stamps"] = json!({ "zh": ["2021-01-04", "2021-01-06"], "en": ["2021-01-04"] });
    }
    add_structure(&mut c, &mut doc);
    let mut places = Vec::new();
    text_places(&doc, String::new(), None, &mut places);
    // Everywhere at once, or a few places.
    let every = c.one_in(4);
    let rounds = if every { places.len() } else { 1 + c.below(6) };
    for round in 0..rounds {
        let (pointer, notes) =
            if every { places[round].clone() } else { places[c.below(places.len())].clone() };
        let old =
            doc.pointer(&pointer).and_then(|v| v.get("zh")).and_then(Value::as_str).unwrap_or("").to_string();
        let new = text(&mut c, notes);
        let replaced = match c.below(3) {
            0 => new,
            1 => format!("{old}{new}"),
            _ => format!("{new}{old}"),
        };
        if let Some(Value::Object(map)) = doc.pointer_mut(&pointer) {
            map.insert("zh".into(), Value::String(replaced));
        }
    }
    if bilingual {
        doc["languages"] = json!(["zh", "en"]);
        doc["job_numbers"]["en"] = json!("V.20-07397");
        for (pointer, notes) in &places {
            let english = latin_text(&mut c, *notes);
            if let Some(Value::Object(map)) = doc.pointer_mut(pointer) {
                map.insert("en".into(), Value::String(english));
            }
        }
    }
    Some(Generated { json: serde_json::to_string_pretty(&doc).ok()?, archival })
}

/// Sub-paragraphs, documentation entries and organization-of-work titles the seed lacks.
fn add_structure(c: &mut Choices, doc: &mut Value) {
    let items = doc["agenda"].as_array().map_or(0, Vec::len);
    // The other kinds' seeds have no agenda; `doc["agenda"][i]` would make (or index) one.
    if items == 0 {
        return;
    }
    for _ in 0..c.below(3) {
        let i = c.below(items);
        let depth = 1 + c.below(4);
        let para = nested(c, depth);
        if let Some(list) = doc["agenda"][i]["annotations"].as_array_mut() {
            let at = c.below(list.len() + 1);
            list.insert(at, para);
        } else if let Some(item) = doc["agenda"][i].as_object_mut() {
            item.insert("annotations".into(), json!([para]));
        }
    }
    for _ in 0..c.below(3) {
        let i = c.below(items);
        let entry = json!({ "description": { "zh": "秘书处的说明" }, "symbol": symbol(c) });
        if let Some(item) = doc["agenda"][i].as_object_mut() {
            match item.get_mut("documentation").and_then(Value::as_array_mut) {
                Some(list) => list.push(entry),
                None => {
                    item.insert("documentation".into(), json!([entry]));
                }
            }
        }
    }
    if let Some(days) = doc["organization_of_work"].as_array_mut() {
        for day in days {
            for session in day["sessions"].as_array_mut().into_iter().flatten() {
                for work in session["items"].as_array_mut().into_iter().flatten() {
                    if c.one_in(3) {
                        work["title"] = json!({ "zh": "议程项目" });
                    }
                }
            }
        }
    }
}

/// An annotation with sub-paragraphs `depth` levels deep.
fn nested(c: &mut Choices, depth: usize) -> Value {
    if depth == 0 {
        return json!({ "zh": "分段。" });
    }
    let subs: Vec<Value> = (0..1 + c.below(3)).map(|_| nested(c, depth - 1)).collect();
    json!({ "text": { "zh": "段落：" }, "subparagraphs": subs })
}

/// JSON pointers of every text (an object from language code to string) and whether the
/// template sets notes there.
fn text_places(v: &Value, at: String, key: Option<&str>, out: &mut Vec<(String, bool)>) {
    const PLAIN: [&str; 9] =
        ["body", "name", "place", "title_note", "lead", "organ", "sponsors", "function", "label"];
    const RICH: [&str; 9] = [
        "title",
        "description",
        "text",
        "annotations",
        "subparagraphs",
        "paragraph",
        "for",
        "read",
        "instruction",
    ];
    match v {
        Value::Object(map) if map.contains_key("zh") => {
            if let Some(k) = key
                && (PLAIN.contains(&k) || RICH.contains(&k))
            {
                out.push((at, !PLAIN.contains(&k)));
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                text_places(v, format!("{at}/{k}"), Some(k), out);
            }
        }
        // Elements of a list are named for the list (annotations, subparagraphs).
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                text_places(v, format!("{at}/{i}"), key, out);
            }
        }
        _ => {}
    }
}

/// A valid document symbol, from short to the longest accepted.
fn symbol(c: &mut Choices) -> String {
    let mut s = c.pick(&["A", "E", "CTOC", "CCPR", "UNODC", "S", "TD"]).to_string();
    for _ in 0..1 + c.below(12) {
        let part = match c.below(6) {
            0 => format!("{}", 1 + c.below(3000)),
            1 => c
                .pick(&["COP", "RES", "INF", "C.3", "WG.3", "CN.15", "CRP.4", "L.1", "ES-11", "CONF.234"])
                .to_string(),
            2 => c.pick(&["Add.1", "Corr.2", "Rev.1", "Amend.1", "Summary.3"]).to_string(),
            3 => "9".repeat(1 + c.below(20)),
            4 => format!("WG{}", c.below(99)),
            _ => "2021".to_string(),
        };
        if s.len() + 1 + part.len() > ctoc_press::model::MAX_SYMBOL_CHARS - 1 {
            break;
        }
        s.push('/');
        s.push_str(&part);
    }
    if c.one_in(8) {
        s.push('*');
    }
    s
}

/// A Chinese text made of pieces, with notes where `notes`.
fn text(c: &mut Choices, notes: bool) -> String {
    let mut s = String::new();
    for _ in 0..1 + c.below(10) {
        s.push_str(&piece(c, notes));
    }
    if c.one_in(16) {
        // A long paragraph crosses pages.
        s = s.repeat(2 + c.below(30));
    }
    s
}

/// An English text for a bilingual description.
fn latin_text(c: &mut Choices, notes: bool) -> String {
    let mut s = String::from("Text ");
    for _ in 0..c.below(6) {
        s.push_str(&match c.below(4) {
            0 => piece(c, notes),
            _ => c
                .pick(&["the Working Group ", "on international cooperation, ", "in Vienna. ", "(see "])
                .to_string(),
        });
    }
    s
}

fn piece(c: &mut Choices, notes: bool) -> String {
    match c.below(16) {
        0 => symbol(c),
        1 => format!("（{}）", symbol(c)),
        2 => format!("见{}。", symbol(c)),
        3 => url(c),
        4 => format!("{}@unodc.org", "very.long.name".repeat(1 + c.below(12))),
        5 => "0123456789".repeat(1 + c.below(60)),
        6 => "Supercalifragilisticexpialidocious".repeat(1 + c.below(12)),
        7 if notes => {
            let mut body = String::new();
            for _ in 0..1 + c.below(3) {
                body.push_str(&piece(c, false));
            }
            format!("^[{}]", body.replace(']', "）"))
        }
        8 => "\n".to_string(),
        9 => c
            .pick(&[" ", "  ", "。", "，", "、", "；", "：", "“", "”", "《", "》", "——", "……", "(a)", "1."])
            .to_string(),
        10 => c.pick(&["2021年3月25日", "COVID-19", "50%", "Working Group", "https://", "@"]).to_string(),
        _ => c
            .pick(&[
                "国际合作工作组",
                "联合国打击跨国有组织犯罪公约缔约方会议",
                "秘书处编写的背景文件，内容是联合调查机构在打击跨国有组织犯罪方面的应用和作用",
                "工作组将通过一份会议报告。",
            ])
            .to_string(),
    }
}

/// A URL of 60 to 460 characters, with no space to break at.
fn url(c: &mut Choices) -> String {
    let mut s = String::from("https://www.unodc.org/documents/treaties/");
    let target = 60 + c.below(400);
    while s.len() < target {
        s.push_str(c.pick(&[
            "organized_crime/",
            "2021/",
            "CTOC_COP_WG.3_2021_1",
            "?lang=zh&x=",
            "%E4%B8%AD",
            "-",
        ]));
    }
    s
}
