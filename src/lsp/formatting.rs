//! Formatting through `steer fmt`'s printer: one edit replacing the whole
//! document with its canonical layout, none when it is already canonical.
//! A document that does not parse gets no edits (and no error: its
//! diagnostics already say what is wrong).

use super::state::LineIndex;
use lsp_types::TextEdit;

pub fn formatting(text: &str) -> Vec<TextEdit> {
    match crate::fmt::format_source(text) {
        Some(formatted) if formatted != text => {
            let whole = LineIndex::new(text).range(0, text.len());
            vec![TextEdit::new(whole, formatted)]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::formatting;

    #[test]
    fn formats_a_file_that_parses_and_leaves_one_that_does_not() {
        let edits = formatting("region   x {aws \"eu-west-1\"}\n");
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].new_text, "region x { aws \"eu-west-1\" }\n");
        assert!(formatting(&edits[0].new_text).is_empty());
        assert!(formatting("region x {").is_empty());
    }
}
