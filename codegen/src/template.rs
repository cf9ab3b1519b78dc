//! `{name}` placeholders in URL and path templates.

/// The placeholder names in `template`, in order: `/payouts/{id}` -> `["id"]`.
pub fn placeholders(template: &str) -> Vec<String> {
    placeholder_spans(template).into_iter().map(|(name, _)| name).collect()
}

/// Each placeholder's name with the byte range of `{name}` in `template`, in order: the one reading of templates that
/// the checker (which points at a placeholder), the emitter and the samples share.
pub fn placeholder_spans(template: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = template[from..].find('{').map(|i| from + i) {
        let Some(close) = template[open + 1..].find('}').map(|i| open + 1 + i) else { break };
        out.push((template[open + 1..close].to_owned(), open..close + 1));
        from = close + 1;
    }
    out
}
