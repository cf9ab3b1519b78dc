//! Parsing type expressions: `string`, `Payout`, `array<PayoutStatus>`, `map<json>`.

use crate::front::ast::{Primitive, TypeExpr};

/// How deep `array<...>` and `map<...>` may nest. Each level becomes a nested generic in the emitted Rust and a level
/// of recursion in every stage that walks types (checks, lowering, emitters, rustc); 32 is far beyond any real API
/// and far from any stack's limit.
pub const MAX_DEPTH: usize = 32;

/// How deep the `<` of a type expression nest, counted without parsing it (so hostile text costs one pass).
pub fn depth(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for b in text.bytes() {
        match b {
            b'<' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'>' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Parses a whole type expression, or says why it cannot. Expressions nested deeper than [`MAX_DEPTH`] are refused
/// before any recursion.
pub fn parse(text: &str) -> Result<TypeExpr, String> {
    if depth(text) > MAX_DEPTH {
        return Err(format!("`array<...>` and `map<...>` nest more than {MAX_DEPTH} levels deep"));
    }
    let mut parser = ExprParser { text, at: 0 };
    let expr = parser.expr()?;
    parser.skip_space();
    if parser.at < text.len() {
        return Err(format!("unexpected `{}` after the type", &text[parser.at..]));
    }
    Ok(expr)
}

struct ExprParser<'a> {
    text: &'a str,
    at: usize,
}

impl ExprParser<'_> {
    fn skip_space(&mut self) {
        while self.text[self.at..].starts_with(' ') {
            self.at += 1;
        }
    }

    fn ident(&mut self) -> &str {
        self.skip_space();
        let start = self.at;
        let len = self.text[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.text.len() - start);
        self.at += len;
        &self.text[start..start + len]
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        self.skip_space();
        if self.text[self.at..].starts_with(c) {
            self.at += 1;
            Ok(())
        } else if self.at >= self.text.len() {
            Err(format!("expected `{c}` before the end"))
        } else {
            Err(format!("expected `{c}` at `{}`", &self.text[self.at..]))
        }
    }

    fn expr(&mut self) -> Result<TypeExpr, String> {
        let name = self.ident().to_owned();
        if name.is_empty() {
            return Err(if self.at >= self.text.len() {
                "the type is empty".to_owned()
            } else {
                format!("expected a type name at `{}`", &self.text[self.at..])
            });
        }
        match name.as_str() {
            "array" | "map" => {
                self.expect('<')?;
                let inner = Box::new(self.expr()?);
                self.expect('>')?;
                Ok(if name == "array" { TypeExpr::Array(inner) } else { TypeExpr::Map(inner) })
            }
            "expandable" => {
                self.expect('<')?;
                let inner = self.expr()?;
                self.expect('>')?;
                match inner {
                    TypeExpr::Named(name) => Ok(TypeExpr::Expandable(name)),
                    other => Err(format!("`expandable<...>` takes the name of an object type, not `{other}`")),
                }
            }
            _ => Ok(Primitive::from_name(&name).map_or(TypeExpr::Named(name), TypeExpr::Primitive)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_generics() {
        let expr = parse("map< array<Payout> >").unwrap();
        assert_eq!(expr, TypeExpr::Map(Box::new(TypeExpr::Array(Box::new(TypeExpr::Named("Payout".into()))))));
        assert_eq!(expr.to_string(), "map<array<Payout>>");
    }

    #[test]
    fn expandable_takes_a_type_name() {
        assert_eq!(parse("array<expandable<Payout>>").unwrap().to_string(), "array<expandable<Payout>>");
        assert_eq!(parse("expandable< Payout >").unwrap(), TypeExpr::Expandable("Payout".into()));
        assert!(parse("expandable<string>").unwrap_err().contains("takes the name of an object type, not `string`"));
        assert!(parse("expandable<array<Payout>>").unwrap_err().contains("not `array<Payout>`"));
    }

    #[test]
    fn malformed_expressions_say_why() {
        assert_eq!(parse("array<string").unwrap_err(), "expected `>` before the end");
        assert_eq!(parse("").unwrap_err(), "the type is empty");
        assert!(parse("string[]").unwrap_err().contains("unexpected `[]`"));
        assert!(parse("array<>").unwrap_err().contains("expected a type name"));
    }

    #[test]
    fn nesting_is_limited_before_parsing() {
        let nested = |levels: usize| format!("{}string{}", "array<".repeat(levels), ">".repeat(levels));
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        assert!(parse(&nested(MAX_DEPTH + 1)).unwrap_err().contains("more than 32 levels"));
        // Deep enough to overflow the stack if it were parsed recursively.
        assert_eq!(depth(&nested(50_000)), 50_000);
        assert!(parse(&nested(50_000)).is_err());
    }
}
