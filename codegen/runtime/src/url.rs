//! Building URLs: path segments, query strings, server URL templates, and the sort and filter parameters of
//! list endpoints.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::validate::ValidationError;

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`).
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one path segment: everything except RFC 3986 unreserved characters, so `po:abc/1` becomes
/// `po%3Aabc%2F1` and non-ASCII text is encoded as UTF-8.
///
/// A segment that is empty, `.` or `..` stays as it is; generated code refuses empty path arguments before calling
/// this.
pub fn encode_path_segment(segment: &str) -> String {
    utf8_percent_encode(segment, NOT_UNRESERVED).to_string()
}

/// A path argument, percent-encoded for its place in the path. Empty values, `.` and `..` are refused: URL parsers
/// treat the last two as "this folder" and "parent folder" (even when percent-encoded), so the request would reach
/// another resource.
pub fn path_segment(name: &'static str, value: &str) -> Result<String, crate::ValidationError> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(crate::ValidationError::new(name, "a path argument cannot be empty, `.` or `..`"));
    }
    Ok(encode_path_segment(value))
}

/// Query parameters in order, encoded by [`Query::to_query_string`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// No parameters.
    pub fn new() -> Self {
        Query { pairs: Vec::new() }
    }

    /// Adds `name=value`.
    pub fn push(&mut self, name: &str, value: impl Into<String>) {
        self.pairs.push((name.to_owned(), value.into()));
    }

    /// Adds one `name=value` pair per value: `ids=a&ids=b`. Nothing when there are no values.
    pub fn push_repeated(&mut self, name: &str, values: impl IntoIterator<Item = impl Into<String>>) {
        for value in values {
            self.push(name, value);
        }
    }

    /// Adds one pair holding the values joined by commas: `sort=a,b`. Nothing when there are no values.
    ///
    /// Refuses (and adds nothing) when a value contains `,`: `["a,b", "c"]` and `["a", "b", "c"]` would be the same
    /// parameter, so the server could not tell what was meant. The error names the parameter, not the value.
    pub fn push_comma(
        &mut self,
        name: &str,
        values: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<(), ValidationError> {
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        if values.iter().any(|value| value.contains(',')) {
            return Err(ValidationError::new(
                "comma-separated query parameter",
                format!("an item of `{name}` contains `,`, the separator between items"),
            ));
        }
        if !values.is_empty() {
            self.push(name, values.join(","));
        }
        Ok(())
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The parameters as `(name, value)` pairs, unencoded, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The `application/x-www-form-urlencoded` query string, without the `?`: `ids=a&ids=b`, or `""` when there are
    /// no parameters.
    ///
    /// Commas are left as they are (RFC 3986 allows them in a query), so list parameters read `sort=-createdTime,amount`;
    /// every other reserved character is percent-encoded and spaces become `+`.
    pub fn to_query_string(&self) -> String {
        let encoded = form_urlencoded::Serializer::new(String::new()).extend_pairs(&self.pairs).finish();
        // A `%` in the output always starts an escape of its own, so `%2C` is exactly an encoded comma.
        encoded.replace("%2C", ",")
    }
}

/// Joins a base URL (no trailing slash), a path (starting with `/`, segments already encoded) and a query, adding
/// `?query` only when there are parameters. A trailing slash on `base` is dropped rather than doubled.
pub fn join_url(base: &str, path: &str, query: &Query) -> String {
    let base = if path.starts_with('/') { base.trim_end_matches('/') } else { base };
    let mut url = format!("{base}{path}");
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.to_query_string());
    }
    url
}

/// Fills the `{name}` placeholders of a server URL template with percent-encoded values:
/// `https://{region}.api.example.com` with `region = "eu"` gives `https://eu.api.example.com`.
///
/// A placeholder without a value, or a `{` without its `}`, is an error (type name `server URL`). Unused variables
/// are ignored.
pub fn fill_server_url(template: &str, variables: &[(&str, &str)]) -> Result<String, ValidationError> {
    let mut url = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        url.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| ValidationError::new("server URL", "has a `{` without its `}`"))?;
        let name = &after[..close];
        let value =
            variables.iter().find(|(n, _)| *n == name).map(|(_, value)| *value).ok_or_else(|| {
                ValidationError::new("server URL", format!("needs a value for the variable `{name}`"))
            })?;
        url.push_str(&encode_path_segment(value));
        rest = &after[close + 1..];
    }
    url.push_str(rest);
    Ok(url)
}

