//! The unformatted layout of a generated file: tokens printed in one pass, with a line break after every `;`,
//! attribute and brace, and no other layout. rustc reads it as it reads the formatted file (only whitespace differs),
//! and when a compiler message quotes a line of it (`note: associated function defined here`), the line holds one
//! declaration rather than a whole impl block.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Appends `tokens` to `out` in the compact layout.
pub(super) fn write(tokens: TokenStream, out: &mut String) {
    let mut attribute = false;
    for token in tokens {
        match token {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Brace => ("{\n", "\n}\n"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                write(group.stream(), out);
                out.push_str(close);
                // `#[...]` and `#![...]` end their line, so a doc comment or a derive is a line of its own.
                if std::mem::take(&mut attribute) && group.delimiter() == Delimiter::Bracket {
                    out.push('\n');
                } else if group.delimiter() != Delimiter::Brace {
                    out.push(' ');
                }
            }
            TokenTree::Punct(punct) => {
                let ch = punct.as_char();
                out.push(ch);
                attribute = ch == '#' || (attribute && ch == '!');
                if ch == ';' {
                    out.push('\n');
                } else if punct.spacing() == Spacing::Alone && !attribute {
                    out.push(' ');
                }
            }
            // Written straight into `out`: `to_string` would allocate a string per token, and a 10,000-endpoint
            // API has millions of them.
            TokenTree::Ident(ident) => {
                attribute = false;
                let _ = write!(out, "{ident} ");
            }
            TokenTree::Literal(literal) => {
                attribute = false;
                let _ = write!(out, "{literal} ");
            }
        }
    }
}
