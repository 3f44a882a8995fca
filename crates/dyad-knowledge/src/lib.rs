//! dyad's built-in knowledge: dictionaries written by the project in its own format
//! (`docs/dictionaries.md`), embedded in the binary. Countries, regions, international
//! organizations, news media, armed groups, leaders with their terms, agents (role words), verb
//! patterns and discards: facts, not copied from any other dictionary. Every file in `data/` is
//! embedded by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/files.rs"));

/// Built-in entries name their file as `builtin:NAME` in events' `rule.dictionary`.
pub const PREFIX: &str = "builtin:";

/// The files with their `builtin:` names, in load order.
pub fn files() -> impl Iterator<Item = (String, &'static str)> {
    FILES.iter().map(|(n, t)| (format!("{PREFIX}{n}"), *t))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_data_file_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let on_disk = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".dyad"))
                    .count()
            })
            .unwrap_or(0);
        assert_eq!(super::FILES.len(), on_disk);
        assert!(super::files().all(|(n, _)| n.starts_with("builtin:")));
    }
}