fn refuse_name(type_name: &'static str, name: &str, forbidden: &str) -> Result<(), ValidationError> {
    if name.is_empty() {
        return Err(ValidationError::new(type_name, "must not be empty"));
    }
    if name.chars().any(|c| forbidden.contains(c) || c.is_whitespace()) {
        return Err(ValidationError::new(type_name, "must not contain `,`, `;`, `:` or whitespace"));
    }
    Ok(())
}

/// One field of a `sort` parameter: `field` ascending or `-field` descending.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SortField {
    field: String,
    descending: bool,
}

impl SortField {
    fn checked(field: String, descending: bool) -> Result<SortField, ValidationError> {
        refuse_name("sort field", &field, ",;:")?;
        if field.starts_with('-') {
            return Err(ValidationError::new("sort field", "must not start with `-`"));
        }
        Ok(SortField { field, descending })
    }

    /// Sorts by `field`, smallest first. Refuses a field that is empty, starts with `-`, or contains `,` `;` `:` or
    /// whitespace.
    pub fn asc(field: impl Into<String>) -> Result<SortField, ValidationError> {
        Self::checked(field.into(), false)
    }

    /// Sorts by `field`, largest first. Same rules as [`SortField::asc`].
    pub fn desc(field: impl Into<String>) -> Result<SortField, ValidationError> {
        Self::checked(field.into(), true)
    }

    /// `field` or `-field`; push several with [`Query::push_comma`].
    pub fn to_wire(&self) -> String {
        if self.descending {
            format!("-{}", self.field)
        } else {
            self.field.clone()
        }
    }
}

impl fmt::Display for SortField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_wire())
    }
}

/// A Rebilly-style filter, `field:v1,v2;field2:v3`: each field matches any of its values, and all fields must match.
///
/// Values that would change the meaning of the filter (containing `,` or `;`) are refused, never sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    fields: Vec<(String, Vec<String>)>,
}

impl Filter {
    /// A filter with no fields.
    pub fn new() -> Self {
        Filter { fields: Vec::new() }
    }

    /// Adds `name:v1,v2,...`.
    ///
    /// Refuses an empty name, a name containing `:` `;` `,` or whitespace, an empty list of values, and any value
    /// that is empty or contains `,` or `;`.
    pub fn field(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<Filter, ValidationError> {
        refuse_name("filter field", name, ",;:")?;
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        if values.is_empty() {
            return Err(ValidationError::new("filter value", "needs at least one value per field"));
        }
        if values.iter().any(String::is_empty) {
            return Err(ValidationError::new("filter value", "must not be empty"));
        }
        if values.iter().any(|value| value.contains([',', ';'])) {
            return Err(ValidationError::new("filter value", "must not contain `,` or `;`"));
        }
        self.fields.push((name.to_owned(), values));
        Ok(self)
    }

    /// Whether no field was added.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The filter as sent: `field:v1,v2;field2:v3`, or `""` when empty.
    pub fn to_wire(&self) -> String {
        let fields: Vec<String> =
            self.fields.iter().map(|(name, values)| format!("{name}:{}", values.join(","))).collect();
        fields.join(";")
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_wire())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_that_would_change_the_path_are_refused() {
        for bad in ["", ".", ".."] {
            assert!(path_segment("id", bad).is_err(), "{bad:?} must be refused");
        }
        assert_eq!(path_segment("id", "po:a/b").unwrap(), "po%3Aa%2Fb");
        assert_eq!(path_segment("id", "...").unwrap(), "...");
    }

    #[test]
    fn path_segments() {
        assert_eq!(encode_path_segment("po:abc/1"), "po%3Aabc%2F1");
        assert_eq!(encode_path_segment("a-b.c_d~e"), "a-b.c_d~e");
        assert_eq!(encode_path_segment("é 漢?#%"), "%C3%A9%20%E6%BC%A2%3F%23%25");
        assert_eq!(encode_path_segment(""), "");
    }

    #[test]
    fn queries() {
        let mut query = Query::new();
        assert!(query.is_empty());
        assert_eq!(query.to_query_string(), "");
        query.push_repeated("ids", ["a", "b"]);
        assert_eq!(query.to_query_string(), "ids=a&ids=b");
        let mut query = Query::default();
        let sort = [SortField::desc("createdTime"), SortField::asc("amount")];
        query
            .push_comma("sort", sort.iter().map(|s| s.as_ref().map(SortField::to_wire).expect("valid")))
            .expect("no commas");
        assert_eq!(query.to_query_string(), "sort=-createdTime,amount");
        query.push_comma("empty", Vec::<String>::new()).expect("nothing to refuse");
        query.push_repeated("none", Vec::<String>::new());
        assert_eq!(query.pairs(), [("sort".to_owned(), "-createdTime,amount".to_owned())]);
    }

    #[test]
    fn query_values_are_form_encoded() {
        let mut query = Query::new();
        query.push("q", "a b&c=d+e%2C,;:/é");
        query.push("x y", String::from("1"));
        let encoded = query.to_query_string();
        assert_eq!(encoded, "q=a+b%26c%3Dd%2Be%252C,%3B%3A%2F%C3%A9&x+y=1");
        let decoded: Vec<(String, String)> = form_urlencoded::parse(encoded.as_bytes()).into_owned().collect();
        assert_eq!(decoded, query.pairs());
    }

    #[test]
    fn urls() {
        let mut query = Query::new();
        assert_eq!(join_url("https://api.example.com/v1", "/payouts", &query), "https://api.example.com/v1/payouts");
        assert_eq!(join_url("https://api.example.com/", "/payouts", &query), "https://api.example.com/payouts");
        query.push("limit", "10");
        assert_eq!(join_url("https://api.example.com", "/payouts", &query), "https://api.example.com/payouts?limit=10");
    }

    #[test]
    fn server_urls() {
        let filled =
            fill_server_url("https://{region}.api.example.com/{version}", &[("region", "eu"), ("version", "v 1")]);
        assert_eq!(filled.expect("filled"), "https://eu.api.example.com/v%201");
        assert_eq!(
            fill_server_url("https://api.example.com", &[("unused", "x")]).expect("plain"),
            "https://api.example.com"
        );
        let error = fill_server_url("https://{region}.example.com", &[]).expect_err("missing");
        assert_eq!(error.to_string(), "invalid server URL: needs a value for the variable `region`");
        assert!(fill_server_url("https://{region.example.com", &[("region", "eu")]).is_err());
        assert_eq!(fill_server_url("{a}{b}", &[("a", "é"), ("b", "/")]).expect("adjacent"), "%C3%A9%2F");
    }

    #[test]
    fn sort_fields() {
        assert_eq!(SortField::asc("amount").expect("valid").to_wire(), "amount");
        assert_eq!(SortField::desc(String::from("createdTime")).expect("valid").to_string(), "-createdTime");
        for bad in ["", "-amount", "a,b", "a;b", "a:b", "a b", "a\tb"] {
            for result in [SortField::asc(bad), SortField::desc(bad)] {
                let error = result.expect_err(bad);
                assert_eq!(error.type_name(), "sort field");
            }
        }
    }

    #[test]
    fn filters() {
        let filter = Filter::new();
        assert!(filter.is_empty());
        assert_eq!(filter.to_wire(), "");
        let filter = filter
            .field("status", ["active", "pending"])
            .and_then(|f| f.field("createdTime", [String::from("2024-01-05T10:00:00Z")]))
            .expect("valid");
        assert!(!filter.is_empty());
        assert_eq!(filter.to_wire(), "status:active,pending;createdTime:2024-01-05T10:00:00Z");
        assert_eq!(filter.to_string(), filter.to_wire());
        let mut query = Query::new();
        query.push("filter", filter.to_wire());
        assert_eq!(query.to_query_string(), "filter=status%3Aactive,pending%3BcreatedTime%3A2024-01-05T10%3A00%3A00Z");
    }

    /// `["a,b", "c"]` and `["a", "b", "c"]` would both be `ids=a,b,c`: an item holding the separator is refused and
    /// nothing is added, so the request is never sent.
    #[test]
    fn comma_lists_refuse_items_holding_a_comma() {
        let mut query = Query::new();
        query.push_comma("ids", ["a", "b", "c"]).expect("plain items");
        for hostile in [vec!["a,b", "c"], vec![","], vec!["a", "b,"]] {
            let error = query.push_comma("ids", hostile.clone()).expect_err("refused");
            assert_eq!(error.type_name(), "comma-separated query parameter");
            assert!(error.reason().contains("`ids`"), "{error}");
            assert!(!error.to_string().contains("a,b"), "the value stays out of the error: {error}");
        }
        assert_eq!(query.to_query_string(), "ids=a,b,c", "refused lists add nothing");
    }

    #[test]
    fn filters_refuse_ambiguous_input() {
        let refuse = |name: &str, values: &[&str]| {
            let error = Filter::new().field(name, values.iter().copied()).expect_err(name);
            for value in values.iter().filter(|v| !v.is_empty()) {
                assert!(!error.to_string().contains(value));
            }
        };
        refuse("status", &["a,b"]);
        refuse("status", &["ok", "a;b"]);
        refuse("status", &[]);
        refuse("status", &[""]);
        refuse("", &["x"]);
        refuse("st:atus", &["x"]);
        refuse("st;atus", &["x"]);
        refuse("st,atus", &["x"]);
        refuse("st atus", &["x"]);
    }
}
